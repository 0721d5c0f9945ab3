package io.dirsync.http;

import java.time.Clock;
import java.time.Instant;

/**
 * When an API last answered one of this process's requests, whatever it said. {@link Retries} tells a server that was
 * never there this run (a wrong port: give up soon) from one that went away half-way (a restart: wait the full
 * {@code <prefix>.retry-for}, so that a half-applied change is finished).
 */
public class LastAnswer {

    private final Clock clock;
    private volatile Instant at;

    public LastAnswer() {
        this(Clock.systemUTC());
    }

    public LastAnswer(Clock clock) {
        this.clock = clock;
    }

    /** Step of the API's routes, after any HTTP answer. */
    public void heard() {
        at = clock.instant();
    }

    /** Whether the API answered at or after {@code instant}. */
    public boolean since(Instant instant) {
        Instant last = at;
        return last != null && !last.isBefore(instant);
    }
}
