package io.dirsync.sandbox;

import java.util.Map;
import java.util.Objects;

/**
 * An answer to a request, not yet sent.
 *
 * @param contentType {@code null} for none
 * @param body        "" for none
 * @param headers     further response headers
 */
public record Answer(int status, String contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    public Answer {
        body = Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static Answer json(int status, String body) {
        return new Answer(status, JSON, body, Map.of());
    }

    static Answer empty(int status) {
        return new Answer(status, null, "", Map.of());
    }

    static Answer of(RejectedRequest rejected) {
        return rejected.body().isEmpty() ? empty(rejected.status()) : json(rejected.status(), rejected.body());
    }

    /** A 401 as the imitated server sends it: a bearer challenge on the official server, Rocket's body on Vaultwarden. */
    static Answer unauthorized(ServerMode mode, String challenge) {
        if (mode == ServerMode.VAULTWARDEN) {
            return of(ErrorBodies.rocket(401));
        }
        return new Answer(401, null, "", Map.of("WWW-Authenticate", challenge));
    }
}
