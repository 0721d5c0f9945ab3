package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import java.io.IOException;
import java.util.function.Function;

/**
 * What an API said in the body of a failed answer, as one line for the operator (without its final period): the
 * message where the API puts it in its JSON, else the body itself, cut short.
 */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHORT = 200;

    private ErrorBody() {
    }

    /**
     * @param where the API's message in its JSON, empty when it has none there
     */
    public static String said(String body, Function<JsonNode, String> where) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            return shown(body);
        }
        if (json == null) {
            return "";
        }
        String said = Messages.oneLine(where.apply(json));
        return said.isEmpty() ? shown(body) : said;
    }

    /** OAuth's {@code error}, with the first line of its {@code error_description} (trace ids follow on others). */
    public static String oauth(JsonNode json) {
        String description = json.path("error_description").asText("").lines().findFirst().orElse("");
        return json.path("error").asText("") + (description.isBlank() ? "" : " (" + Messages.oneLine(description) + ")");
    }

    private static String shown(String body) {
        return Messages.oneLine(body.length() > SHORT ? body.substring(0, SHORT) + "…" : body);
    }
}
