package io.dirsync.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every import and token request the sandbox answered, oldest first: a {@link SandboxHook} for the tests. */
final class Recorder implements SandboxHook {

    private final List<RecordedRequest> imports = new CopyOnWriteArrayList<>();
    private final List<RecordedTokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    @Override
    public void answered(ReceivedRequest request, Answer answer) {
        switch (request.endpoint()) {
            case IMPORT -> imports.add(new RecordedRequest(request.method(), request.path(), request.headers(),
                    request.body(), request.receivedAt(), answer.status(), answer.body()));
            case TOKEN -> {
                if (request.method().equals("POST")) {
                    tokenRequests.add(new RecordedTokenRequest(SandboxHttpServer.decodeForm(request.body()),
                            request.headers(), request.receivedAt(), answer.status(), answer.body()));
                }
            }
            default -> {
            }
        }
    }

    List<RecordedRequest> imports() {
        return List.copyOf(imports);
    }

    List<RecordedTokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }
}
