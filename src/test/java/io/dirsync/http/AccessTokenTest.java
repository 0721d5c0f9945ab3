package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void isRenewedFiveMinutesBeforeItExpiresOrHalfwayThroughAShortLife() {
        assertThat(AccessToken.fromResponse("{\"access_token\":\"t\",\"expires_in\":3599}", clock))
                .hasValue(new AccessToken("t", NOW.plusSeconds(3599 - 300)));
        assertThat(AccessToken.fromResponse("{\"access_token\":\"t\",\"expires_in\":60}", clock))
                .hasValue(new AccessToken("t", NOW.plusSeconds(30)));
    }

    @Test
    void anAnswerWithoutATokenHasNone() {
        assertThat(AccessToken.fromResponse("{\"error\":\"invalid_client\"}", clock)).isEmpty();
        assertThat(AccessToken.fromResponse("<html>", clock)).isEmpty();
        assertThat(AccessToken.fromResponse(null, clock)).isEmpty();
    }

    @Test
    void theCacheFetchesOnlyWhenItHasNoUsableToken() {
        AtomicInteger fetched = new AtomicInteger();
        TokenCache cache = new TokenCache(clock);

        assertThat(cache.token(() -> new AccessToken("t" + fetched.incrementAndGet(), NOW.plusSeconds(60))))
                .isEqualTo("t1");
        assertThat(cache.token(() -> new AccessToken("t" + fetched.incrementAndGet(), NOW.plusSeconds(60))))
                .isEqualTo("t1");
        cache.invalidate();
        assertThat(cache.token(() -> new AccessToken("t" + fetched.incrementAndGet(), NOW)))
                .isEqualTo("t2");
        assertThat(cache.token(() -> new AccessToken("t" + fetched.incrementAndGet(), NOW.plusSeconds(60))))
                .as("one that is due for renewal is replaced").isEqualTo("t3");
        assertThat(new AccessToken("secret-value", NOW).toString()).doesNotContain("secret-value");
    }
}
