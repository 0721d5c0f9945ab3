package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void noPauseWhileAtLeastATenthOfTheWindowIsLeft() {
        assertThat(new RateLimit(600, 60, NOW.plusSeconds(30)).pauseAt(NOW)).isZero();
        assertThat(new RateLimit(600, 599, NOW.plusSeconds(30)).pauseAt(NOW)).isZero();
    }

    @Test
    void theLastCallsAreSpreadOverWhatIsLeftOfTheWindow() {
        assertThat(new RateLimit(600, 30, NOW.plusSeconds(30)).pauseAt(NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new RateLimit(600, 1, NOW.plusSeconds(30)).pauseAt(NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noCallLeftWaitsForTheResetAndAtMostAMinute() {
        assertThat(new RateLimit(600, 0, NOW.plusMillis(2500)).pauseAt(NOW)).isEqualTo(Duration.ofMillis(2500));
        assertThat(new RateLimit(600, 0, NOW.plusSeconds(3600)).pauseAt(NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aResetInThePastIsNoPause() {
        assertThat(new RateLimit(600, 0, NOW.minusSeconds(1)).pauseAt(NOW)).isZero();
    }

    @Test
    void pacingFollowsTheLastAnnouncedLimitRoundedUpToTheMillisecond() {
        Pacing pacing = new Pacing(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(pacing.delay()).isZero();

        pacing.observe(Optional.of(new RateLimit(10, 0, NOW.plusNanos(1_500_000_001))));
        assertThat(pacing.delay()).isEqualTo(1501);

        pacing.observe(Optional.empty());
        assertThat(pacing.delay()).isEqualTo(1501);

        pacing.observe(Optional.of(new RateLimit(10, 9, NOW.plusSeconds(60))));
        assertThat(pacing.delay()).isZero();
    }
}
