package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The snapshot of locations on its own: a load that was running when the snapshot was dropped answers its own
 * readers but is not kept, so a location added meanwhile is found by the next lookup.
 */
class LocationDirectoryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final StoreConfig CONFIG = config(Duration.ofMinutes(10));

    private static StoreConfig config(Duration refreshInterval) {
        return new StoreConfig() {
            @Override
            public Duration refreshInterval() {
                return refreshInterval;
            }

            @Override
            public Pickup pickup() {
                return new Pickup() {
                    @Override
                    public Duration preparationTime() {
                        return Duration.ofHours(2);
                    }

                    @Override
                    public Duration maxSlotRange() {
                        return Duration.ofDays(7);
                    }

                    @Override
                    public Duration bookingHorizon() {
                        return Duration.ofDays(30);
                    }
                };
            }
        };
    }

    /** The location table; while {@link #hold} is set a load reads it at once but answers when the test says. */
    private static final class Table extends LocationRepository {

        final List<Location> rows = new ArrayList<>();
        final List<CompletableFuture<List<Location>>> held = new ArrayList<>();
        final List<List<Location>> read = new ArrayList<>();
        int loads;
        boolean hold;

        Table() {
            super(null, CONFIG);
        }

        @Override
        public Uni<List<Location>> allActive() {
            loads++;
            List<Location> now = List.copyOf(rows);
            if (!hold) {
                return Uni.createFrom().item(now);
            }
            CompletableFuture<List<Location>> answer = new CompletableFuture<>();
            held.add(answer);
            read.add(now);
            return Uni.createFrom().completionStage(answer);
        }

        void finish(int load) {
            held.get(load).complete(read.get(load));
        }
    }

    private static Location location(long key) {
        return new Location(Location.globalId(key), "L" + key, "Location " + key, LocationType.STORE, null, null, null, null,
                null, null, null, key, 0);
    }

    @Test
    void a_load_running_when_the_snapshot_is_dropped_answers_its_readers_but_is_not_kept() {
        Table table = new Table();
        table.rows.add(location(1));
        LocationDirectory directory = new LocationDirectory(table, config(Duration.ofMinutes(10)));
        table.hold = true;
        CompletableFuture<List<Location>> early = directory.all().subscribeAsCompletionStage();

        // Location 2 is added (and the directory told) while that load is in flight, having read only location 1.
        table.rows.add(location(2));
        directory.invalidate();
        table.hold = false;
        Map<Long, Location> found = directory.byKeys(List.of(2L)).await().atMost(WAIT);
        table.finish(0);

        assertThat(early.join()).extracting(Location::key).containsExactly(1L);
        assertThat(found).containsKey(2L);
        assertThat(directory.byKey(2L).await().atMost(WAIT)).isNotNull();
        assertThat(directory.all().await().atMost(WAIT)).extracting(Location::key).containsExactly(1L, 2L);
        assertThat(table.loads).as("the held load and one after the change").isEqualTo(2);
    }

    @Test
    void a_key_missing_from_a_snapshot_loaded_within_the_last_second_does_not_load_again() {
        Table table = new Table();
        table.rows.add(location(1));
        LocationDirectory directory = new LocationDirectory(table, config(Duration.ofMinutes(10)));
        assertThat(directory.byKeys(List.of(1L)).await().atMost(WAIT)).containsOnlyKeys(1L);

        // Added by another instance a moment after this snapshot was read: it shows on a miss a second later at most.
        table.rows.add(location(2));
        assertThat(directory.byKeys(List.of(2L)).await().atMost(WAIT)).doesNotContainKey(2L);
        assertThat(table.loads).isEqualTo(1);
    }
}
