package io.dirsync.sandbox;

import java.util.Optional;

/**
 * The one way into the sandbox's HTTP side from outside: called for every request it receives. {@code dirsync sandbox}
 * uses it to print each import; the test suite to record every request and to answer some in the sandbox's stead
 * (a 429, a 500, a revoked token, a slow server), which is why no fault injection ships with the sandbox.
 *
 * <p>Called on the server's threads, one per request, so possibly concurrently. Every method does nothing by default.
 */
public interface SandboxHook {

    /**
     * Before the sandbox handles a request: an answer to send instead, in which case the request is not handled
     * and changes nothing; empty to let the sandbox handle it.
     */
    default Optional<Answer> before(ReceivedRequest request) {
        return Optional.empty();
    }

    /** An import was applied; called before its answer is sent. */
    default void imported(ImportOutcome outcome) {
    }

    /** The answer to a request, the sandbox's own or one {@link #before} gave, just before it is sent. */
    default void answered(ReceivedRequest request, Answer answer) {
    }
}
