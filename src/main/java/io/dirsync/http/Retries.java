package io.dirsync.http;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for a cloud directory's request route ({@code retryWhile} of its error handler), whether a failed request
 * is sent again and after how long (cloud-sources.md): a throttled one (429, 503) after the server's
 * {@code Retry-After}, else with {@link Backoff}, for up to {@code <prefix>.retry-for}; a server error a few times
 * within about 7 s, then the read fails; an expired token once, at once, with a new token. Anything else fails at once.
 */
public class Retries extends ConfiguredStep<Duration> {

    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);
    /** Retries of a server error: after 1, 2 and 4 s. */
    static final int SERVER_ERROR_RETRIES = 3;
    static final String FIRST_FAILURE = "dirsync.http.first-failure";
    static final String ATTEMPTS = "dirsync.http.attempts";
    static final String TOKEN_RENEWED = "dirsync.http.token-renewed";

    private final String prefix;
    private final Clock clock;

    /** For a route: {@code <prefix>.retry-for} is read from the context at each call. */
    public Retries(String prefix) {
        this.prefix = prefix;
        this.clock = Clock.systemUTC();
    }

    Retries(String prefix, Duration retryFor, Clock clock) {
        super(retryFor);
        this.prefix = prefix;
        this.clock = clock;
    }

    @Override
    protected Duration settingsFrom(Settings settings) {
        return settings.duration(prefix + ".retry-for", DEFAULT_RETRY_FOR);
    }

    /** True to send the request again; sets the delay Camel waits before it does. */
    public boolean retry(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!(failure instanceof UnavailableException unavailable)) {
            return false;
        }
        if (unavailable.kind() == UnavailableException.Kind.TOKEN_EXPIRED) {
            if (exchange.getProperty(TOKEN_RENEWED, false, Boolean.class)) {
                return giveUp(unavailable, "A new token was refused too.");
            }
            exchange.setProperty(TOKEN_RENEWED, true);
            return retryIn(exchange, Duration.ZERO);
        }
        Instant now = clock.instant();
        Instant since = exchange.getProperty(FIRST_FAILURE, Instant.class);
        if (since == null) {
            since = now;
            exchange.setProperty(FIRST_FAILURE, since);
        }
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        exchange.setProperty(ATTEMPTS, attempt + 1);
        Duration spent = Duration.between(since, now);
        if (unavailable.kind() == UnavailableException.Kind.SERVER_ERROR && attempt >= SERVER_ERROR_RETRIES) {
            return giveUp(unavailable, "Gave up after " + (attempt + 1) + " attempts in " + spent.toSeconds() + " s.");
        }
        Duration retryFor = settings();
        Duration delay = unavailable.retryAfter().orElse(Backoff.after(attempt));
        if (spent.plus(delay).compareTo(retryFor) > 0) {
            return giveUp(unavailable, unavailable.retryAfter().isPresent()
                    ? "The server asked to wait " + delay.toSeconds() + " s, past " + prefix + ".retry-for ("
                            + retryFor.toSeconds() + " s)."
                    : "Gave up after retrying for " + spent.toSeconds() + " s (" + prefix + ".retry-for).");
        }
        LOG.warn("{} Retrying in {} ms.", unavailable.getMessage(), delay.toMillis());
        return retryIn(exchange, delay);
    }

    private static boolean retryIn(Exchange exchange, Duration delay) {
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        return true;
    }

    private static boolean giveUp(UnavailableException failure, String why) {
        failure.gaveUp(why);
        return false;
    }
}
