package io.dirsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the sandbox received it.
 *
 * @param path    the path and query as sent, e.g. {@code /api/public/organization/import}
 * @param headers header names lower-cased
 * @param body    the raw body, UTF-8
 */
public record ReceivedRequest(Endpoint endpoint, String method, String path, Map<String, List<String>> headers,
                              String body, Instant receivedAt) {

    /** Which of the imitated server's endpoints a request is for, whatever its method. */
    public enum Endpoint {
        /** {@code /identity/connect/token}, or {@code /connect/token} on the cloud. */
        TOKEN,
        /** {@code /api/public/organization/import}, or {@code /public/organization/import} on the cloud. */
        IMPORT,
        /** {@code /api/public/members…} and {@code /api/public/groups…} (also without {@code /api}). */
        READ_BACK,
        /** Anything else: not found. */
        UNKNOWN;

        static Endpoint of(String path) {
            if (path.equals("/identity/connect/token") || path.equals("/connect/token")) {
                return TOKEN;
            }
            String apiPath = path.startsWith("/api/public/") ? path.substring("/api".length()) : path;
            if (apiPath.equals("/public/organization/import")) {
                return IMPORT;
            }
            if (apiPath.startsWith("/public/members") || apiPath.startsWith("/public/groups")) {
                return READ_BACK;
            }
            return UNKNOWN;
        }
    }

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
