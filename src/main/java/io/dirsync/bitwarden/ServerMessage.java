package io.dirsync.bitwarden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a Bitwarden server said, as one line for the operator: the official public API's
 * {@code message} and {@code errors}, Vaultwarden's {@code message} and {@code validationErrors}, or an
 * OAuth {@code error}. bwdc shows only {@code message}, which hides which entry was invalid. Without its final
 * period: the caller's sentence goes on, or ends, after it.
 */
final class ServerMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAILS = 3;

    private ServerMessage() {
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
        if (json == null || !json.isObject()) {
            return Messages.oneLine(body);
        }
        if (json.hasNonNull("error") && !json.path("error").asText().isEmpty() && !json.hasNonNull("message")) {
            String description = json.path("error_description").asText("");
            return json.path("error").asText() + (description.isEmpty() ? "" : " (" + description + ")");
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
        return Messages.oneLine(line.toString());
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
