package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.http.Answers;
import io.dirsync.http.NextLinks;
import io.dirsync.http.UnavailableException;
import io.dirsync.http.UnavailableException.Kind;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class GraphResponseTest {

    private static final URI USERS = URI.create("https://graph.microsoft.com/v1.0/users?$top=999");
    private final EntraToken token = new EntraToken();
    private final GraphResponse response = new GraphResponse(token);

    private static Exchange answer(int status, String body, String retryAfter) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Retry-After", retryAfter);
        return Answers.exchange(status, body, headers);
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":{\"date\":\"x\"}}}";
    }

    @Test
    void aPageIsItsValueListAndItsNextLink() {
        NextLinks.Page page = response.page(USERS, answer(200, "{\"value\":[{\"id\":\"1\"},{\"id\":\"2\"}],"
                + "\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/users?$skiptoken=X\"}", null));

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).hasValue("https://graph.microsoft.com/v1.0/users?$skiptoken=X");
        assertThat(response.page(USERS, answer(200, "{\"value\":[]}", null)).next()).isEmpty();
    }

    @Test
    void a200WithoutAValueListIsNoPage() {
        assertThatThrownBy(() -> response.page(USERS, answer(200, "<html>sign in</html>", null)))
                .isInstanceOf(SourceException.class).isNotInstanceOf(UnavailableException.class)
                .hasMessageContaining("without a \"value\" list").hasMessageContaining("entra.graph-url");
    }

    @Test
    void throttlingCarriesRetryAfterAndServerErrorsAreRetryable() {
        assertThatThrownBy(() -> response.page(USERS, answer(429, error("TooManyRequests", "Slow down."), "3")))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                    assertThat(e.getMessage()).isEqualTo("Microsoft Graph answered 429 to GET " + USERS
                            + ": TooManyRequests: Slow down.");
                });
        assertThatThrownBy(() -> response.page(USERS, answer(503, "", null)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.THROTTLED));
        assertThatThrownBy(() -> response.page(USERS, answer(502, "", null)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThatThrownBy(() -> response.page(USERS, answer(401, error("InvalidAuthenticationToken", "Expired."), null)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOKEN_EXPIRED));
    }

    @Test
    void aRefusalFailsTheReadSayingWhatToGrant() {
        assertThatThrownBy(() -> response.page(USERS, answer(403, error("Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."), null)))
                .isInstanceOf(SourceException.class).isNotInstanceOf(UnavailableException.class)
                .hasMessageContaining("Authorization_RequestDenied: Insufficient privileges")
                .hasMessageContaining("User.Read.All and GroupMember.Read.All");
        assertThatThrownBy(() -> response.page(USERS, answer(400, error("BadRequest", "Bad."), null)))
                .isNotInstanceOf(UnavailableException.class).hasMessageEndingWith("BadRequest: Bad.");
    }

    @Test
    void noAnswerIsRetriedBrieflyButAnUnknownHostIsNot() {
        assertThat(GraphResponse.unreachable("https://graph.example", new ConnectException("Connection refused")))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_CONNECTION));
        assertThat(GraphResponse.unreachable("https://graph.example", new UnknownHostException("graph.example")))
                .isNotInstanceOf(UnavailableException.class).hasMessageContaining("entra.graph-url");
    }
}
