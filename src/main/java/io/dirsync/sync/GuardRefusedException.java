package io.dirsync.sync;

import io.dirsync.DirsyncException;

/** A guard refused the run before anything was sent (too many removals, an empty read): exit code 3. */
public class GuardRefusedException extends DirsyncException {

    public GuardRefusedException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
