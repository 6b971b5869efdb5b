package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;

/**
 * The response cache counts what each entry holds besides its answer, so that many tiny answers (one per distinct
 * variable value an anonymous client sends) stay within its memory budget too.
 */
class ResponseCacheMemoryTest {

    @Test
    void a_flood_of_tiny_answers_stays_within_the_budget() {
        long budget = 1 << 20;
        ResponseCache cache = new ResponseCache(true, Duration.ofMinutes(1), budget, null, new SimpleMeterRegistry());
        Buffer tiny = Buffer.buffer("{\"data\":{\"product\":null}}");
        for (int i = 0; i < 100_000; i++) {
            cache.store("key-" + i, cache.generation(), tiny, "\"e\"");
            assertThat(cache.retainedBytes()).isLessThanOrEqualTo(budget);
        }
        assertThat((long) cache.size()).isLessThanOrEqualTo(budget / ResponseCache.ENTRY_OVERHEAD_BYTES);
        assertThat(cache.retainedBytes()).isEqualTo(cache.size() * (tiny.length() + (long) ResponseCache.ENTRY_OVERHEAD_BYTES));
    }

    @Test
    void a_replaced_answer_is_counted_once() {
        ResponseCache cache = new ResponseCache(true, Duration.ofMinutes(1), 1 << 20, null, new SimpleMeterRegistry());
        cache.store("k", cache.generation(), Buffer.buffer("{\"data\":{}}"), "\"e\"");
        cache.store("k", cache.generation(), Buffer.buffer("{\"data\":{\"a\":1}}"), "\"e\"");
        assertThat(cache.retainedBytes()).isEqualTo("{\"data\":{\"a\":1}}".length() + ResponseCache.ENTRY_OVERHEAD_BYTES);
    }
}
