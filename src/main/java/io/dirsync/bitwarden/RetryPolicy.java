package io.dirsync.bitwarden;

import io.dirsync.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the push route's error handler, whether a failed import request is sent again and after
 * how long: as long as the server asks ({@code Retry-After}) or with exponential back-off from 1 s to
 * 60 s, until {@code bitwarden.retry-for} has passed since the request first failed. A 401 is retried
 * once, at once, with a new token.
 */
public class RetryPolicy implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);
    static final String FAILING_SINCE = "dirsync.bitwarden.failing-since";
    static final String TOKEN_RENEWED = "dirsync.bitwarden.token-renewed";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final Clock clock;
    private CamelContext camelContext;

    public RetryPolicy() {
        this(Clock.systemUTC());
    }

    RetryPolicy(Clock clock) {
        this.clock = clock;
    }

    /** True to send the request again; sets the delay Camel waits before it does. */
    public boolean retry(Exchange exchange) {
        Duration retryFor = BitwardenSettings.from(Settings.of(camelContext)).retryFor();
        return shouldRetry(exchange, retryFor);
    }

    boolean shouldRetry(Exchange exchange, Duration retryFor) {
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
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
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

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
