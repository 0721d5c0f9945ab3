package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.SourceException;
import io.dirsync.http.UnavailableException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final MovingClock clock = new MovingClock();
    private final Retries retries = new Retries("entra", Duration.ofMinutes(1), clock);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private boolean failWith(Exception failure) {
        exchange.setException(failure);
        return retries.retry(exchange);
    }

    private long delay() {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    private static UnavailableException throttled(Optional<Duration> retryAfter) {
        return new UnavailableException(Kind.THROTTLED, "Microsoft Graph answered 429.", retryAfter, null);
    }

    @Test
    void throttlingWaitsAsLongAsTheServerAsksWithinRetryFor() {
        assertThat(failWith(throttled(Optional.of(Duration.ofSeconds(7))))).isTrue();
        assertThat(delay()).isEqualTo(7000);
        clock.advance(Duration.ofSeconds(7));
        assertThat(failWith(throttled(Optional.empty()))).isTrue();
        assertThat(delay()).as("back-off without Retry-After, second failure").isEqualTo(2000);
    }

    @Test
    void aWaitPastRetryForGivesUpAndSaysWhy() {
        UnavailableException failure = throttled(Optional.of(Duration.ofMinutes(2)));

        assertThat(failWith(failure)).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Microsoft Graph answered 429. The server asked to wait 120 s, past"
                + " entra.retry-for (60 s).");
    }

    @Test
    void aServerErrorIsTriedThreeMoreTimesThenTheReadFails() {
        for (long expected : new long[] {1000, 2000, 4000}) {
            assertThat(failWith(new UnavailableException(Kind.SERVER_ERROR, "500.", Optional.empty(), null))).isTrue();
            assertThat(delay()).isEqualTo(expected);
            clock.advance(Duration.ofMillis(expected));
        }
        UnavailableException last = new UnavailableException(Kind.SERVER_ERROR, "500.", Optional.empty(), null);
        assertThat(failWith(last)).isFalse();
        assertThat(last.getMessage()).isEqualTo("500. Gave up after 4 attempts in 7 s.");
    }

    @Test
    void anExpiredTokenIsRetriedOnceAtOnce() {
        assertThat(failWith(new UnavailableException(Kind.TOKEN_EXPIRED, "401.", Optional.empty(), null))).isTrue();
        assertThat(delay()).isZero();
        assertThat(failWith(new UnavailableException(Kind.TOKEN_EXPIRED, "401.", Optional.empty(), null))).isFalse();
    }

    @Test
    void anythingElseFailsAtOnce() {
        assertThat(failWith(new SourceException("403."))).isFalse();
        assertThat(failWith(new IllegalStateException("bug"))).isFalse();
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
