package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void the_wait_doubles_with_each_failure_up_to_the_maximum() {
        assertThat(schedule.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.delayAfter(3, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(schedule.delayAfter(9, 0)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(schedule.delayAfter(10, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(1000, 0)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitter_takes_off_at_most_a_fifth() {
        assertThat(schedule.delayAfter(1, 0.999)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(1000, 0.5)).isEqualTo(Duration.ofMinutes(54));
    }

    @Test
    void with_the_defaults_a_delivery_is_tried_for_a_day_about_thirty_times() {
        Duration total = Duration.ZERO;
        int attempts = 1;
        while (total.compareTo(Duration.ofHours(24)) < 0) {
            total = total.plus(schedule.delayAfter(attempts, 0));
            attempts++;
        }
        assertThat(attempts).isBetween(28, 34);
    }
}
