package com.omnichannel.gateway.platform.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.RequestImpl;
import io.vertx.redis.client.impl.ZModem;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.redis.client.impl.types.MultiType;

/**
 * The Redis client for a Redis Cluster: each command goes straight to the master of its key's hash slot, over a
 * connection pool of that node alone.
 * <p>
 * Why not the cluster client of the Redis library: it opens a connection to every node of the slot map (replicas
 * included) for every command and fails the command if any node refuses, so losing one node, even a replica, failed
 * every command on every shard until the cluster had noticed (the whole failure-detection window). Here a node that
 * is down fails only the commands for its own slots: the slot map is read again at once (CLUSTER SLOTS from any node
 * that answers, at most every {@link #REFRESH_PAUSE_MILLIS} ms), and when the replica has been promoted the map
 * points to it. Replicas are never read from (a cart must read what was just written), so losing one changes
 * nothing. {@code MOVED} (slots that moved) is followed once, {@code ASK} (a slot being migrated) too.
 * <p>
 * Keyless commands (PUBLISH, PING) go to any master that answers. Commands whose keys lie in several slots are
 * refused by Redis ({@code CROSSSLOT}), except MGET, which is split into one GET per key. Transactions
 * ({@code MULTI}) are not routed: the service uses Lua scripts instead.
 */
final class ClusterRouter implements Redis {

    private static final Logger LOG = Logger.getLogger(ClusterRouter.class);
    private static final int SLOTS = 16384;
    /** Failures read the slot map again, but not more often than this (every failing command would ask). */
    static final long REFRESH_PAUSE_MILLIS = 250;

    private final Vertx vertx;
    private final List<String> seeds;
    private final String scheme;
    private final String userInfo;
    private final RedisOptions nodeOptions;
    private final long commandTimeoutMillis;
    private final Map<String, Redis> nodes = new ConcurrentHashMap<>();
    /** The master endpoint of each hash slot; null before the first map is read. */
    private volatile String[] masterOfSlot;
    private volatile List<String> masters = List.of();
    private volatile Future<Void> refreshing;
    private volatile long lastRefreshMillis;
    private final long periodicRefresh;

