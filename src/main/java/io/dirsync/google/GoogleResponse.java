package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.ErrorBody;
import io.dirsync.http.NextLinks;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.Unreachable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Judges the Directory API's answer to one page: a 200 is the page, its items under the list's name ({@code users},
 * {@code groups}, {@code members}; absent on an empty list) and its {@code nextPageToken} made into the next page's
 * URL; 429, 503 and a 403 for a rate limit are throttling, other 5xx server errors, 401 an expired token (dropped, so
 * the retry gets a new one), each worth a retry; anything else fails the read, with Google's own message.
 */
public class GoogleResponse {

    /** The reasons of Google's 403 that means "slow down", not "forbidden". */
    private static final Set<String> RATE_LIMITED = Set.of("userRateLimitExceeded", "rateLimitExceeded");
    static final Unreachable UNREACHABLE = new Unreachable("Google", GoogleSettings.PREFIX,
            "google.api-url, google.token-url");
    private static final AnswerJudge PAGES = AnswerJudge.of(GoogleSettings.PREFIX, GoogleResponse::said,
                    SourceException::new)
            .throttling(AnswerJudge.BUSY.or(answer -> answer.status() == 403
                    && RATE_LIMITED.contains(reason(answer))))
            .check(403, "Check that google.admin-user is an administrator allowed to read users and groups, and"
                    + " google.domain / google.customer.")
            .check(400, "Check google.domain, google.customer, the group names in sync.user-filter, and the query"
                    + " after '|' in the filters.")
            .check(404, "Check google.domain, google.customer, the group names in sync.user-filter, and the query"
                    + " after '|' in the filters.");

    private final AnswerJudge judge;

    public GoogleResponse(GoogleToken token) {
        this.judge = PAGES.renewingToken(token::invalidate);
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        Answer answer = Answer.of(exchange);
        if (!answer.ok()) {
            throw judge.failure(answer, "Google's Directory API", "GET " + url);
        }
        return parse(answer.json(), url);
    }

    static NextLinks.Page parse(JsonNode json, URI url) {
        String list = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        if (!json.isObject() || !(json.path(list).isArray() || json.path(list).isMissingNode())) {
            throw new SourceException("Google's Directory API answered 200 to GET " + url + " without a list of "
                    + list + ", so the read cannot be complete. Check google.api-url.");
        }
        String next = json.path("nextPageToken").asText("");
        return NextLinks.Page.of(json.path(list), next.isEmpty() ? Optional.empty() : Optional.of(withPageToken(url, next)));
    }

    /** The same list from the page {@code pageToken} names. */
    static String withPageToken(URI url, String pageToken) {
        String query = url.getRawQuery() == null ? "" : url.getRawQuery().replaceAll("(^|&)pageToken=[^&]*", "");
        query = query.replaceFirst("^&", "");
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query
                + (query.isEmpty() ? "" : "&") + "pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
    }

    /**
     * What Google said, as one line: the Directory API's {@code {"error":{"message","errors":[{"reason"}]}}}, or the
     * token endpoint's {@code error} and {@code error_description}.
     */
    static String said(String body) {
        return ErrorBody.said(body, json -> {
            JsonNode error = json.path("error");
            if (error.isObject()) {
                String reason = error.path("errors").path(0).path("reason").asText("");
                return error.path("message").asText("") + (reason.isEmpty() ? "" : " (" + reason + ")");
            }
            String description = json.path("error_description").asText("");
            return error.asText("") + (description.isEmpty() ? "" : ": " + description);
        });
    }

    /** The first of {@code errors[].reason} ({@code userRateLimitExceeded}…), or empty. */
    private static String reason(Answer answer) {
        return answer.json().path("error").path("errors").path(0).path("reason").asText("");
    }

    /** Step of the Google routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }
}
