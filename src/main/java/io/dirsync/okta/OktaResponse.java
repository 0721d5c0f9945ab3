package io.dirsync.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import io.dirsync.SourceException;
import io.dirsync.http.LinkHeader;
import io.dirsync.http.NextLinks;
import io.dirsync.http.Pacing;
import io.dirsync.http.RateLimit;
import io.dirsync.http.RetryAfter;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.UnavailableException;
import io.dirsync.http.UnavailableException.Kind;
import io.dirsync.http.Unreachable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Unreachable UNREACHABLE = new Unreachable("Okta", OktaSettings.PREFIX, OktaSettings.ORG_URL);

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
        Message answer = exchange.getMessage();
        Optional<RateLimit> limit = rateLimit(answer);
        pacing.observe(limit);
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = answer.getBody(String.class);
        String get = "GET " + url;
        if (status == 200) {
            return parse(body, get, answer.getHeader("Link"));
        }
        String said = said(body);
        String answered = "Okta answered " + status + " to " + get + (said.isEmpty() ? "" : ": " + said);
        if (status == 429 || status == 503) {
            Optional<Duration> wait = RetryAfter.of(exchange).or(() -> limit.map(this::untilReset));
            throw new UnavailableException(Kind.THROTTLED, answered + ".", wait, null);
        }
        if (status >= 500) {
            throw new UnavailableException(Kind.SERVER_ERROR, answered + ".", Optional.empty(), null);
        }
        throw new SourceException(answered + switch (status) {
            case 401 -> ". Check okta.token: an API token of this organization, still valid (Okta revokes a token"
                    + " unused for 30 days).";
            case 403 -> ". The token's administrator needs to read users and groups (a read-only administrator"
                    + " can).";
            case 404 -> ". Check okta.org-url.";
            case 407 -> ". The proxy asks for credentials: write them in okta.proxy, as"
                    + " http://user:password@proxy:port (with {{env:NAME}} to keep them out of the file).";
            default -> ".";
        });
    }

    /** Step of the Okta routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static NextLinks.Page parse(String body, String get, Object linkHeader) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isArray()) {
            throw new SourceException("Okta answered 200 to " + get + " without a JSON list, so the read cannot be"
                    + " complete. Check okta.org-url points at the organization (https://example.okta.com).");
        }
        List<JsonNode> items = new ArrayList<>(json.size());
        json.forEach(items::add);
        return new NextLinks.Page(items, LinkHeader.next(linkHeader));
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
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            String code = json.path("errorCode").asText("");
            String summary = json.path("errorSummary").asText("");
            if (!code.isEmpty() || !summary.isEmpty()) {
                return Messages.oneLine(code + (code.isEmpty() || summary.isEmpty() ? "" : ": ") + summary);
            }
        } catch (IOException notJson) {
            // said as plain text below
        }
        return Messages.oneLine(body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}
