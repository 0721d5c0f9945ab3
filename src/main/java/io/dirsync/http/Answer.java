package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;

/** A remote API's answer to one request, as its judge reads it: the status, the body, and when to ask again. */
public record Answer(int status, String body, Optional<Duration> retryAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Answer {
        body = body == null ? "" : body;
    }

    /** The answer camel-http left in {@code exchange}. */
    public static Answer of(Exchange exchange) {
        return new Answer(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                exchange.getMessage().getBody(String.class), RetryAfter.of(exchange));
    }

    /** The body as JSON: a missing node when it is empty or no JSON. */
    public JsonNode json() {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? MissingNode.getInstance() : json;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    public boolean ok() {
        return status == 200;
    }

    /** The same answer, waiting for {@code otherwise} when it has no {@code Retry-After}. */
    public Answer orWait(Optional<Duration> otherwise) {
        return new Answer(status, body, retryAfter.or(() -> otherwise));
    }
}
