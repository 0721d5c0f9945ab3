package io.dirsync.bitwarden;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the push route's error handler, whether a failed import request is sent again and after
 * how long: as long as the server asks ({@code Retry-After}) or with exponential back-off from 1 s to
 * 60 s, until {@code bitwarden.retry-for} has passed since the request first failed. A 401 is retried
 * once, at once, with a new token.
 */
public class RetryPolicy extends ConfiguredStep<Duration> {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    static final String FAILING_SINCE = "dirsync.bitwarden.failing-since";
    static final String TOKEN_RENEWED = "dirsync.bitwarden.token-renewed";
    static final String ATTEMPTS = "dirsync.bitwarden.attempts";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final Clock clock;

    /** For Camel: {@code bitwarden.retry-for} is read from the context at each call. */
    public RetryPolicy() {
        this.clock = Clock.systemUTC();
    }

    RetryPolicy(Duration retryFor, Clock clock) {
        super(retryFor);
        this.clock = clock;
    }

    @Override
    protected Duration settingsFrom(Settings settings) {
        return BitwardenSettings.from(settings).retryFor();
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
        Instant since = exchange.getProperty(FAILING_SINCE, Instant.class);
        if (since == null) {
            since = now;
            exchange.setProperty(FAILING_SINCE, since);
        }
        // counted here: the request's own route clears every header, Camel's redelivery counter included
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        exchange.setProperty(ATTEMPTS, attempt + 1);
        Duration delay = unavailable.retryAfter().orElse(backoff(attempt));
        if (Duration.between(since, now).plus(delay).compareTo(retryFor) > 0) {
            LOG.error("{} Gave up after retrying for {} (bitwarden.retry-for).", unavailable.getMessage(),
                    Duration.between(since, now).toSeconds() + " s");
            return false;
        }
        LOG.warn("{} Retrying in {} ms.", unavailable.getMessage(), delay.toMillis());
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        return true;
    }

    static Duration backoff(int attempt) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 10));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
