package io.dirsync.http;

import java.time.Duration;
import java.time.Instant;

/**
 * What a rate-limited API announced with an answer: the calls its window allows, those left, and when the window
 * resets.
 */
public record RateLimit(long limit, long remaining, Instant reset) {

    /** Calls are paced once fewer than this share (in percent) of the window's calls are left. */
    static final long PACE_BELOW_PERCENT = 10;
    /**
     * The longest pause before one call (Okta's windows are a minute; OneLogin's an hour): past it, the call is made,
     * and a refusal is the retry policy's to wait for, within {@code <prefix>.retry-for}, or to fail the read.
     */
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    /**
     * How long to wait, at {@code now}, before the next call: nothing while calls are plenty; then the calls left are
     * spread over what is left of the window; with none left, until it resets.
     */
    public Duration pauseAt(Instant now) {
        Duration untilReset = Duration.between(now, reset);
        if (untilReset.isNegative() || untilReset.isZero() || remaining * 100 >= limit * PACE_BELOW_PERCENT) {
            return Duration.ZERO;
        }
        Duration pause = remaining <= 0 ? untilReset : untilReset.dividedBy(remaining);
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }
}
