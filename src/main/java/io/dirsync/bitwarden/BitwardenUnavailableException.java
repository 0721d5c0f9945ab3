package io.dirsync.bitwarden;

import java.time.Duration;
import java.util.Optional;

/** A failure worth retrying: 429, a 5xx, or no connection. The server may say when to come back. */
public class BitwardenUnavailableException extends BitwardenException {

    private final transient Optional<Duration> retryAfter;

    public BitwardenUnavailableException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
