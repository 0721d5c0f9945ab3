package io.dirsync.bitwarden;

import java.time.Clock;
import java.time.Instant;

/**
 * When Bitwarden last answered one of this process's requests, whatever it said. The retry policy tells a server
 * that was never there this run (a wrong port: give up soon) from one that went away half-way (a restart: wait the
 * full {@code bitwarden.retry-for}, so that a half-applied change is finished).
 */
public class LastAnswer {

    private final Clock clock;
    private volatile Instant at;

    public LastAnswer() {
        this(Clock.systemUTC());
    }

    LastAnswer(Clock clock) {
        this.clock = clock;
    }

    /** Step of the Bitwarden routes, after any HTTP answer. */
    public void heard() {
        at = clock.instant();
    }

    /** Whether Bitwarden answered at or after {@code instant}. */
    public boolean since(Instant instant) {
        Instant last = at;
        return last != null && !last.isBefore(instant);
    }
}
