package io.dirsync.bitwarden;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.http.ErrorBody;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a Bitwarden server said, as one line for the operator: the official public API's {@code message} and
 * {@code errors}, Vaultwarden's {@code message} and {@code validationErrors}, or an OAuth {@code error}. bwdc shows
 * only {@code message}, which hides which entry was invalid.
 */
final class ServerMessage {

    private static final int MAX_DETAILS = 3;

    private ServerMessage() {
    }

    static String of(String body) {
        return ErrorBody.said(body, ServerMessage::in);
    }

    private static String in(JsonNode json) {
        if (!json.isObject()) {
            return "";
        }
        if (json.hasNonNull("error") && !json.path("error").asText().isEmpty() && !json.hasNonNull("message")) {
            return ErrorBody.oauth(json);
        }
        String message = json.path("message").asText("");
        List<String> details = new ArrayList<>();
        collect(json.path("errors"), details);
        collect(json.path("validationErrors"), details);
        details.remove(message);
        details.remove(": " + message);
        StringBuilder line = new StringBuilder(message);
        for (int i = 0; i < Math.min(details.size(), MAX_DETAILS); i++) {
            line.append(i == 0 ? " " : "; ").append(details.get(i));
        }
        if (details.size() > MAX_DETAILS) {
            line.append("; and ").append(details.size() - MAX_DETAILS).append(" more");
        }
        return line.toString();
    }

    private static void collect(JsonNode errors, List<String> details) {
        if (!errors.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = errors.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            for (JsonNode text : field.getValue()) {
                details.add(field.getKey().isEmpty() ? text.asText() : field.getKey() + ": " + text.asText());
            }
        }
    }
}
