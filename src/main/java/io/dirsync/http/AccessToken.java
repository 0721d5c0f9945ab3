package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An OAuth access token and when to stop using it: shortly before it expires. */
public record AccessToken(String value, Instant renewAt) {

    /** Renewed this long before it expires, or halfway through a shorter lifetime. */
    public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The token of an OAuth token response ({@code access_token}, {@code expires_in}); empty when it has none. */
    public static Optional<AccessToken> fromResponse(String body, Clock clock) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            String accessToken = json == null ? "" : json.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                return Optional.empty();
            }
            Duration lifetime = Duration.ofSeconds(json.path("expires_in").asLong(3600));
            Duration margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) > 0
                    ? RENEW_BEFORE_EXPIRY : lifetime.dividedBy(2);
            return Optional.of(new AccessToken(accessToken, clock.instant().plus(lifetime).minus(margin)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean usableAt(Instant instant) {
        return instant.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "AccessToken[renewAt=" + renewAt + "]";
    }
}
