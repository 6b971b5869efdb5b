package com.omnichannel.gateway.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The read-through cache on its own: what it serves without loading, what it loads again, and that a load racing
 * with an invalidation never leaves an old row behind, whichever order the load and the invalidation finish in.
 */
class KeyedCacheTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * The table a loader reads, with every call it got. While {@link #hold} is set a load reads the table at once
     * (as a query would when it starts) but answers only when the test finishes it: a load still in flight.
     */
    private static final class Table implements Function<Set<Long>, Uni<Map<Long, String>>> {

        final Map<Long, String> rows = new HashMap<>();
        final List<Set<Long>> calls = new ArrayList<>();
        final List<Load> inFlight = new ArrayList<>();
        boolean hold;

        record Load(Map<Long, String> read, CompletableFuture<Map<Long, String>> answer) {
            void finish() {
                answer.complete(read);
            }
        }

        @Override
        public Uni<Map<Long, String>> apply(Set<Long> keys) {
            calls.add(new LinkedHashSet<>(keys));
            Map<Long, String> read = new HashMap<>();
            for (Long key : keys) {
                if (rows.containsKey(key)) {
                    read.put(key, rows.get(key));
                }
            }
            if (!hold) {
                return Uni.createFrom().item(read);
            }
            Load load = new Load(read, new CompletableFuture<>());
            inFlight.add(load);
            return Uni.createFrom().completionStage(load.answer());
        }
    }

    private static KeyedCache<Long, String> cache(Table table) {
        return new KeyedCache<>(LONG, 1000, table, null);
    }

    private static Map<Long, String> get(KeyedCache<Long, String> cache, Long... keys) {
        return cache.getAll(List.of(keys)).await().atMost(WAIT);
    }

    /** Starts a read whose load the table holds; the test finishes the load later. */
    private static CompletableFuture<Map<Long, String>> start(KeyedCache<Long, String> cache, Long... keys) {
        return cache.getAll(List.of(keys)).subscribeAsCompletionStage();
    }

