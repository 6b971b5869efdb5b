package com.omnichannel.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service's view of its backing services, for fault tests: Redis is a redis-server of the test's own (with
 * append-only persistence) behind a {@link TcpProxy}, and the reactive PostgreSQL pool connects through another
 * proxy (Flyway keeps the direct JDBC connection). Tests cut and restore the proxies, and kill and restart the
 * redis-server; the machine's shared PostgreSQL and Redis are never touched.
 */
public final class Outages {

    /** How long a request may take to be answered during an outage or with hostile input. */
    static final Duration FAST = Duration.ofSeconds(5);

    /** Runs a request and asserts it answered within {@link #FAST}. */
    static <T> T timed(Supplier<T> request) {
        long start = System.nanoTime();
        T result = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within %s", FAST).isLessThan(FAST);
        return result;
    }

    public final RedisServer redisServer;
    public final TcpProxy redis;
    public final TcpProxy postgres;

    Outages(RedisServer redisServer, TcpProxy redis, TcpProxy postgres) {
        this.redisServer = redisServer;
        this.redis = redis;
        this.postgres = postgres;
    }

    /** The test profile: Quarkus started against the proxies. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }

        /** Short database timeouts, so that a hanging PostgreSQL fails requests within {@link Outages#FAST}. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.db.acquisition-timeout", "PT2S", "app.db.response-timeout", "PT3S",
                    "app.db.statement-timeout", "PT2S");
        }
    }

    /** Starts the redis-server and the proxies before Quarkus, and hands them to the test instance. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private Outages outages;

        @Override
        public Map<String, String> start() {
            RedisServer server = new RedisServer();
            TcpProxy redis = new TcpProxy("127.0.0.1", server.port());
            String dbPort = System.getenv().getOrDefault("DB_PORT", "5432");
            TcpProxy postgres = new TcpProxy(System.getenv().getOrDefault("DB_HOST", "127.0.0.1"), Integer.parseInt(dbPort));
            outages = new Outages(server, redis, postgres);
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(),
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.port() + "/${db.name}");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(outages, new TestInjector.MatchesType(Outages.class));
        }

        @Override
        public void stop() {
            if (outages != null) {
                outages.redis.close();
                outages.postgres.close();
                outages.redisServer.close();
            }
        }
    }
}
