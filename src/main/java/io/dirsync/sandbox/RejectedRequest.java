package io.dirsync.sandbox;

/** A request the sandbox answers with an error: the status and the body exactly as the imitated server sends it. */
final class RejectedRequest extends RuntimeException {

    private final int status;
    private final String body;

    RejectedRequest(int status, String body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    /** The JSON body, or "" for none. */
    String body() {
        return body;
    }
}
