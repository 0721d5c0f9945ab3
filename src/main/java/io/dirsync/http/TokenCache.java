package io.dirsync.http;

import java.time.Clock;
import java.util.function.Supplier;

/** The access token of one API, fetched when there is none or it is about to expire, dropped on a 401. */
public final class TokenCache {

    private final Clock clock;
    private AccessToken current;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** The token, from {@code fetch} when the one held is missing or about to expire. */
    public synchronized String token(Supplier<AccessToken> fetch) {
        if (current == null || !current.usableAt(clock.instant())) {
            current = fetch.get();
        }
        return current.value();
    }

    /** Forgets the token, so the next request fetches a new one. */
    public synchronized void invalidate() {
        current = null;
    }
}
