package com.omnichannel.gateway.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by its SHA-1 (one round trip), loaded on first use and again if Redis lost its script cache
 * (after a restart).
 */
public final class LuaScript {

    private final String source;
    private volatile String sha;

    private LuaScript(String source) {
        this.source = source;
    }

    /** A script from the class path, e.g. {@code cart/mutate.lua}. */
    public static LuaScript fromResource(String path) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing script " + path);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read script " + path, e);
        }
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        String loaded = sha;
        if (loaded == null) {
            return redis.execute("SCRIPT", "LOAD", source).chain(r -> {
                sha = r.toString();
                return run(redis, keys, args);
            });
        }
        String[] command = new String[2 + keys.size() + args.size()];
        command[0] = loaded;
        command[1] = String.valueOf(keys.size());
        int i = 2;
        for (String key : keys) {
            command[i++] = key;
        }
        for (String arg : args) {
            command[i++] = arg;
        }
        return redis.execute("EVALSHA", command)
                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                .recoverWithUni(() -> {
                    sha = null;
                    return run(redis, keys, args);
                });
    }
}
