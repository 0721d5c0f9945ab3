package io.dirsync.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Waiting for a test server to start, and reporting how long things took. */
final class Timing {

    private Timing() {
    }

    /** Pauses a loop that waits for {@code server}; an interrupt becomes an IOException and stays set. */
    static void sleep(long millis, String server) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + server, e);
        }
    }

    /** A difference of {@link System#nanoTime()} values in whole milliseconds, for timing logs. */
    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
