package io.dirsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One import request as the sandbox received and answered it.
 *
 * @param headers    header names lower-cased
 * @param body       the raw body, UTF-8
 * @param status     the HTTP status answered
 * @param response   the body answered ("" for none)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
                              Instant receivedAt, int status, String response) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