    @Test
    void a_second_read_of_the_same_keys_calls_no_loader() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "one", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);

        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two"));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two"));
        assertThat(get(cache, 2L)).isEqualTo(Map.of(2L, "two"));

        assertThat(table.calls).containsExactly(Set.of(1L, 2L));
    }

    @Test
    void only_the_missing_keys_are_loaded_and_the_answer_merges_them_with_the_cached_ones() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "one", 2L, "two", 3L, "three"));
        KeyedCache<Long, String> cache = cache(table);
        get(cache, 1L);

        assertThat(get(cache, 1L, 2L, 3L)).isEqualTo(Map.of(1L, "one", 2L, "two", 3L, "three"));
        // One load for both missing keys, none for the cached one.
        assertThat(table.calls).containsExactly(Set.of(1L), Set.of(2L, 3L));
    }

    @Test
    void an_invalidated_key_is_loaded_again_while_the_other_keys_stay_cached() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "one", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);
        get(cache, 1L, 2L);

        table.rows.put(1L, "one v2");
        cache.invalidate(List.of(1L));

        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one v2", 2L, "two"));
        assertThat(table.calls).containsExactly(Set.of(1L, 2L), Set.of(1L));
    }

    @Test
    void a_load_started_before_an_invalidation_answers_its_caller_but_does_not_store_the_invalidated_row() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "old", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);
        table.hold = true;
        var early = start(cache, 1L, 2L);

        // Row 1 changes and commits while the load is in flight; the load has read the old row.
        table.rows.put(1L, "new");
        cache.invalidate(List.of(1L));
        table.inFlight.get(0).finish();

        assertThat(early.join()).as("its own caller still gets what it read").isEqualTo(Map.of(1L, "old", 2L, "two"));
        table.hold = false;
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "new", 2L, "two"));
        // Only the invalidated key was dropped from what the early load stored.
        assertThat(table.calls).containsExactly(Set.of(1L, 2L), Set.of(1L));
    }

    @Test
    void a_load_started_after_an_invalidation_is_stored() {
        Table table = new Table();
        table.rows.put(1L, "old");
        KeyedCache<Long, String> cache = cache(table);
        get(cache, 1L);
        table.rows.put(1L, "new");
        cache.invalidate(List.of(1L));

        // In flight across nothing: the invalidation came before it started, so what it reads is current.
        table.hold = true;
        var after = start(cache, 1L);
        table.inFlight.get(0).finish();
        assertThat(after.join()).isEqualTo(Map.of(1L, "new"));

        table.hold = false;
        assertThat(get(cache, 1L)).isEqualTo(Map.of(1L, "new"));
        assertThat(table.calls).containsExactly(Set.of(1L), Set.of(1L));
    }

    @Test
    void invalidate_all_makes_every_key_load_again() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "one", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);
        get(cache, 1L, 2L);

        table.rows.putAll(Map.of(1L, "one v2", 2L, "two v2"));
        cache.invalidateAll();

        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one v2", 2L, "two v2"));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one v2", 2L, "two v2"));
        assertThat(table.calls).containsExactly(Set.of(1L, 2L), Set.of(1L, 2L));
    }

    @Test
    void a_load_started_before_invalidate_all_answers_its_caller_but_does_not_store_and_one_started_after_does() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "old", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);
        table.hold = true;
        var before = start(cache, 1L, 2L);

        table.rows.put(1L, "new");
        cache.invalidateAll();
        var after = start(cache, 1L, 2L);
        // The later load finishes first, the earlier one last: the earlier must not replace what the later stored.
        table.inFlight.get(1).finish();
        table.inFlight.get(0).finish();

        assertThat(before.join()).isEqualTo(Map.of(1L, "old", 2L, "two"));
        assertThat(after.join()).isEqualTo(Map.of(1L, "new", 2L, "two"));
        table.hold = false;
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "new", 2L, "two"));
        assertThat(table.calls).as("the third read is served from what the later load stored").hasSize(2);
    }

    @Test
    void a_load_started_before_invalidate_all_stores_nothing_even_when_no_later_load_ran() {
        Table table = new Table();
        table.rows.put(1L, "old");
        KeyedCache<Long, String> cache = cache(table);
        table.hold = true;
        var before = start(cache, 1L);
        table.rows.put(1L, "new");
        cache.invalidateAll();
        table.inFlight.get(0).finish();
        assertThat(before.join()).isEqualTo(Map.of(1L, "old"));

        table.hold = false;
        assertThat(get(cache, 1L)).isEqualTo(Map.of(1L, "new"));
        assertThat(table.calls).containsExactly(Set.of(1L), Set.of(1L));
    }

    @Test
    void a_slow_load_started_before_a_fresher_one_does_not_overwrite_the_fresher_row() {
        Table table = new Table();
        table.rows.put(1L, "old");
        KeyedCache<Long, String> cache = cache(table);
        table.hold = true;
        var slow = start(cache, 1L);
        table.rows.put(1L, "new");
        cache.invalidate(List.of(1L));
        var fresh = start(cache, 1L);

        table.inFlight.get(1).finish();
        assertThat(fresh.join()).isEqualTo(Map.of(1L, "new"));
        table.inFlight.get(0).finish();
        assertThat(slow.join()).isEqualTo(Map.of(1L, "old"));

        table.hold = false;
        assertThat(get(cache, 1L)).isEqualTo(Map.of(1L, "new"));
        assertThat(table.calls).as("the last read is served from the fresher row").hasSize(2);
    }

    @Test
    void absent_gives_a_cached_value_for_keys_the_loader_left_out() {
        Table table = new Table();
        table.rows.put(1L, "one");
        KeyedCache<Long, String> cache = new KeyedCache<>(LONG, 1000, table, key -> "none");

        // The load that found no row answers with the absent value too, as every later (cached) read does.
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "none"));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "none"));
        assertThat(table.calls).containsExactly(Set.of(1L, 2L));

        // A row that appears later shows once its key is invalidated, as for any other change.
        table.rows.put(2L, "two");
        cache.invalidate(List.of(2L));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two"));
    }

    @Test
    void without_absent_keys_the_loader_left_out_are_asked_for_again() {
        Table table = new Table();
        table.rows.put(1L, "one");
        KeyedCache<Long, String> cache = cache(table);

        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one"));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one"));
        table.rows.put(2L, "two");
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two"));

        assertThat(table.calls).containsExactly(Set.of(1L, 2L), Set.of(2L), Set.of(2L));
    }

    @Test
    void a_row_past_its_time_to_live_is_loaded_again() throws InterruptedException {
        Table table = new Table();
        table.rows.put(1L, "old");
        KeyedCache<Long, String> cache = new KeyedCache<>(Duration.ofMillis(50), 1000, table, null);
        get(cache, 1L);

        // A change whose invalidation was lost: only the time to live brings it in.
        table.rows.put(1L, "new");
        Thread.sleep(150);

        assertThat(get(cache, 1L)).isEqualTo(Map.of(1L, "new"));
        assertThat(table.calls).containsExactly(Set.of(1L), Set.of(1L));
    }

    @Test
    void a_time_to_live_of_zero_or_less_calls_the_loader_every_time() {
        for (Duration ttl : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            Table table = new Table();
            table.rows.putAll(Map.of(1L, "one", 2L, "two"));
            KeyedCache<Long, String> cache = new KeyedCache<>(ttl, 1000, table, key -> "none");
            assertThat(cache.enabled()).as("ttl %s", ttl).isFalse();

            for (int i = 0; i < 3; i++) {
                assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two"));
            }
            assertThat(table.calls).as("ttl %s", ttl).containsExactly(Set.of(1L, 2L), Set.of(1L, 2L), Set.of(1L, 2L));
        }
    }

    @Test
    void a_loader_given_with_a_read_loads_only_the_missing_keys_and_what_it_loads_is_served_later() {
        Table table = new Table();
        table.rows.putAll(Map.of(1L, "one", 2L, "two"));
        KeyedCache<Long, String> cache = cache(table);
        get(cache, 1L);
        List<Set<Long>> ownCalls = new ArrayList<>();

        Map<Long, String> read = cache.getAll(List.of(1L, 2L), keys -> {
            ownCalls.add(Set.copyOf(keys));
            return Uni.createFrom().item(Map.of(2L, "two as of the read"));
        }).await().atMost(WAIT);

        assertThat(read).isEqualTo(Map.of(1L, "one", 2L, "two as of the read"));
        assertThat(ownCalls).containsExactly(Set.of(2L));
        assertThat(get(cache, 1L, 2L)).isEqualTo(Map.of(1L, "one", 2L, "two as of the read"));
        assertThat(table.calls).containsExactly(Set.of(1L));
    }

    @Test
    void beyond_max_entries_the_cache_is_emptied() {
        Table table = new Table();
        for (long key = 1; key <= 4; key++) {
            table.rows.put(key, "row " + key);
        }
        KeyedCache<Long, String> cache = new KeyedCache<>(LONG, 3, table, null);
        get(cache, 1L, 2L, 3L);
        get(cache, 1L, 2L, 3L);
        assertThat(table.calls).as("three keys fit").hasSize(1);

        // A fourth key would go beyond three: the cache is emptied, the caller still answered.
        assertThat(get(cache, 4L)).isEqualTo(Map.of(4L, "row 4"));
        assertThat(get(cache, 1L, 2L, 3L)).isEqualTo(Map.of(1L, "row 1", 2L, "row 2", 3L, "row 3"));

        assertThat(table.calls).containsExactly(Set.of(1L, 2L, 3L), Set.of(4L), Set.of(1L, 2L, 3L));
    }
}
