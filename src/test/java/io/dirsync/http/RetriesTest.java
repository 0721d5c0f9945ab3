package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.SourceException;
import io.dirsync.bitwarden.BitwardenException;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final MovingClock clock = new MovingClock();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private long delay() {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    private static UnavailableException failure(Kind kind, String message, Optional<Duration> retryAfter) {
        return new UnavailableException(kind, message, retryAfter, null);
    }

    /** A cloud directory's read: a server error or no connection fails it soon; the next run reads again. */
    @Nested
    class OfARead {

        private final Retries retries = new Retries("entra", Duration.ofMinutes(1), clock, null);

        private boolean failWith(Exception failure) {
            exchange.setException(failure);
            return retries.retry(exchange);
        }

        private UnavailableException throttled(Optional<Duration> retryAfter) {
            return failure(Kind.THROTTLED, "Microsoft Graph answered 429.", retryAfter);
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
            assertThat(failure.getMessage()).isEqualTo("Microsoft Graph answered 429. The server asked to wait 120 s,"
                    + " longer than what was left of entra.retry-for (60 s), so dirsync gave up.");
        }

        @Test
        void aServerErrorIsTriedThreeMoreTimesThenTheReadFails() {
            for (long expected : new long[] {1000, 2000, 4000}) {
                assertThat(failWith(failure(Kind.SERVER_ERROR, "500.", Optional.empty()))).isTrue();
                assertThat(delay()).isEqualTo(expected);
                clock.advance(Duration.ofMillis(expected));
            }
            UnavailableException last = failure(Kind.SERVER_ERROR, "500.", Optional.empty());
            assertThat(failWith(last)).isFalse();
            assertThat(last.getMessage()).isEqualTo("500. Gave up after 4 attempts in 7 s.");
        }

        @Test
        void noConnectionIsTriedThreeMoreTimesLikeAServerError() {
            for (long expected : new long[] {1000, 2000, 4000}) {
                assertThat(failWith(failure(Kind.NO_CONNECTION, "Connection refused.", Optional.empty()))).isTrue();
                assertThat(delay()).isEqualTo(expected);
                clock.advance(Duration.ofMillis(expected));
            }
            UnavailableException last = failure(Kind.NO_CONNECTION, "Connection refused.", Optional.empty());
            assertThat(failWith(last)).isFalse();
            assertThat(last.getMessage()).isEqualTo("Connection refused. Gave up after 4 attempts in 7 s.");
        }

        @Test
        void anExpiredTokenIsRetriedOnceAtOnce() {
            assertThat(failWith(failure(Kind.TOKEN_EXPIRED, "401.", Optional.empty()))).isTrue();
            assertThat(delay()).isZero();
            UnavailableException again = failure(Kind.TOKEN_EXPIRED, "401.", Optional.empty());
            assertThat(failWith(again)).isFalse();
            assertThat(again.getMessage()).isEqualTo("401. A new token was refused too.");
        }

        @Test
        void anythingElseFailsAtOnce() {
            assertThat(failWith(new SourceException("403."))).isFalse();
            assertThat(failWith(new IllegalStateException("bug"))).isFalse();
        }
    }

    /** The Bitwarden push: a half-applied change is finished, so it waits for all of retry-for. */
    @Nested
    class OfAWrite {

        private final LastAnswer lastAnswer = new LastAnswer(clock);
        private final Retries retries = new Retries("bitwarden", Duration.ofMinutes(1), clock, lastAnswer);

        private boolean failWith(Exception failure) {
            exchange.setException(failure);
            return retries.retry(exchange);
        }

        @Test
        void waitsAsLongAsTheServerAsks() {
            assertThat(failWith(failure(Kind.THROTTLED, "429", Optional.of(Duration.ofSeconds(7))))).isTrue();
            assertThat(delay()).isEqualTo(7000);
        }

        @Test
        void backsOffFurtherWithEveryAttemptPastTheBriefRetriesOfARead() {
            UnavailableException down = failure(Kind.SERVER_ERROR, "502", Optional.empty());
            for (long expected : new long[] {1000, 2000, 4000, 8000, 16000}) {
                assertThat(failWith(down)).isTrue();
                assertThat(delay()).isEqualTo(expected);
                clock.advance(Duration.ofMillis(expected));
            }
        }

        @Test
        void backsOffExponentiallyWhenTheServerDoesNotSay() {
            assertThat(Backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
            assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
            assertThat(Backoff.after(3)).isEqualTo(Duration.ofSeconds(8));
            assertThat(Backoff.after(30)).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        void givesUpOnceTheNextWaitWouldPassRetryFor() {
            UnavailableException busy = failure(Kind.THROTTLED, "503", Optional.of(Duration.ofSeconds(20)));
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
            exchange.setProperty(Retries.RUN_STARTED, clock.instant());
            UnavailableException refused = failure(Kind.NO_CONNECTION, "Cannot reach Bitwarden: Connection refused.",
                    Optional.empty());
            retries.attempt(exchange);
            int retried = 0;
            while (failWith(refused)) {
                retried++;
                clock.advance(Duration.ofMillis(delay()));
            }
            assertThat(retried).as("after 1, 2, 4 and 8 s; 16 more would pass 30 s").isEqualTo(4);
            assertThat(refused).hasMessage("Cannot reach Bitwarden: Connection refused. Nothing answered there since"
                    + " this run began; gave up after 15 s.");
        }

        @Test
        void aServerThatAnsweredThisRunAndWentAwayGetsTheWholeRetryFor() {
            exchange.setProperty(Retries.RUN_STARTED, clock.instant());
            clock.advance(Duration.ofSeconds(2));
            lastAnswer.heard();
            UnavailableException restarting = failure(Kind.NO_CONNECTION, "Cannot reach Bitwarden: Connection refused.",
                    Optional.empty());
            retries.attempt(exchange);
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
            UnavailableException throttled = failure(Kind.THROTTLED, "Bitwarden answered 429 to the import.",
                    Optional.of(Duration.ofMinutes(5)));
            assertThat(failWith(throttled)).isFalse();
            assertThat(throttled).hasMessage("Bitwarden answered 429 to the import. The server asked to wait"
                    + " 300 s, longer than what was left of bitwarden.retry-for (60 s), so dirsync gave up.");
        }

        @Test
        void retryForCountsFromTheStartOfTheFirstAttemptSoOnlyTheLastAttemptOvershoots() {
            UnavailableException silent = failure(Kind.SERVER_ERROR, "no answer within bitwarden.request-timeout.",
                    Optional.empty());
            Instant first = clock.instant();
            retries.attempt(exchange);
            Instant lastStart = first;
            while (true) {
                clock.advance(Duration.ofSeconds(20)); // each attempt waits out a 20 s request timeout
                if (!failWith(silent)) {
                    break;
                }
                clock.advance(Duration.ofMillis(delay()));
                lastStart = clock.instant();
                retries.attempt(exchange);
            }
            assertThat(Duration.between(first, lastStart)).isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(Duration.between(first, clock.instant())).isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(20));
        }

        @Test
        void aRejectedTokenIsRenewedOnceAtOnce() {
            assertThat(failWith(failure(Kind.TOKEN_EXPIRED, "401", Optional.empty()))).isTrue();
            assertThat(delay()).isZero();
            assertThat(failWith(failure(Kind.TOKEN_EXPIRED, "401", Optional.empty()))).isFalse();
        }

        @Test
        void finalFailuresAreNotRetried() {
            assertThat(failWith(new BitwardenException("400 Organization cannot use groups."))).isFalse();
            assertThat(failWith(new IllegalStateException("bug"))).isFalse();
        }
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
