package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import java.io.IOException;

/**
 * What Microsoft said, as one line: Graph's {@code {"error":{"code","message"}}}, or the identity platform's
 * {@code error} and the first line of {@code error_description} (its trace ids follow on other lines).
 */
final class GraphError {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphError() {
    }

    /** The message for a proxy's 407 on the way to {@code what}. */
    static String proxyRefused(String what) {
        return "The proxy on the way to " + what + " asks for credentials (407): write them in entra.proxy, as"
                + " http://user:password@proxy:port (with {{env:NAME}} to keep them out of the file).";
    }

    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return Messages.oneLine(body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
        if (json == null) {
            return "";
        }
        JsonNode error = json.path("error");
        if (error.isObject()) {
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            return Messages.oneLine(code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message);
        }
        if (error.isTextual()) {
            String description = json.path("error_description").asText("").lines().findFirst().orElse("");
            return Messages.oneLine(error.asText() + (description.isEmpty() ? "" : " (" + Messages.oneLine(description) + ")"));
        }
        return Messages.oneLine(body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}
