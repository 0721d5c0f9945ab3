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
 * Decides, for a remote API's request route ({@code retryWhile} of its error handler), whether a failed request
 * ({@link UnavailableException}) is sent again and after how long. Throttling is waited for as long as the server asks
 * ({@code Retry-After}), else with {@link Backoff}, while {@code <prefix>.retry-for} lasts, counted from the request's
 * first attempt (its route's {@link #attempt} step, else its first failure), so only the last attempt can overshoot
 * it. An expired token is renewed once, at once. Anything else fails at once; giving up adds why to the message.
 *
 * <p>What differs between APIs is whether a half-done request leaves things half-done. A read ({@link #Retries(String)},
 * the cloud directories) fails soon on a server error or no connection: it is tried {@value #SERVER_ERROR_RETRIES} more
 * times within about 7 s, and the next run reads again (cloud-sources.md). A write ({@link #Retries(String, LastAnswer)},
 * the Bitwarden push) waits for those too, for all of its retry-for, so that a half-applied change is finished — unless
 * nothing has answered at all since the run began (a wrong port, a server that is not there): then it gives up after
 * {@link #NEVER_ANSWERED}.
 */
public class Retries extends ConfiguredStep<Duration> {

    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    /** How long a read waits for a throttled or unavailable API, unless {@code <prefix>.retry-for} says. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);
    /** How long a write waits, unless {@code <prefix>.retry-for} says. */
    public static final Duration DEFAULT_WRITE_RETRY_FOR = Duration.ofMinutes(10);
    /** The exchange property with the start of the run the request belongs to (the sync route's first step sets it). */
    public static final String RUN_STARTED = "dirsyncStarted";
    /** Retries of a read's server error: after 1, 2 and 4 s. */
    static final int SERVER_ERROR_RETRIES = 3;
    /** How long a write's connection is retried when the API has not answered once this run. */
    static final Duration NEVER_ANSWERED = Duration.ofSeconds(30);
    static final String FIRST_ATTEMPT = "dirsync.http.first-attempt";
    static final String ATTEMPTS = "dirsync.http.attempts";
    static final String TOKEN_RENEWED = "dirsync.http.token-renewed";

    private final String prefix;
    private final Duration defaultRetryFor;
    private final LastAnswer lastAnswer;
    private final Clock clock;

    /** A read's retries, for a route: {@code <prefix>.retry-for} is read from the context at each call. */
    public Retries(String prefix) {
        this(prefix, DEFAULT_RETRY_FOR, null, Clock.systemUTC());
    }

    /** A write's retries, for a route; {@code lastAnswer} hears the API's every answer. */
    public Retries(String prefix, LastAnswer lastAnswer) {
        this(prefix, DEFAULT_WRITE_RETRY_FOR, lastAnswer, Clock.systemUTC());
    }

    private Retries(String prefix, Duration defaultRetryFor, LastAnswer lastAnswer, Clock clock) {
        this.prefix = prefix;
        this.defaultRetryFor = defaultRetryFor;
        this.lastAnswer = lastAnswer;
        this.clock = clock;
    }

    /** For a test: a read's ({@code lastAnswer} null) or a write's retries, for at most {@code retryFor}. */
    Retries(String prefix, Duration retryFor, Clock clock, LastAnswer lastAnswer) {
        super(retryFor);
        this.prefix = prefix;
        this.defaultRetryFor = retryFor;
        this.lastAnswer = lastAnswer;
        this.clock = clock;
    }

    @Override
    protected Duration settingsFrom(Settings settings) {
        return settings.duration(prefix + ".retry-for", defaultRetryFor);
    }

    /**
     * Step of a request's route, before it is sent: the first attempt's start is when {@code <prefix>.retry-for}
     * begins, so that it is overshot by one attempt at most, never by two.
     */
    public void attempt(Exchange exchange) {
        if (exchange.getProperty(FIRST_ATTEMPT) == null) {
            exchange.setProperty(FIRST_ATTEMPT, clock.instant());
        }
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
        Instant since = exchange.getProperty(FIRST_ATTEMPT, Instant.class);
        if (since == null) {
            since = now;
            exchange.setProperty(FIRST_ATTEMPT, since);
        }
        // counted here: a request's route clears every header, Camel's redelivery counter included
        int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        exchange.setProperty(ATTEMPTS, attempt + 1);
        Duration spent = Duration.between(since, now);
        if (lastAnswer == null && unavailable.kind() != UnavailableException.Kind.THROTTLED
                && attempt >= SERVER_ERROR_RETRIES) {
            return giveUp(unavailable, "Gave up after " + (attempt + 1) + " attempts in " + seconds(spent) + ".");
        }
        Duration delay = unavailable.retryAfter().orElse(Backoff.after(attempt));
        if (lastAnswer != null && unavailable.kind() == UnavailableException.Kind.NO_CONNECTION
                && !lastAnswer.since(runStarted(exchange, since)) && spent.plus(delay).compareTo(NEVER_ANSWERED) > 0) {
            return giveUp(unavailable, "Nothing answered there since this run began; gave up after "
                    + seconds(spent) + ".");
        }
        Duration retryFor = settings();
        if (spent.plus(delay).compareTo(retryFor) > 0) {
            return giveUp(unavailable, unavailable.retryAfter().isPresent()
                    ? "The server asked to wait " + seconds(delay) + ", longer than what was left of " + prefix
                            + ".retry-for (" + seconds(retryFor) + "), so dirsync gave up."
                    : "Gave up after retrying for " + seconds(spent) + " (" + prefix + ".retry-for).");
        }
        LOG.warn("{} Retrying in {} ms.", unavailable.getMessage(), delay.toMillis());
        return retryIn(exchange, delay);
    }

    /** When the run began ({@link #RUN_STARTED}), else when this request first failed. */
    private static Instant runStarted(Exchange exchange, Instant since) {
        Instant started = exchange.getProperty(RUN_STARTED, Instant.class);
        return started != null ? started : since;
    }

    private static boolean retryIn(Exchange exchange, Duration delay) {
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        return true;
    }

    private static boolean giveUp(UnavailableException failure, String why) {
        failure.gaveUp(why);
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
