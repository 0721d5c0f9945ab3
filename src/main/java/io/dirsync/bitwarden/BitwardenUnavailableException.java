package io.dirsync.bitwarden;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure worth retrying: 429, a 5xx, or no connection. The server may say when to come back. When the retries
 * give up, {@link #gaveUp} adds why to the message the operator sees.
 */
public class BitwardenUnavailableException extends BitwardenException {

    private final transient Optional<Duration> retryAfter;
    private volatile String gaveUp;

    public BitwardenUnavailableException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
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
