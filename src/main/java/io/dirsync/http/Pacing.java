package io.dirsync.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows a source's calls down before its API refuses them: each answer's announced {@link RateLimit} is observed, and
 * the route's delay step waits {@link #delay} before the next call.
 */
public class Pacing {

    private static final Logger LOG = LoggerFactory.getLogger(Pacing.class);

    private final Clock clock;
    private final AtomicReference<RateLimit> last = new AtomicReference<>();

    public Pacing() {
        this(Clock.systemUTC());
    }

    public Pacing(Clock clock) {
        this.clock = clock;
    }

    /** Step of a page route: the limit the answer announced, when it announced one. */
    public void observe(Optional<RateLimit> announced) {
        announced.ifPresent(last::set);
    }

    /** The milliseconds to wait before the next call, for the route's delay step. */
    public long delay() {
        RateLimit limit = last.get();
        Duration pause = limit == null ? Duration.ZERO : limit.pauseAt(clock.instant());
        if (!pause.isZero()) {
            LOG.info("The API allows {} more of {} calls until {}: waiting {} ms before the next one.",
                    limit.remaining(), limit.limit(), limit.reset(), pause.toMillis());
        }
        // rounded up: arriving a fraction of a millisecond before the reset is arriving in the old window
        return (pause.toNanos() + 999_999) / 1_000_000;
    }
}
