package io.dirsync;

import java.util.Optional;

/**
 * A failure the operator can act on. The message is one line that names what to fix; the CLI prints it
 * as is and exits with {@link #exitCode()}.
 */
public abstract class DirsyncException extends RuntimeException {

    protected DirsyncException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code for this failure, as DESIGN.md's table fixes them. */
    public abstract int exitCode();

    /** The operator-facing failure inside Camel's wrappers (a split's, a bean invocation's), if there is one. */
    public static Optional<DirsyncException> within(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DirsyncException dirsync) {
                return Optional.of(dirsync);
            }
        }
        return Optional.empty();
    }
}
