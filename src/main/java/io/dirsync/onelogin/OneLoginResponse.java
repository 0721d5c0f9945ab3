package io.dirsync.onelogin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import io.dirsync.SourceException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Judges OneLogin's answer to one page. bwdc keeps what it has read when a page fails and syncs it; here a read is
 * complete or fails: a 200 whose envelope says success, with a {@code data} list, is the page (and its
 * {@code pagination.next_link}); 429 and 503 are throttling, waited for until {@code Retry-After} or else
 * {@code X-RateLimit-Reset}; other 5xx server errors; 401 an expired token (dropped, so the retry gets a new one), each
 * worth a retry; anything else fails the read. Every answer's {@code X-RateLimit-*} headers go to the {@link Pacing}.
 */
public class OneLoginResponse {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Unreachable UNREACHABLE = new Unreachable("OneLogin", OneLoginSettings.PREFIX,
            OneLoginSettings.REGION + " and " + OneLoginSettings.API_URL);

    private final OneLoginToken token;
    private final Pacing pacing;
    private final Clock clock;

    public OneLoginResponse(OneLoginToken token, Pacing pacing) {
        this(token, pacing, Clock.systemUTC());
    }

    OneLoginResponse(OneLoginToken token, Pacing pacing, Clock clock) {
        this.token = token;
        this.pacing = pacing;
        this.clock = clock;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        Message answer = exchange.getMessage();
        pacing.observe(rateLimit(answer, clock));
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = answer.getBody(String.class);
        String get = "GET " + url;
        if (status == 200) {
            return parse(body, get);
        }
        String answered = "OneLogin answered " + status + " to " + get;
        failed(answered, status, exchange, body, clock);
        if (status == 401) {
            token.invalidate();
            throw new UnavailableException(Kind.TOKEN_EXPIRED, answered + ": " + said(body, status) + ". Check that"
                    + " the API credential (onelogin.client-id) still exists.", Optional.empty(), null);
        }
        throw new SourceException(answered + ": " + said(body, status) + switch (status) {
            case 403 -> ". The API credential needs the \"Read users\" scope (or more).";
            case 404 -> ". Check onelogin.region and onelogin.api-url.";
            case 407 -> ". The proxy asks for credentials: write them in onelogin.proxy, as"
                    + " http://user:password@proxy:port (with {{env:NAME}} to keep them out of the file).";
            default -> ".";
        });
    }

    /** Throws for a status worth a retry (429, 5xx), when the wait is the server's to say. */
    static void failed(String answered, int status, Exchange exchange, String body, Clock clock) {
        String message = answered + ": " + said(body, status) + ".";
        if (status == 429 || status == 503) {
            Optional<Duration> wait = RetryAfter.of(exchange).or(() -> rateLimit(exchange.getMessage(), clock)
                    .map(limit -> Duration.between(clock.instant(), limit.reset())));
            throw new UnavailableException(Kind.THROTTLED, message, wait, null);
        }
        if (status >= 500) {
            throw new UnavailableException(Kind.SERVER_ERROR, message, Optional.empty(), null);
        }
    }

    /** Step of the OneLogin routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static NextLinks.Page parse(String body, String get) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.path("data").isArray()) {
            throw new SourceException("OneLogin answered 200 to " + get + " without a \"data\" list, so the read"
                    + " cannot be complete. Check onelogin.api-url.");
        }
        JsonNode status = json.path("status");
        if (status.path("error").asBoolean(false) || status.path("code").asInt(200) != 200) {
            throw new SourceException("OneLogin answered 200 to " + get + " with status "
                    + status.path("code").asText("?") + ": " + Messages.oneLine(status.path("message").asText(""))
                    + ", so the read cannot be complete.");
        }
        List<JsonNode> items = new ArrayList<>(json.path("data").size());
        json.path("data").forEach(items::add);
        String next = json.path("pagination").path("next_link").asText("");
        return new NextLinks.Page(items, next.isEmpty() ? Optional.empty() : Optional.of(next));
    }

    /** {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (seconds from now), when all three are there. */
    static Optional<RateLimit> rateLimit(Message answer, Clock clock) {
        try {
            Long limit = answer.getHeader("X-RateLimit-Limit", Long.class);
            Long remaining = answer.getHeader("X-RateLimit-Remaining", Long.class);
            Long reset = answer.getHeader("X-RateLimit-Reset", Long.class);
            return limit == null || remaining == null || reset == null ? Optional.empty()
                    : Optional.of(new RateLimit(limit, remaining, clock.instant().plusSeconds(reset)));
        } catch (RuntimeException notNumbers) {
            return Optional.empty();
        }
    }

    /**
     * What OneLogin said, as one line: the v1 envelope's {@code status.message}, or the token endpoint's
     * {@code message}/{@code error}; else the status.
     */
    static String said(String body, int status) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode json = JSON.readTree(body);
                for (JsonNode said : List.of(json.path("status").path("message"), json.path("message"),
                        json.path("error_description"), json.path("error"))) {
                    if (said.isTextual() && !said.asText().isBlank()) {
                        return Messages.oneLine(said.asText());
                    }
                }
            } catch (IOException notJson) {
                return Messages.oneLine(body.length() > 200 ? body.substring(0, 200) + "…" : body);
            }
        }
        return "HTTP " + status;
    }
}
