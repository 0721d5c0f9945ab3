package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.active;
import static io.dirsync.sandbox.SandboxClient.deleted;
import static io.dirsync.sandbox.SandboxClient.group;
import static io.dirsync.sandbox.SandboxClient.members;
import static io.dirsync.sandbox.SandboxClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.sandbox.ReceivedRequest.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the product sandbox offers without the test machinery: the hook, what an import changed, the port. */
class SandboxHookTest {

    private final List<ImportOutcome> imports = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private BitwardenSandbox sandbox;

    private final SandboxHook hook = new SandboxHook() {
        @Override
        public void imported(ImportOutcome outcome) {
            imports.add(outcome);
        }

        @Override
        public void answered(ReceivedRequest request, Answer answer) {
            answered.add(request.endpoint() + " " + answer.status());
        }
    };

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void eachAppliedImportIsReportedWithWhatItChanged() {
        sandbox = BitwardenSandbox.builder().hook(hook).start();
        SandboxClient client = new SandboxClient(sandbox);

        client.importRequest(request(List.of(group("Team", "g1", "a", "b")),
                List.of(active("a@x.com", "a"), active("b@x.com", "b")), false));
        client.importRequest(request(List.of(group("Team", "g1", "a")), List.of(deleted("b@x.com", "b")), false));
        // the same again: the group's members are replaced by the same ones, which changes nothing
        client.importRequest(request(List.of(group("Team", "g1", "a")), List.of(active("a@x.com", "a")), false));

        assertThat(imports).containsExactly(new ImportOutcome(2, 0, 0, 0, 0, 1, 0, 3, 1),
                new ImportOutcome(0, 0, 1, 0, 0, 0, 1, 2, 1), new ImportOutcome(0, 0, 0, 0, 0, 0, 0, 2, 1));
        assertThat(imports.get(0).describe())
                .isEqualTo("2 invited, 0 removed, 1 group created, 0 groups changed; 3 members, 1 group");
        assertThat(answered).containsExactly("TOKEN 200", "IMPORT 200", "IMPORT 200", "IMPORT 200");
    }

    @Test
    void vaultwardenRevokesAndRestores() {
        sandbox = BitwardenSandbox.builder().mode(ServerMode.VAULTWARDEN).hook(hook).start();
        SandboxClient client = new SandboxClient(sandbox);

        client.importRequest(members(active("a@x.com", "a")));
        client.importRequest(members(deleted("a@x.com", "a")));
        client.importRequest(members(active("a@x.com", "a")));

        assertThat(imports).extracting(ImportOutcome::describe).containsExactly(
                "1 invited, 0 removed, 0 groups created, 0 groups changed; 2 members, 0 groups",
                "0 invited, 0 removed, 1 revoked, 0 groups created, 0 groups changed; 2 members, 0 groups",
                "0 invited, 0 removed, 1 restored, 0 groups created, 0 groups changed; 2 members, 0 groups");
    }

    @Test
    void aRefusedImportIsAnsweredButNotReportedAsApplied() {
        sandbox = BitwardenSandbox.builder().useGroups(false).hook(hook).start();

        HttpResponse<String> response = new SandboxClient(sandbox).importRequest(
                request(List.of(group("Team", "g1", "a")), List.of(active("a@x.com", "a")), false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(imports).isEmpty();
        assertThat(answered).containsExactly("TOKEN 200", "IMPORT 400");
    }

    @Test
    void anAnswerGivenBeforeHandlingIsSentInsteadAndChangesNothing() {
        sandbox = BitwardenSandbox.builder().hook(new SandboxHook() {
            @Override
            public Optional<Answer> before(ReceivedRequest request) {
                return request.endpoint() == Endpoint.IMPORT
                        ? Optional.of(new Answer(503, null, "", Map.of("Retry-After", "7"))) : Optional.empty();
            }
        }).start();

        HttpResponse<String> response = new SandboxClient(sandbox).importRequest(members(active("a@x.com", "a")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(sandbox.members()).extracting(Member::email).containsExactly("owner@example.com");
    }

    @Test
    void listensOnTheGivenPortOfLoopback() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        sandbox = BitwardenSandbox.builder().port(port).start();

        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(new SandboxClient(sandbox).newToken()).isNotBlank();
    }
}
