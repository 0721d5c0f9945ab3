package io.dirsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The error bodies of the imitated servers: the official public API's error model, IdentityServer's OAuth errors,
 * Vaultwarden's own error object and the JSON of its web framework's default catcher.
 */
final class ErrorBodies {

    static final String UNHANDLED = "An unhandled server error has occurred.";
    static final String MODEL_STATE_INVALID = "The request's model state is invalid.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /** Bitwarden's public API {@code ErrorResponseModel}: {@code {"object":"error","message":…,"errors":…|null}}. */
    static RejectedRequest official(int status, String message, Map<String, List<String>> errors) {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "error");
        body.put("message", message);
        if (errors == null) {
            body.putNull("errors");
        } else {
            ObjectNode map = body.putObject("errors");
            errors.forEach((key, messages) -> messages.forEach(map.putArray(key)::add));
        }
        return new RejectedRequest(status, body.toString());
    }

    /** A {@code BadRequestException} on the official server. */
    static RejectedRequest officialBadRequest(String message) {
        return official(400, message, null);
    }

    /** Any other exception on the official server (NullReference, duplicate dictionary key, …). */
    static RejectedRequest officialUnhandled() {
        return official(500, UNHANDLED, null);
    }

    /** An exception neither server expected: the official server's body, or Rocket's 500 on Vaultwarden. */
    static RejectedRequest unhandled(ServerMode mode) {
        return mode == ServerMode.VAULTWARDEN ? rocket(500) : officialUnhandled();
    }

    static RejectedRequest officialModelState(Map<String, List<String>> errors) {
        return official(400, MODEL_STATE_INVALID, errors);
    }

    /** Duende IdentityServer's token error: {@code {"error":"invalid_client"}}. */
    static RejectedRequest oauth(String error) {
        return new RejectedRequest(400, JSON.createObjectNode().put("error", error).toString());
    }

    /** Vaultwarden's {@code ApiErrorResponse}, field for field and in its order. */
    static RejectedRequest vaultwarden(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        body.putObject("validationErrors").putArray("").add(message);
        body.putObject("errorModel").put("message", message).put("object", "error");
        body.put("error", "");
        body.put("error_description", "");
        body.putNull("exceptionMessage");
        body.putNull("exceptionStackTrace");
        body.putNull("innerExceptionMessage");
        body.put("object", "error");
        return new RejectedRequest(400, body.toString());
    }

    /**
     * Rocket's default catcher in JSON, which Vaultwarden answers with for a request guard or data guard failure
     * (401, 422 for a body that does not fit the struct, 400 for one that is not JSON) and, through its own catcher,
     * for an unknown route under /api (404).
     */
    static RejectedRequest rocket(int status) {
        String reason;
        String description;
        switch (status) {
            case 400 -> {
                reason = "Bad Request";
                description = "The request could not be understood by the server due to malformed syntax.";
            }
            case 401 -> {
                reason = "Unauthorized";
                description = "The request requires user authentication.";
            }
            case 404 -> {
                reason = "Not Found";
                description = "The requested resource could not be found.";
            }
            case 500 -> {
                reason = "Internal Server Error";
                description = "The server encountered an internal error while processing this request.";
            }
            case 422 -> {
                reason = "Unprocessable Entity";
                description = "The request was well-formed but was unable to be followed due to semantic errors.";
            }
            default -> throw new IllegalArgumentException("no Rocket body for " + status);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status).put("reason", reason).put("description", description);
        return new RejectedRequest(status, body.toString());
    }
}
