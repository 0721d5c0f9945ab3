package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import java.io.IOException;
import java.util.Optional;

/**
 * What Google said, as one line: the Directory API's {@code {"error":{"code","message","errors":[{"reason"}]}}}, or
 * the token endpoint's {@code error} and {@code error_description}.
 *
 * @param reason the first of {@code errors[].reason} ({@code userRateLimitExceeded}…), when there is one
 */
record GoogleError(String said, Optional<String> reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GoogleError of(String body) {
        if (body == null || body.isBlank()) {
            return new GoogleError("", Optional.empty());
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new GoogleError(Messages.oneLine(body.length() > 200 ? body.substring(0, 200) + "…" : body),
                    Optional.empty());
        }
        JsonNode error = json.path("error");
        if (error.isObject()) {
            String reason = error.path("errors").path(0).path("reason").asText("");
            String message = error.path("message").asText("");
            return new GoogleError(Messages.oneLine(message + (reason.isEmpty() ? "" : " (" + reason + ")")),
                    Optional.of(reason).filter(r -> !r.isEmpty()));
        }
        String description = json.path("error_description").asText("");
        return new GoogleError(Messages.oneLine(error.asText("") + (description.isEmpty() ? "" : ": " + description)),
                Optional.empty());
    }

    /** Google's 403 that means "slow down", not "forbidden". */
    boolean rateLimited() {
        return reason.filter(r -> r.equals("userRateLimitExceeded") || r.equals("rateLimitExceeded")).isPresent();
    }

    /** The message for a proxy's 407 on the way to {@code what}. */
    static String proxyRefused(String what) {
        return "The proxy on the way to " + what + " asks for credentials (407): write them in google.proxy, as"
                + " http://user:password@proxy:port (with {{env:NAME}} to keep them out of the file).";
    }
}
