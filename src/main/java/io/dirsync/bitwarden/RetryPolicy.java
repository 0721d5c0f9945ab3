package io.dirsync.bitwarden;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the push route's error handler, whether a failed import request is sent again and after
 * how long: as long as the server asks ({@code Retry-After}) or with the shared {@link Backoff} (1 s to 60 s), until {@code bitwarden.retry-for} has passed since the request's first attempt. When nothing has answered
 * at all since the run began (a wrong port, a server that is not there), it gives up after {@link #NEVER_ANSWERED}
 * instead. A 401 is retried once, at once, with a new token. Giving up adds why to the failure's message.
 */
public class RetryPolicy extends ConfiguredStep<Duration> {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    /** The exchange property with the start of the run the request belongs to (the sync route's first step sets it). */
    public static final String RUN_STARTED = "dirsyncStarted";
    static final String FIRST_ATTEMPT = "dirsync.bitwarden.first-attempt";
    static final String TOKEN_RENEWED = "dirsync.bitwarden.token-renewed";
    static final String ATTEMPTS = "dirsync.bitwarden.attempts";
    /** How long a connection is retried when Bitwarden has not answered once this run. */
    static final Duration NEVER_ANSWERED = Duration.ofSeconds(30);

    private final Clock clock;
    private final LastAnswer lastAnswer;

    /** For Camel: {@code bitwarden.retry-for} is read from the context at each call. */
    public RetryPolicy(LastAnswer lastAnswer) {
        this.clock = Clock.systemUTC();
        this.lastAnswer = lastAnswer;
    }

    RetryPolicy(Duration retryFor, Clock clock, LastAnswer lastAnswer) {
        super(retryFor);
        this.clock = clock;
        this.lastAnswer = lastAnswer;
    }

    @Override
    protected Duration settingsFrom(Settings settings) {
        return settings.duration("bitwarden.retry-for", BitwardenSettings.DEFAULT_RETRY_FOR);
    }

    /**
     * Step of a Bitwarden request's route, before it is sent: the first attempt's start is when the request began
     * failing, so that {@code bitwarden.retry-for} is overshot by one attempt at most, never by two.
     */
    public void attempt(Exchange exchange) {
        if (exchange.getProperty(FIRST_ATTEMPT) == null) {
            exchange.setProperty(FIRST_ATTEMPT, clock.instant());
        }
    }

    /** True to send the request again; sets the delay Camel waits before it does. */
    public boolean retry(Exchange exchange) {
        Duration retryFor = settings();
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof TokenRejectedException) {
            if (exchange.getProperty(TOKEN_RENEWED, false, Boolean.class)) {
                return false;
            }
            exchange.setProperty(TOKEN_RENEWED, true);
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            return true;
        }
        if (!(failure instanceof BitwardenUnavailableException unavailable)) {
            return false;
        }
        Instant now = clock.instant();
        Instant since = exchange.getProperty(FIRST_ATTEMPT, Instant.class);
        if (since == null) {
            since = now;
            exchange.setProperty(FIRST_ATTEMPT, since);
        }
        // counted here: the request's own route clears every header, Camel's redelivery counter included
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        exchange.setProperty(ATTEMPTS, attempt + 1);
        Duration delay = unavailable.retryAfter().orElse(backoff(attempt));
        Duration spent = Duration.between(since, now);
        if (unavailable instanceof NoConnectionException && !lastAnswer.since(runStarted(exchange, since))
                && spent.plus(delay).compareTo(NEVER_ANSWERED) > 0) {
            return giveUp(unavailable, "Nothing answered there since this run began; gave up after "
                    + seconds(spent) + ".");
        }
        if (spent.plus(delay).compareTo(retryFor) > 0) {
            String why = unavailable.retryAfter().filter(asked -> asked.compareTo(retryFor.minus(spent)) > 0)
                    .map(asked -> "The server asked to wait " + seconds(asked) + ", longer than what was left of"
                            + " bitwarden.retry-for (" + seconds(retryFor) + "), so dirsync gave up.")
                    .orElse("Gave up after retrying for " + seconds(spent) + " (bitwarden.retry-for).");
            return giveUp(unavailable, why);
        }
        LOG.warn("{} Retrying in {} ms.", unavailable.getMessage(), delay.toMillis());
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        return true;
    }

    /** When the run began ({@link #RUN_STARTED}), else when this request first failed. */
    private static Instant runStarted(Exchange exchange, Instant since) {
        Instant started = exchange.getProperty(RUN_STARTED, Instant.class);
        return started != null ? started : since;
    }

    private static boolean giveUp(BitwardenUnavailableException failure, String why) {
        failure.gaveUp(why);
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    static Duration backoff(int attempt) {
        return Backoff.after(attempt);
    }
}
