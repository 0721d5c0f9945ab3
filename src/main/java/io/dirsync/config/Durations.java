package io.dirsync.config;

import java.time.Duration;

/** Durations as an operator writes them in the settings ({@code 30d}, {@code 24h}, {@code 90m}, {@code 45s}). */
public final class Durations {

    private Durations() {
    }

    /** The largest of d, h, m and s that divides the duration; ISO-8601 when it has a fraction of a second. */
    public static String format(Duration duration) {
        if (duration.toNanosPart() != 0) {
            return duration.toString();
        }
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
