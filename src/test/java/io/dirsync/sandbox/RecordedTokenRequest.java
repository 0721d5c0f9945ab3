package io.dirsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One token request as the sandbox received and answered it.
 *
 * @param form    the decoded form fields, names as sent
 * @param headers header names lower-cased
 * @param status  the HTTP status answered
 */
public record RecordedTokenRequest(Map<String, String> form, Map<String, List<String>> headers, Instant receivedAt,
                                   int status, String response) {

    public RecordedTokenRequest {
        form = Map.copyOf(form);
        headers = Map.copyOf(headers);
    }
}
