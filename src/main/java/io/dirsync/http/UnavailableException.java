package io.dirsync.http;

import io.dirsync.DirsyncException;
import java.time.Duration;
import java.util.Optional;

/**
 * A remote API's answer worth another attempt, or its lack of one: throttled, a server error, no connection, or an
 * access token that expired. {@link Retries} decides how often and how long; when it gives up, why is added to the
 * message, and the run fails with exit code 1.
 */
public class UnavailableException extends DirsyncException {

    /** What went wrong, which decides how it is retried. */
    public enum Kind {
        /** 429, 503 (or what the API adds): the server says when to come back, or is waited for with back-off. */
        THROTTLED,
        /** Another 5xx, or no answer in time. */
        SERVER_ERROR,
        /** Nothing answered at the API's address: the connection was refused or never set up. */
        NO_CONNECTION,
        /** 401 from an API whose token is renewed. */
        TOKEN_EXPIRED
    }

    private final Kind kind;
    private final transient Optional<Duration> retryAfter;
    private volatile String gaveUp;

    public UnavailableException(Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Marks this as the last failure of its request: no more retries, for the reason given. */
    public void gaveUp(String why) {
        gaveUp = why;
    }

    @Override
    public String getMessage() {
        return gaveUp == null ? super.getMessage() : super.getMessage() + " " + gaveUp;
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
