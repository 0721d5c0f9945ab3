package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.active;
import static io.dirsync.sandbox.SandboxClient.json;
import static io.dirsync.sandbox.SandboxClient.members;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private TestSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.builder().start();
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> importOne(String name) {
        return client.importRequest(members(active(name + "@x.com", name)));
    }

    @Test
    void failNextAnswers429WithRetryAfterThenRecovers() {
        sandbox.failNext(2, 429, "3");

        HttpResponse<String> first = importOne("a");
        HttpResponse<String> second = importOne("a");
        HttpResponse<String> third = importOne("a");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(first.body()).isEqualTo("API calls quota exceeded! maximum admitted 5 per 1s.");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 200);
        assertThat(sandbox.events()).hasSize(1);
    }

    @Test
    void failNextWith500AnswersTheServersErrorBodyAndAppliesNothing() {
        sandbox.failNext(1, 500, null);

        HttpResponse<String> response = importOne("a");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json(response.body()).get("message").asText()).isEqualTo("An unhandled server error has occurred.");
        assertThat(sandbox.member("a@x.com")).isEmpty();
    }

    @Test
    void failNextWith503HasAnEmptyBody() {
        sandbox.failNext(1, 503, "1");
        HttpResponse<String> response = importOne("a");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void failNextWith401RejectsAValidTokenOnce() {
        sandbox.failNextWith401();
        assertThat(importOne("a").statusCode()).isEqualTo(401);
        assertThat(importOne("a").statusCode()).isEqualTo(200);
    }

    @Test
    void delayHoldsEveryRequest() {
        client.newToken();
        sandbox.delay(Duration.ofMillis(300));

        long started = System.nanoTime();
        HttpResponse<String> response = importOne("a");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void failAfterLetsSomeImportsThroughThenFailsUntilCleared() {
        sandbox.failAfter(1, 503);

        assertThat(importOne("a").statusCode()).isEqualTo(200);
        assertThat(importOne("b").statusCode()).isEqualTo(503);
        assertThat(importOne("c").statusCode()).isEqualTo(503);
        assertThat(sandbox.member("b@x.com")).isEmpty();

        sandbox.clearFaults();
        assertThat(importOne("b").statusCode()).isEqualTo(200);
        assertThat(sandbox.member("b@x.com")).isPresent();
    }

    @Test
    void requestsAreRecordedWithBodyAndHeaders() {
        importOne("a");

        RecordedRequest recorded = sandbox.requests().get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/api/public/organization/import");
        assertThat(json(recorded.body()).at("/members/0/email").asText()).isEqualTo("a@x.com");
        assertThat(recorded.header("Authorization")).startsWith("Bearer ");
        assertThat(recorded.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.receivedAt()).isNotNull();
    }
}
