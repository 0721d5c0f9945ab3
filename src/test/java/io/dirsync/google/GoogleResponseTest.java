package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.http.Answers;
import io.dirsync.http.NextLinks;
import io.dirsync.http.UnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class GoogleResponseTest {

    private static final URI USERS = URI.create("https://admin.example/admin/directory/v1/users?domain=x.com&maxResults=500");
    private final GoogleResponse response = new GoogleResponse(new GoogleToken());

    private static Exchange answer(int status, String body, String retryAfter) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Retry-After", retryAfter);
        return Answers.exchange(status, body, headers);
    }

    private static String error(int code, String reason) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"Said so.\",\"errors\":[{\"domain\":\"d\",\"reason\":\""
                + reason + "\",\"message\":\"Said so.\"}]}}";
    }

    @Test
    void aPageAndItsNextPageToken() {
        NextLinks.Page page = response.page(USERS, answer(200, "{\"users\":[{\"id\":\"1\"}],\"nextPageToken\":\"a+b/c=\"}",
                null));

        assertThat(page.items()).hasSize(1);
        assertThat(page.next()).contains("https://admin.example/admin/directory/v1/users?domain=x.com&maxResults=500"
                + "&pageToken=a%2Bb%2Fc%3D");
        assertThat(GoogleResponse.withPageToken(URI.create(page.next().get()), "next"))
                .isEqualTo("https://admin.example/admin/directory/v1/users?domain=x.com&maxResults=500&pageToken=next");
    }

    @Test
    void anEmptyListHasNoItemsAndAnAnswerWithoutTheListFails() {
        assertThat(response.page(USERS, answer(200, "{\"kind\":\"admin#directory#users\"}", null)).items()).isEmpty();
        assertThatThrownBy(() -> response.page(USERS, answer(200, "{\"users\":{}}", null)))
                .isInstanceOf(SourceException.class).hasMessageContaining("without a list of users");
    }

    @Test
    void rateLimitsAreThrottlingAndOther403sFail() {
        assertThatThrownBy(() -> response.page(USERS, answer(403, error(403, "userRateLimitExceeded"), null)))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(UnavailableException.Kind.THROTTLED));
        assertThatThrownBy(() -> response.page(USERS, answer(403, error(403, "rateLimitExceeded"), null)))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> response.page(USERS, answer(429, error(429, "rateLimitExceeded"), "7")))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> response.page(USERS, answer(403, error(403, "forbidden"), null)))
                .isNotInstanceOf(UnavailableException.class).isInstanceOf(SourceException.class)
                .hasMessageContaining("answered 403 to GET " + USERS + ": Said so. (forbidden)");
        assertThatThrownBy(() -> response.page(USERS, answer(502, "<html>bad gateway</html>", null)))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.kind()).isEqualTo(UnavailableException.Kind.SERVER_ERROR));
    }
}
