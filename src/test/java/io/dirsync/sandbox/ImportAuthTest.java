package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.active;
import static io.dirsync.sandbox.SandboxClient.json;
import static io.dirsync.sandbox.SandboxClient.members;
import static io.dirsync.sandbox.SandboxClient.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportAuthTest {

    private static final String BODY = toJson(members(active("ann@example.com", "cn=ann")));

    private TestSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String importUrl() {
        return sandbox.apiUrl() + "/public/organization/import";
    }

    @Test
    void withoutATokenIs401WithAnEmptyBodyAndABearerChallenge() {
        sandbox = TestSandbox.builder().start();
        HttpResponse<String> response = new SandboxClient(sandbox).importJson(importUrl(), BODY, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(sandbox.member("ann@example.com")).isEmpty();
    }

    @Test
    void anUnknownTokenIs401() {
        sandbox = TestSandbox.builder().start();
        HttpResponse<String> response = new SandboxClient(sandbox).importJson(importUrl(), BODY, "made-up");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void aTokenPastItsLifetimeIs401() throws InterruptedException {
        sandbox = TestSandbox.builder().tokenLifetime(Duration.ofMillis(200)).start();
        SandboxClient client = new SandboxClient(sandbox);
        String token = client.newToken();
        Thread.sleep(300);

        HttpResponse<String> response = client.importJson(importUrl(), BODY, token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void expireAllTokensInvalidatesTokensAlreadyHandedOutButNotNewOnes() {
        sandbox = TestSandbox.builder().start();
        SandboxClient client = new SandboxClient(sandbox);
        String old = client.newToken();
        sandbox.expireAllTokens();

        assertThat(client.importJson(importUrl(), BODY, old).statusCode()).isEqualTo(401);
        assertThat(client.importJson(importUrl(), BODY, client.newToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCloudPathTakesTheSameToken() {
        sandbox = TestSandbox.builder().start();
        SandboxClient client = new SandboxClient(sandbox);

        HttpResponse<String> response = client.importJson(sandbox.baseUrl() + "/public/organization/import", BODY,
                client.newToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(sandbox.member("ann@example.com")).isPresent();
    }

    @Test
    void vaultwardenAnswers401WithRocketsBody() {
        sandbox = TestSandbox.builder().mode(ServerMode.VAULTWARDEN).start();
        HttpResponse<String> response = new SandboxClient(sandbox).importJson(importUrl(), BODY, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).at("/error/code").asInt()).isEqualTo(401);
    }
}
