package io.dirsync.onelogin;

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
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class OneLoginResponseTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final URI USERS = URI.create("https://api.us.onelogin.com/api/1/users");

    private final Pacing pacing = new Pacing(CLOCK);
    private final OneLoginResponse response = new OneLoginResponse(new OneLoginToken(CLOCK), pacing, CLOCK);

    private static Exchange answer(int status, String body, long remaining) {
        return Answers.exchange(status, body, Map.of("X-RateLimit-Limit", "5000", "X-RateLimit-Remaining",
                String.valueOf(remaining), "X-RateLimit-Reset", "120"));
    }

    @Test
    void aPageIsItsDataAndItsNextLink() {
        NextLinks.Page page = response.page(USERS, answer(200, "{\"status\":{\"error\":false,\"code\":200},"
                + "\"pagination\":{\"next_link\":\"https://api.us.onelogin.com/api/1/users?after_cursor=xyz\"},"
                + "\"data\":[{\"id\":1},{\"id\":2}]}", 4000));

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).contains("https://api.us.onelogin.com/api/1/users?after_cursor=xyz");
        assertThat(response.page(USERS, answer(200, "{\"status\":{\"error\":false,\"code\":200},"
                + "\"pagination\":{\"next_link\":null},\"data\":[]}", 4000)).next()).isEmpty();
        assertThat(pacing.delay()).isZero();
    }

    @Test
    void anEnvelopeThatSaysErrorFailsTheReadEvenIn200() {
        assertThatThrownBy(() -> response.page(USERS, answer(200, "{\"status\":{\"error\":true,\"code\":400,"
                + "\"message\":\"Bad request\"},\"data\":[]}", 4000))).isExactlyInstanceOf(SourceException.class)
                .hasMessageContaining("with status 400: Bad request");
    }

    @Test
    void a429WaitsForRetryAfterElseTheResetInSecondsAndTheLastCallsArePaced() {
        assertThatThrownBy(() -> response.page(USERS, answer(429, "{\"status\":{\"error\":true,\"code\":429,"
                + "\"message\":\"Too Many Requests\"}}", 0))).isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnavailableException.Kind.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("OneLogin answered 429").contains("Too Many Requests");
                });
        // no call left for 120 s: the next one waits a minute, the longest pause, then the retry policy decides
        assertThat(pacing.delay()).isEqualTo(60_000);
    }

    @Test
    void a401IsAnExpiredTokenWorthOneRetry() {
        assertThatThrownBy(() -> response.page(USERS, answer(401, "{\"status\":{\"error\":true,\"code\":401,"
                + "\"message\":\"Authentication Failure\"}}", 4000))).isInstanceOfSatisfying(
                UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(UnavailableException.Kind.TOKEN_EXPIRED));
    }
}
