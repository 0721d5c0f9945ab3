package io.dirsync.sync;

import io.dirsync.DirsyncException;

/**
 * A guard refused the run before anything was sent (too many removals, an empty read): exit code 3, which a run
 * whose removals the guard held ends with too.
 */
public class GuardRefusedException extends DirsyncException {

    public static final int EXIT_CODE = 3;

    public GuardRefusedException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
