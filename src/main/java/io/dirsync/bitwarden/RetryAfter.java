package io.dirsync.bitwarden;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/** {@link io.dirsync.http.RetryAfter}, by the name RetryPolicyTest (kept unchanged) knows it; the client uses the shared one. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> parse(String value, ZonedDateTime now) {
        return io.dirsync.http.RetryAfter.parse(value, now);
    }
}
