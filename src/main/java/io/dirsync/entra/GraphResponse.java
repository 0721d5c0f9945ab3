package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.DirsyncException;
import io.dirsync.Messages;
import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.ErrorBody;
import io.dirsync.http.NextLinks;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.Unreachable;
import java.net.URI;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Judges Graph's answer to one page: a 200 with a {@code value} list is the page (and its {@code @odata.nextLink});
 * 429 and 503 are throttling, other 5xx server errors, 401 an expired token (dropped, so the retry gets a new one),
 * each worth a retry; a delta link Graph no longer follows is {@link DeltaRound.LinkRefused}; anything else fails
 * the read, with Graph's own message and what to check.
 */
public class GraphResponse {

    private static final Unreachable UNREACHABLE = new Unreachable("Entra ID", EntraSettings.PREFIX,
            "entra.graph-url, entra.login-url");
    private static final AnswerJudge PAGES = AnswerJudge.of(EntraSettings.PREFIX, GraphResponse::said,
                    SourceException::new)
            .check(401, "Check that the app registration's secret (entra.key) is still valid.")
            .check(403, "Grant the app registration the Microsoft Graph application permissions User.Read.All and"
                    + " GroupMember.Read.All, with admin consent.")
            .check(404, "Check entra.graph-url, and the group ids in sync.user-filter.");

    private final AnswerJudge judge;

    public GraphResponse(EntraToken token) {
        this.judge = PAGES.renewingToken(token::invalidate);
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        Answer answer = Answer.of(exchange);
        String get = "GET " + url;
        if (!answer.ok()) {
            DirsyncException failure = judge.failure(answer, "Microsoft Graph", get);
            if (DeltaRound.refuses(answer)) {
                throw new DeltaRound.LinkRefused(failure.getMessage());
            }
            throw failure;
        }
        return parse(answer.json(), get, exchange.getMessage());
    }

    /** The page; on the last page of a delta round, its {@code @odata.deltaLink} goes in {@link DeltaRound#LINK}. */
    static NextLinks.Page parse(JsonNode json, String get, Message answer) {
        if (!json.path("value").isArray()) {
            throw new SourceException("Microsoft Graph answered 200 to " + get + " without a \"value\" list, so the"
                    + " read cannot be complete. Check entra.graph-url points at Microsoft Graph.");
        }
        String delta = json.path("@odata.deltaLink").asText("");
        if (!delta.isEmpty()) {
            answer.setHeader(DeltaRound.LINK, delta);
        }
        return NextLinks.Page.of(json.path("value"), Optional.of(json.path("@odata.nextLink").asText("")));
    }

    /**
     * What Microsoft said, as one line: Graph's {@code {"error":{"code","message"}}}, or the identity platform's
     * OAuth {@code error}.
     */
    static String said(String body) {
        return ErrorBody.said(body, json -> {
            JsonNode error = json.path("error");
            if (error.isObject()) {
                String code = error.path("code").asText("");
                String message = Messages.oneLine(error.path("message").asText(""));
                return code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message;
            }
            return error.isTextual() ? ErrorBody.oauth(json) : "";
        });
    }

    /** Step of the Graph routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static DirsyncException unreachable(String url, Throwable failure) {
        return UNREACHABLE.of(url, failure);
    }
}
