package io.dirsync;

/** The directory could not be read completely (unreachable, refused bind, bad filter, TLS): exit code 1. */
public class SourceException extends DirsyncException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        this(message, null);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
