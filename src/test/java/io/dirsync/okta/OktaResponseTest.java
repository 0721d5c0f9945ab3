package io.dirsync.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.http.Answers;
import io.dirsync.http.NextLinks;
import io.dirsync.http.Pacing;
import io.dirsync.http.UnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class OktaResponseTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final URI USERS = URI.create("https://example.okta.com/api/v1/users?limit=200");

    private final Pacing pacing = new Pacing(Clock.fixed(NOW, ZoneOffset.UTC));
    private final OktaResponse response = new OktaResponse(pacing, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Exchange answer(int status, String body) {
        return Answers.exchange(status, body, Map.of("X-Rate-Limit-Limit", "600", "X-Rate-Limit-Remaining", "0",
                "X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 7)));
    }

    @Test
    void aPageIsItsListAndTheNextOfItsLinkHeaders() {
        Exchange exchange = answer(200, "[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]");
        exchange.getMessage().setHeader("Link", List.of("<" + USERS + ">; rel=\"self\"",
                "<https://example.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\""));

        NextLinks.Page page = response.page(USERS, exchange);

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).contains("https://example.okta.com/api/v1/users?after=00u2&limit=200");
        assertThat(pacing.delay()).isEqualTo(7000);
    }

    @Test
    void a429WaitsForRetryAfterElseForTheReset() {
        Exchange withRetryAfter = answer(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit\"}");
        withRetryAfter.getMessage().setHeader("Retry-After", "3");

        assertThatThrownBy(() -> response.page(USERS, withRetryAfter)).isInstanceOfSatisfying(UnavailableException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(UnavailableException.Kind.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                    assertThat(e.getMessage()).isEqualTo("Okta answered 429 to GET " + USERS
                            + ": E0000047: API call exceeded rate limit.");
                });
        assertThatThrownBy(() -> response.page(USERS, answer(429, ""))).isInstanceOfSatisfying(UnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void aServerErrorIsWorthABriefRetryAndA401IsNot() {
        assertThatThrownBy(() -> response.page(USERS, answer(500, "{}"))).isInstanceOfSatisfying(
                UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(UnavailableException.Kind.SERVER_ERROR));
        assertThatThrownBy(() -> response.page(USERS, answer(401, "{\"errorCode\":\"E0000011\",\"errorSummary\":"
                + "\"Invalid token provided\"}"))).isExactlyInstanceOf(SourceException.class)
                .hasMessageContaining("E0000011: Invalid token provided. Check okta.token");
    }

    @Test
    void a200ThatIsNoListFailsTheRead() {
        assertThatThrownBy(() -> response.page(USERS, answer(200, "<html>login</html>")))
                .isExactlyInstanceOf(SourceException.class).hasMessageContaining("without a JSON list")
                .hasMessageContaining("okta.org-url");
    }
}
