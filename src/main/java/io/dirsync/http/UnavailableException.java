package io.dirsync.http;

import io.dirsync.SourceException;
import java.time.Duration;
import java.util.Optional;

/**
 * A remote directory's answer worth another attempt: throttled (429, 503), a server error, or an access token that
 * expired. {@link Retries} decides how often and how long; when it gives up, why is added to the message.
 */
public class UnavailableException extends SourceException {

    /** What went wrong, which decides how it is retried. */
    public enum Kind { THROTTLED, SERVER_ERROR, TOKEN_EXPIRED }

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
}
