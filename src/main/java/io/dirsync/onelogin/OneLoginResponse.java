package io.dirsync.onelogin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.Messages;
import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.ErrorBody;
import io.dirsync.http.NextLinks;
import io.dirsync.http.Pacing;
import io.dirsync.http.RateLimit;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.Unreachable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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

    private static final Unreachable UNREACHABLE = new Unreachable("OneLogin", OneLoginSettings.PREFIX,
            OneLoginSettings.REGION + " and " + OneLoginSettings.API_URL);

    private static final AnswerJudge PAGES = AnswerJudge.of(OneLoginSettings.PREFIX, OneLoginResponse::said,
                    SourceException::new)
            .check(401, "Check that the API credential (onelogin.client-id) still exists.")
            .check(403, "The API credential needs the \"Read users\" scope (or more).")
            .check(404, "Check onelogin.region and onelogin.api-url.");

    private final AnswerJudge judge;
    private final Pacing pacing;
    private final Clock clock;

    public OneLoginResponse(OneLoginToken token, Pacing pacing) {
        this(token, pacing, Clock.systemUTC());
    }

    OneLoginResponse(OneLoginToken token, Pacing pacing, Clock clock) {
        this.judge = PAGES.renewingToken(token::invalidate);
        this.pacing = pacing;
        this.clock = clock;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        pacing.observe(rateLimit(exchange.getMessage(), clock));
        Answer answer = answer(exchange, clock);
        if (!answer.ok()) {
            throw judge.failure(answer, "OneLogin", "GET " + url);
        }
        return parse(answer.json(), "GET " + url);
    }

    /** The answer in {@code exchange}, waiting until {@code X-RateLimit-Reset} when it has no {@code Retry-After}. */
    static Answer answer(Exchange exchange, Clock clock) {
        return Answer.of(exchange).orWait(rateLimit(exchange.getMessage(), clock)
                .map(limit -> Duration.between(clock.instant(), limit.reset())));
    }

    /** Step of the OneLogin routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static NextLinks.Page parse(JsonNode json, String get) {
        if (!json.path("data").isArray()) {
            throw new SourceException("OneLogin answered 200 to " + get + " without a \"data\" list, so the read"
                    + " cannot be complete. Check onelogin.api-url.");
        }
        JsonNode status = json.path("status");
        if (status.path("error").asBoolean(false) || status.path("code").asInt(200) != 200) {
            throw new SourceException("OneLogin answered 200 to " + get + " with status "
                    + status.path("code").asText("?") + ": " + Messages.oneLine(status.path("message").asText(""))
                    + ", so the read cannot be complete.");
        }
        return NextLinks.Page.of(json.path("data"), Optional.of(json.path("pagination").path("next_link").asText("")));
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
     * {@code message}/{@code error}.
     */
    static String said(String body) {
        return ErrorBody.said(body, json -> {
            for (JsonNode said : List.of(json.path("status").path("message"), json.path("message"),
                    json.path("error_description"), json.path("error"))) {
                if (said.isTextual() && !said.asText().isBlank()) {
                    return said.asText();
                }
            }
            return "";
        });
    }
}
