package com.omnichannel.gateway.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast path gives exactly what the ISO parser gives, for every shape this service writes and a few it does not. */
class UtcTimestampsTest {

    @Test
    void timestamps_as_the_service_writes_them_parse_as_the_iso_parser_parses_them() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = Math.floorMod(random.nextLong(), 4_000_000_000L);
            // Whole seconds, whole minutes, milli-, micro- and nanosecond fractions: toString drops trailing parts.
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(1_000_000_000);
                default -> -1;
            };
            OffsetDateTime time = nanos < 0
                    ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds - seconds % 60), ZoneOffset.UTC)
                    : OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
            String text = time.toString();
            assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        assertThat(OffsetDateTime.now(ZoneOffset.UTC).toString()).satisfies(
                now -> assertThat(UtcTimestamps.parse(now)).isEqualTo(OffsetDateTime.parse(now)));
    }

    @Test
    void other_shapes_go_to_the_iso_parser() {
        for (String text : List.of("2026-11-23T07:30:01.Z", "2026-11-23T07:30:01.5+01:00", "2026-11-23T07:30:01-05:00", "+12026-01-01T00:00Z")) {
            assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        for (String text : List.of("2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T07:30:0Z",
                "2026-11-23T07:30:01.1234567890Z", "2026-11-23 07:30:01Z", "not a time")) {
            assertThatThrownBy(() -> UtcTimestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void answers_are_utc_with_exactly_milliseconds_truncated_as_the_formatter_writes_them() {
        java.time.format.DateTimeFormatter reference = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC);
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 250_000_000_000L), random.nextInt(1_000_000_000));
            assertThat(UtcTimestamps.format(instant)).as(instant.toString()).isEqualTo(reference.format(instant));
        }
        assertThat(UtcTimestamps.format(OffsetDateTime.parse("2026-12-07T01:01:02.1299+02:00"))).isEqualTo("2026-12-06T23:01:02.129Z");
        assertThat(UtcTimestamps.format(Instant.parse("2026-12-06T23:01:02Z"))).isEqualTo("2026-12-06T23:01:02.000Z");
        assertThat(UtcTimestamps.format(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
    }
}
