package org.gridloop.platform.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the periodic re-drive may skip its round: only on a count of the parked events that ran, started after this
 * process last wrote a waiting event, is younger than two sampling periods and found none waiting.
 */
class RedriveGateTest {

    private static final long SECOND = 1_000_000_000L;
    /** An arbitrary {@code System.nanoTime()} reading: it may be negative, only differences count. */
    private static final long T = -5 * SECOND;

    @Test
    void aFreshEmptyCountAfterTheLastWriteSkips() {
        assertThat(MessagingMetrics.nothingWaiting(T, 0, T - SECOND, T + 3 * SECOND)).isTrue();
    }

    @Test
    void noCountYetDoesNotSkip() {
        assertThat(MessagingMetrics.nothingWaiting(null, 0, T - SECOND, T)).isFalse();
    }

    @Test
    void aCountThatFoundAWaitingEventDoesNotSkip() {
        assertThat(MessagingMetrics.nothingWaiting(T, 1, T - SECOND, T + SECOND)).isFalse();
    }

    @Test
    void aCountStartedBeforeOrAtTheLastWriteDoesNotSkip() {
        assertThat(MessagingMetrics.nothingWaiting(T, 0, T + 1, T + SECOND)).isFalse();
        assertThat(MessagingMetrics.nothingWaiting(T, 0, T, T + SECOND)).isFalse();
    }

    @Test
    void aCountTwoPeriodsOldDoesNotSkip() {
        long twoPeriods = 2 * MessagingMetrics.SAMPLE.toNanos();
        assertThat(MessagingMetrics.nothingWaiting(T, 0, T - SECOND, T + twoPeriods - 1)).isTrue();
        assertThat(MessagingMetrics.nothingWaiting(T, 0, T - SECOND, T + twoPeriods)).isFalse();
    }
}
