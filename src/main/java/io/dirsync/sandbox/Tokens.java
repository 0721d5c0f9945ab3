package io.dirsync.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens handed out, each with its expiry. Tokens are opaque random strings, not JWTs. */
final class Tokens {

    enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    String issue(Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, Instant.now().plus(lifetime));
        return token;
    }

    Check check(String token) {
        if (token == null || token.isEmpty()) {
            return Check.MISSING;
        }
        Instant expiry = expiryByToken.get(token);
        if (expiry == null) {
            return Check.UNKNOWN;
        }
        return Instant.now().isBefore(expiry) ? Check.VALID : Check.EXPIRED;
    }

    Instant expiry(String token) {
        return expiryByToken.get(token);
    }
}
