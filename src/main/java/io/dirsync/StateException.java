package io.dirsync;

import io.dirsync.DirsyncException;

/** The applied state or its lock cannot be used (unreadable, unwritable, held by another run): exit code 1. */
public class StateException extends DirsyncException {

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateException(String message) {
        this(message, null);
    }

    @Override
    public int exitCode() {
        return 1;
    }

    /** Another sync of the instance holds its lock: this one did not start. */
    public static final class LockHeld extends StateException {
        public LockHeld(String message) {
            super(message);
        }
    }
}
