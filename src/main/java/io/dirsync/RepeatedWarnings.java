package io.dirsync;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Warnings that every run would repeat (an entry left out until someone fixes it, removals a guard keeps holding):
 * under {@code dirsync run} each is logged when it appears, not again on every tick while it stays the same. A
 * one-shot command is one run, so it logs them all.
 */
public final class RepeatedWarnings {

    private static final Set<String> PREVIOUS_RUN = new HashSet<>();
    private static final Set<String> THIS_RUN = new HashSet<>();

    private RepeatedWarnings() {
    }

    /** Logs {@code message} as a warning unless the previous run logged it too. */
    public static synchronized void warn(Logger log, String message) {
        if (THIS_RUN.add(message) && !PREVIOUS_RUN.contains(message)) {
            log.warn("{}", message);
        } else {
            log.debug("{} (as in the previous run)", message);
        }
    }

    /** A new command starts: nothing was warned about yet. */
    public static synchronized void forget() {
        PREVIOUS_RUN.clear();
        THIS_RUN.clear();
    }

    /** A run is over: what it warned about is what the next one compares with. */
    public static synchronized void runEnded() {
        PREVIOUS_RUN.clear();
        PREVIOUS_RUN.addAll(THIS_RUN);
        THIS_RUN.clear();
    }
}
