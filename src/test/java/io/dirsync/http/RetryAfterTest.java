package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 6, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void isSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 10:01:00 GMT", NOW)).contains(Duration.ofMinutes(1));
    }

    @Test
    void aDatePastOrAValueThatIsNeitherMeansNoWaitOrNone() {
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("later", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
