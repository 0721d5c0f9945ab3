package io.dirsync.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.ErrorBody;
import io.dirsync.http.LinkHeader;
import io.dirsync.http.NextLinks;
import io.dirsync.http.Pacing;
import io.dirsync.http.RateLimit;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.Unreachable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Judges Okta's answer to one page: a 200 with a JSON list is the page (its next page in a {@code Link} header); 429
 * and 503 are throttling, waited for until {@code Retry-After} or else {@code X-Rate-Limit-Reset}; other 5xx server
 * errors, worth a brief retry; anything else fails the read, with Okta's own message and what to check. Every answer's
 * {@code X-Rate-Limit-*} headers go to the {@link Pacing} that slows the next calls down.
 */
public class OktaResponse {

    private static final Unreachable UNREACHABLE = new Unreachable("Okta", OktaSettings.PREFIX, OktaSettings.ORG_URL);
    private static final AnswerJudge JUDGE = AnswerJudge.of(OktaSettings.PREFIX, OktaResponse::said,
                    SourceException::new)
            .check(401, "Check okta.token: an API token of this organization, still valid (Okta revokes a token"
                    + " unused for 30 days).")
            .check(403, "The token's administrator needs to read users and groups (a read-only administrator can).")
            .check(404, "Check okta.org-url.");

    private final Pacing pacing;
    private final Clock clock;

    public OktaResponse(Pacing pacing) {
        this(pacing, Clock.systemUTC());
    }

    OktaResponse(Pacing pacing, Clock clock) {
        this.pacing = pacing;
        this.clock = clock;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        Optional<RateLimit> limit = rateLimit(exchange.getMessage());
        pacing.observe(limit);
        Answer answer = Answer.of(exchange).orWait(limit.map(this::untilReset));
        if (!answer.ok()) {
            throw JUDGE.failure(answer, "Okta", "GET " + url);
        }
        return parse(answer.json(), "GET " + url, exchange.getMessage().getHeader("Link"));
    }

    /** Step of the Okta routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static NextLinks.Page parse(JsonNode json, String get, Object linkHeader) {
        if (!json.isArray()) {
            throw new SourceException("Okta answered 200 to " + get + " without a JSON list, so the read cannot be"
                    + " complete. Check okta.org-url points at the organization (https://example.okta.com).");
        }
        return NextLinks.Page.of(json, LinkHeader.next(linkHeader));
    }

    /** {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset} (epoch seconds), when all three are there. */
    static Optional<RateLimit> rateLimit(Message answer) {
        try {
            Long limit = answer.getHeader("X-Rate-Limit-Limit", Long.class);
            Long remaining = answer.getHeader("X-Rate-Limit-Remaining", Long.class);
            Long reset = answer.getHeader("X-Rate-Limit-Reset", Long.class);
            return limit == null || remaining == null || reset == null ? Optional.empty()
                    : Optional.of(new RateLimit(limit, remaining, Instant.ofEpochSecond(reset)));
        } catch (RuntimeException notNumbers) {
            return Optional.empty();
        }
    }

    private Duration untilReset(RateLimit limit) {
        Duration until = Duration.between(clock.instant(), limit.reset());
        return until.isNegative() ? Duration.ZERO : until;
    }

    /** Okta's {@code errorCode} and {@code errorSummary}, as one line. */
    static String said(String body) {
        return ErrorBody.said(body, json -> {
            String code = json.path("errorCode").asText("");
            String summary = json.path("errorSummary").asText("");
            return code + (code.isEmpty() || summary.isEmpty() ? "" : ": ") + summary;
        });
    }
}
