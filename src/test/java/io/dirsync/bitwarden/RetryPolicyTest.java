package io.dirsync.bitwarden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final MutableClock clock = new MutableClock();
    private final LastAnswer lastAnswer = new LastAnswer(clock);
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(1), clock, lastAnswer);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private boolean failWith(Exception failure) {
        exchange.setException(failure);
        return policy.retry(exchange);
    }

    private long delay() {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @Test
    void waitsAsLongAsTheServerAsks() {
        assertThat(failWith(new BitwardenUnavailableException("429", Optional.of(Duration.ofSeconds(7)), null))).isTrue();
        assertThat(delay()).isEqualTo(7000);
    }

    @Test
    void backsOffFurtherWithEveryAttempt() {
        BitwardenUnavailableException down = new BitwardenUnavailableException("502", Optional.empty(), null);
        assertThat(failWith(down)).isTrue();
        assertThat(delay()).isEqualTo(1000);
        assertThat(failWith(down)).isTrue();
        assertThat(delay()).isEqualTo(2000);
        assertThat(failWith(down)).isTrue();
        assertThat(delay()).isEqualTo(4000);
    }

    @Test
    void backsOffExponentiallyWhenTheServerDoesNotSay() {
        assertThat(RetryPolicy.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RetryPolicy.backoff(30)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givesUpOnceTheNextWaitWouldPassRetryFor() {
        BitwardenUnavailableException busy = new BitwardenUnavailableException("503", Optional.of(Duration.ofSeconds(20)), null);
        assertThat(failWith(busy)).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(failWith(busy)).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(failWith(busy)).as("40 s spent, 20 more would pass the 1 min budget").isTrue();
        clock.advance(Duration.ofSeconds(21));
        assertThat(failWith(busy)).isFalse();
    }

    @Test
    void aServerThatNeverAnsweredThisRunIsGivenUpOnAfterThirtySeconds() {
        exchange.setProperty(RetryPolicy.RUN_STARTED, clock.instant());
        NoConnectionException refused = new NoConnectionException("Cannot reach Bitwarden: Connection refused.", null);
        policy.attempt(exchange);
        int retries = 0;
        while (failWith(refused)) {
            retries++;
            clock.advance(Duration.ofMillis(delay()));
        }
        assertThat(retries).as("after 1, 2, 4 and 8 s; 16 more would pass 30 s").isEqualTo(4);
        assertThat(refused).hasMessage("Cannot reach Bitwarden: Connection refused. Nothing answered there since this run began;"
                        + " gave up after 15 s.");
    }

    @Test
    void aServerThatAnsweredThisRunAndWentAwayGetsTheWholeRetryFor() {
        exchange.setProperty(RetryPolicy.RUN_STARTED, clock.instant());
        clock.advance(Duration.ofSeconds(2));
        lastAnswer.heard();
        NoConnectionException restarting = new NoConnectionException("Cannot reach Bitwarden: Connection refused.", null);
        policy.attempt(exchange);
        Instant first = clock.instant();
        while (failWith(restarting)) {
            clock.advance(Duration.ofMillis(delay()));
        }
        assertThat(Duration.between(first, clock.instant())).as("1 + 2 + 4 + 8 + 16 s, then 32 more would pass 1 min")
                .isEqualTo(Duration.ofSeconds(31));
        assertThat(restarting).hasMessageEndingWith("Gave up after retrying for 31 s (bitwarden.retry-for).");
    }

    @Test
    void aRetryAfterLongerThanWhatIsLeftIsNamedWhenGivingUp() {
        BitwardenUnavailableException throttled = new BitwardenUnavailableException("Bitwarden answered 429 to the import.",
                Optional.of(Duration.ofMinutes(5)), null);
        assertThat(failWith(throttled)).isFalse();
        assertThat(throttled).hasMessage("Bitwarden answered 429 to the import. The server asked to wait"
                + " 300 s, longer than what was left of bitwarden.retry-for (60 s), so dirsync gave up.");
    }

    @Test
    void retryForCountsFromTheStartOfTheFirstAttemptSoOnlyTheLastAttemptOvershoots() {
        BitwardenUnavailableException silent = new BitwardenUnavailableException("no answer within bitwarden.request-timeout.",
                Optional.empty(), null);
        Instant first = clock.instant();
        policy.attempt(exchange);
        Instant lastStart = first;
        for (int attempt = 0; ; attempt++) {
            clock.advance(Duration.ofSeconds(20)); // each attempt waits out a 20 s request timeout
            if (!failWith(silent)) {
                break;
            }
            clock.advance(Duration.ofMillis(delay()));
            lastStart = clock.instant();
            policy.attempt(exchange);
        }
        assertThat(Duration.between(first, lastStart)).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(first, clock.instant())).isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(20));
    }

    @Test
    void aRejectedTokenIsRenewedOnceAtOnce() {
        assertThat(failWith(new TokenRejectedException("401"))).isTrue();
        assertThat(delay()).isZero();
        assertThat(failWith(new TokenRejectedException("401"))).isFalse();
    }

    @Test
    void finalFailuresAreNotRetried() {
        assertThat(failWith(new BitwardenException("400 Organization cannot use groups."))).isFalse();
        assertThat(failWith(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
