package com.omnichannel.gateway.platform.cache;

import com.omnichannel.gateway.platform.redis.PubSubRelay;

/**
 * The one way a local cache is emptied after a committed change: on this instance only, when every instance
 * learns of the change by itself, or on every instance, through a Redis channel of the cache's own.
 * <p>
 * An instance that was cut off from the channel (Redis restarted, a network cut) may have missed invalidations, so
 * it empties its cache once it is subscribed again. The cache's time to live bounds what it misses otherwise
 * (a message lost while publishing).
 */
public final class CacheInvalidation {

    /**
     * What is published: the message only says "empty your cache" (instances of earlier versions publish the
     * same).
     */
    static final String MESSAGE = "1";

    private final PubSubRelay relay;
    private final String channel;
    private final Runnable emptyHere;

    /**
     * @param channel the Redis channel of this cache, the same on every instance
     * @param emptyHere empties this instance's cache; it must stop loads already running from keeping what they read
     */
    public CacheInvalidation(PubSubRelay relay, String channel, Runnable emptyHere) {
        this.relay = relay;
        this.channel = channel;
        this.emptyHere = emptyHere;
    }

    /** From now on, the other instances' invalidations empty this instance's cache too. Called once, at start-up. */
    public void listen() {
        relay.subscribe(channel, message -> emptyHere.run(), emptyHere);
    }

    /** Empties this instance's cache (the others learn of the change another way, or need not). */
    public void here() {
        emptyHere.run();
    }

    /**
     * Empties this instance's cache at once and every other instance's when the message reaches it (milliseconds);
     * the publishing goes on after this returns, and a failure to publish is logged only.
     */
    public void everywhere() {
        emptyHere.run();
        relay.publish(channel, MESSAGE).subscribe().with(published -> {
        });
    }
}
