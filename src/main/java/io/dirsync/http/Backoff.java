package io.dirsync.http;

import java.time.Duration;

/** The wait before a retry the server gave no {@code Retry-After} for: 1 s, doubling, at most 60 s. */
public final class Backoff {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(60);

    private Backoff() {
    }

    /** The wait after the {@code attempt}-th failure (0 for the first). */
    public static Duration after(int attempt) {
        Duration delay = FIRST.multipliedBy(1L << Math.min(attempt, 10));
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