    /**
     * @param seeds {@code redis://[user:password@]host:port} of some nodes of the cluster, asked for the slot map
     * @param nodeOptions pool and connection options for each node's client (its endpoint is set here)
     * @param commandTimeoutMillis a command without an answer after this long fails (a node that hangs)
     * @param refreshMillis the slot map is read again this often even when nothing failed
     */
    ClusterRouter(Vertx vertx, List<String> seeds, RedisOptions nodeOptions, long commandTimeoutMillis, long refreshMillis) {
        this.vertx = vertx;
        this.seeds = List.copyOf(seeds);
        URI first = URI.create(seeds.get(0));
        this.scheme = first.getScheme();
        this.userInfo = first.getRawUserInfo() == null ? "" : first.getRawUserInfo() + "@";
        this.nodeOptions = nodeOptions;
        this.commandTimeoutMillis = commandTimeoutMillis;
        this.periodicRefresh = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    /** The masters of the latest slot map (for health details). */
    List<String> masters() {
        return masters;
    }

    @Override
    public Future<RedisConnection> connect() {
        // A connection of its own is only used for pub/sub: plain SUBSCRIBE receives every shard's messages on any node.
        return slotMap().compose(v -> connectToAnyMaster(shuffledMasters(), 0));
    }

    private Future<RedisConnection> connectToAnyMaster(List<String> candidates, int index) {
        if (index >= candidates.size()) {
            refresh();
            return Future.failedFuture("No master of the Redis cluster accepts connections");
        }
        return node(candidates.get(index)).connect().recover(failure -> connectToAnyMaster(candidates, index + 1));
    }

    @Override
    public void close() {
        vertx.cancelTimer(periodicRefresh);
        nodes.values().forEach(Redis::close);
        nodes.clear();
    }

    @Override
    public Future<Response> send(Request request) {
        Promise<Response> answer = Promise.promise();
        long timer = vertx.setTimer(commandTimeoutMillis,
                id -> answer.tryFail(new TimeoutException("No answer from Redis within " + commandTimeoutMillis + " ms")));
        slotMap().compose(v -> route(request)).onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete(result.result());
            } else {
                answer.tryFail(result.cause());
            }
        });
        return answer.future();
    }

    @Override
    public Future<List<Response>> batch(List<Request> requests) {
        // Each request routed on its own, one after the other (the order of a batch is kept).
        Future<List<Response>> all = Future.succeededFuture(new ArrayList<>());
        for (Request request : requests) {
            all = all.compose(responses -> send(request).map(response -> {
                responses.add(response);
                return responses;
            }));
        }
        return all;
    }

    private Future<Response> route(Request request) {
        List<byte[]> keys = ((RequestImpl) request).keys();
        if (keys.isEmpty()) {
            return sendToAnyMaster(request, shuffledMasters(), 0);
        }
        if (keys.size() > 1 && request.command() == Command.MGET && ZModem.generateMultiRaw(keys) == -1) {
            return splitMget(keys);
        }
        return sendTo(masterOfSlot[ZModem.generate(keys.get(0))], request, true);
    }

    private Future<Response> sendToAnyMaster(Request request, List<String> candidates, int index) {
        if (index >= candidates.size()) {
            refresh();
            return Future.failedFuture("No master of the Redis cluster answers");
        }
        return sendTo(candidates.get(index), request, true).recover(failure -> isConnectionFailure(failure)
                ? sendToAnyMaster(request, candidates, index + 1)
                : Future.failedFuture(failure));
    }

    private Future<Response> splitMget(List<byte[]> keys) {
        List<Future<Response>> gets = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            gets.add(sendTo(masterOfSlot[ZModem.generate(key)], Request.cmd(Command.GET).arg(key), true));
        }
        return Future.all(gets).map(all -> {
            MultiType values = MultiType.create(keys.size(), false);
            for (int i = 0; i < keys.size(); i++) {
                values.add(all.resultAt(i));
            }
            return values;
        });
    }

    private Future<Response> sendTo(String endpoint, Request request, boolean mayFollow) {
        if (endpoint == null) {
            refresh();
            return Future.failedFuture("CLUSTERDOWN no master known for this key yet");
        }
        return node(endpoint).send(request).recover(failure -> {
            String message = String.valueOf(failure.getMessage());
            if (mayFollow && message.startsWith("MOVED ")) {
                refresh();
                return sendTo(endpointOf(message), request, false);
            }
            if (mayFollow && message.startsWith("ASK ")) {
                return node(endpointOf(message)).batch(List.of(Request.cmd(Command.ASKING), request)).map(both -> both.get(1));
            }
            if (isConnectionFailure(failure) || message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN")) {
                // This shard's master is gone (or the cluster still decides who takes over): read the map again.
                refresh();
            }
            return Future.failedFuture(failure);
        });
    }

    /** {@code MOVED 3999 127.0.0.1:6381} (or ASK): the endpoint at the end. */
    private String endpointOf(String redirect) {
        String address = redirect.substring(redirect.lastIndexOf(' ') + 1);
        return scheme + "://" + userInfo + address;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        // Refused, reset or closed connections; Redis' own errors (-ERR, -MOVED...) are not.
        return !(failure instanceof ErrorType);
    }

    private Redis node(String endpoint) {
        // Each node's pool has metrics of its own, named by its address (never its password).
        return nodes.computeIfAbsent(endpoint, e -> Redis.createClient(vertx, new RedisOptions(nodeOptions)
                .setType(RedisClientType.STANDALONE).setConnectionString(e).setPoolName(address(e))));
    }

    private static String address(String endpoint) {
        URI uri = URI.create(endpoint);
        return uri.getHost() + ":" + uri.getPort();
    }

    private List<String> shuffledMasters() {
        List<String> shuffled = new ArrayList<>(masters);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled;
    }

    /** The slot map, read first if it never was. */
    private Future<Void> slotMap() {
        return masterOfSlot != null ? Future.succeededFuture() : refresh();
    }

    /** Reads the slot map again, unless it was read moments ago; one reading at a time. */
    Future<Void> refresh() {
        Future<Void> running = refreshing;
        if (running != null) {
            return running;
        }
        if (masterOfSlot != null && System.currentTimeMillis() - lastRefreshMillis < REFRESH_PAUSE_MILLIS) {
            return Future.succeededFuture();
        }
        synchronized (this) {
            if (refreshing != null) {
                return refreshing;
            }
            lastRefreshMillis = System.currentTimeMillis();
            Set<String> candidates = new LinkedHashSet<>(masters);
            candidates.addAll(seeds);
            Promise<Void> done = Promise.promise();
            refreshing = done.future();
            readSlots(new ArrayList<>(candidates), 0, done);
            return done.future().onComplete(result -> refreshing = null);
        }
    }

    private void readSlots(List<String> candidates, int index, Promise<Void> done) {
        if (index >= candidates.size()) {
            done.fail("No node of the Redis cluster answers CLUSTER SLOTS");
            return;
        }
        String endpoint = candidates.get(index);
        node(endpoint).send(Request.cmd(Command.CLUSTER).arg("SLOTS")).onComplete(result -> {
            if (result.failed() || result.result() == null || result.result().size() == 0) {
                readSlots(candidates, index + 1, done);
                return;
            }
            apply(result.result(), URI.create(endpoint).getHost());
            done.complete();
        });
    }

    private void apply(Response slots, String askedHost) {
        String[] map = new String[SLOTS];
        Set<String> found = new LinkedHashSet<>();
        for (Response range : slots) {
            Response master = range.get(2);
            String host = master.get(0) == null || master.get(0).toString().isEmpty() ? askedHost : master.get(0).toString();
            String endpoint = scheme + "://" + userInfo + host + ":" + master.get(1).toInteger();
            found.add(endpoint);
            for (int slot = range.get(0).toInteger(); slot <= range.get(1).toInteger(); slot++) {
                map[slot] = endpoint;
            }
        }
        List<String> before = masters;
        masters = List.copyOf(found);
        masterOfSlot = map;
        if (!before.isEmpty() && !Set.copyOf(before).equals(found)) {
            LOG.infof("Redis cluster masters are now %s", found);
        }
    }

    /** Connection options of each node's pool: those of the service's Redis configuration. */
    static RedisOptions nodeOptions(int maxPoolSize, int maxPoolWaiting, int connectTimeoutMillis) {
        return new RedisOptions().setMaxPoolSize(maxPoolSize).setMaxPoolWaiting(maxPoolWaiting)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout(connectTimeoutMillis).setTcpNoDelay(true));
    }
}
