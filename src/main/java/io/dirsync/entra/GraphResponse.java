package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.SourceException;
import io.dirsync.http.NextLinks;
import io.dirsync.http.RetryAfter;
import io.dirsync.http.RoutedPages;
import io.dirsync.http.UnavailableException;
import io.dirsync.http.UnavailableException.Kind;
import io.dirsync.http.Unreachable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Unreachable UNREACHABLE = new Unreachable("Entra ID", EntraSettings.PREFIX,
            "entra.graph-url, entra.login-url");

    private final EntraToken token;

    public GraphResponse(EntraToken token) {
        this.token = token;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String get = "GET " + url;
        if (status == 200) {
            return parse(body, get, exchange.getMessage());
        }
        String said = GraphError.of(body);
        String answered = "Microsoft Graph answered " + status + " to " + get + (said.isEmpty() ? "" : ": " + said);
        if (DeltaRound.refuses(status, body)) {
            throw new DeltaRound.LinkRefused(answered + ".");
        }
        if (status == 429 || status == 503) {
            throw new UnavailableException(Kind.THROTTLED, answered + ".", RetryAfter.of(exchange), null);
        }
        if (status >= 500) {
            throw new UnavailableException(Kind.SERVER_ERROR, answered + ".", Optional.empty(), null);
        }
        if (status == 401) {
            token.invalidate();
            throw new UnavailableException(Kind.TOKEN_EXPIRED, answered + ". Check that the app registration's"
                    + " secret (entra.key) is still valid.", Optional.empty(), null);
        }
        if (status == 407) {
            throw new SourceException(GraphError.proxyRefused("Microsoft Graph"));
        }
        if (status == 403) {
            throw new SourceException(answered + ". Grant the app registration the Microsoft Graph application"
                    + " permissions User.Read.All and GroupMember.Read.All, with admin consent.");
        }
        if (status == 404) {
            throw new SourceException(answered + ". Check entra.graph-url, and the group ids in sync.user-filter.");
        }
        throw new SourceException(answered + ".");
    }

    /** The page; on the last page of a delta round, its {@code @odata.deltaLink} goes in {@link DeltaRound#LINK}. */
    static NextLinks.Page parse(String body, String get, Message answer) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.path("value").isArray()) {
            throw new SourceException("Microsoft Graph answered 200 to " + get + " without a \"value\" list, so the"
                    + " read cannot be complete. Check entra.graph-url points at Microsoft Graph.");
        }
        List<JsonNode> items = new ArrayList<>(json.path("value").size());
        json.path("value").forEach(items::add);
        String next = json.path("@odata.nextLink").asText("");
        String delta = json.path("@odata.deltaLink").asText("");
        if (!delta.isEmpty()) {
            answer.setHeader(DeltaRound.LINK, delta);
        }
        return new NextLinks.Page(items, next.isEmpty() ? Optional.empty() : Optional.of(next));
    }

    /** Step of the Graph routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static SourceException unreachable(String url, Throwable failure) {
        return UNREACHABLE.of(url, failure);
    }
}
