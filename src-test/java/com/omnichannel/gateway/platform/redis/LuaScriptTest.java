package com.omnichannel.gateway.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.resilience.RedisServer;

import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * A script runs by its SHA-1; a node that does not know it yet runs it from its source once and keeps it, so the
 * script is loaded on the node it runs on and never separately (SCRIPT LOAD could reach another node of a
 * cluster). Against a redis-server of the test's own, whose statistics count exactly these commands.
 */
class LuaScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    RedisServer server;
    Vertx vertx;
    Redis client;
    ReactiveRedisDataSourceImpl redis;

    @BeforeEach
    void own_redis() {
        server = new RedisServer();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, "redis://127.0.0.1:" + server.port());
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @AfterEach
    void stop() {
        client.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void a_script_unknown_to_the_node_runs_from_its_source_once_then_by_its_sha_with_no_script_load() {
        LuaScript hit = LuaScript.fromResource("ratelimit/hit.lua");

        for (int i = 1; i <= 3; i++) {
            hit.run(redis, List.of("lua-test:{a}"), List.of("60000")).await().atMost(WAIT);
        }

        assertThat(redis.execute("SCRIPT", "EXISTS", hit.sha()).await().atMost(WAIT).get(0).toInteger())
                .as("the node keeps the script under the SHA-1 the service computed").isEqualTo(1);
        String stats = redis.execute("INFO", "commandstats").await().atMost(WAIT).toString();
        assertThat(stats).contains("cmdstat_evalsha:calls=3,").contains("cmdstat_eval:calls=1,")
                .doesNotContain("cmdstat_script:calls=1,", "cmdstat_script:calls=2,");
    }

    @Test
    void a_node_that_lost_its_scripts_runs_them_again_from_their_source() {
        LuaScript hit = LuaScript.fromResource("ratelimit/hit.lua");
        hit.run(redis, List.of("lua-test:{b}"), List.of("60000")).await().atMost(WAIT);
        redis.execute("SCRIPT", "FLUSH").await().atMost(WAIT);

        hit.run(redis, List.of("lua-test:{b}"), List.of("60000")).await().atMost(WAIT);

        assertThat(redis.execute("SCRIPT", "EXISTS", hit.sha()).await().atMost(WAIT).get(0).toInteger()).isEqualTo(1);
    }
}
