package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.SourceException;
import io.dirsync.http.NextLinks;
import io.dirsync.http.RetryAfter;
import io.dirsync.http.UnavailableException;
import io.dirsync.http.UnavailableException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Judges Graph's answer to one page: a 200 with a {@code value} list is the page (and its {@code @odata.nextLink});
 * 429 and 503 are throttling, other 5xx server errors, 401 an expired token (dropped, so the retry gets a new one),
 * each worth a retry; anything else fails the read, with Graph's own message and what to check.
 */
public class GraphResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntraToken token;

    public GraphResponse(EntraToken token) {
        this.token = token;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(GraphEndpoints.URL) URI url, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String get = "GET " + url;
        if (status == 200) {
            return parse(body, get);
        }
        String said = GraphError.of(body);
        String answered = "Microsoft Graph answered " + status + " to " + get + (said.isEmpty() ? "" : ": " + said);
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

    static NextLinks.Page parse(String body, String get) {
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
        return new NextLinks.Page(items, next.isEmpty() ? Optional.empty() : Optional.of(next));
    }

    /** Step of the Graph routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        String url = exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "");
        throw unreachable(url, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    static SourceException unreachable(String url, Throwable failure) {
        String at = "Cannot reach Entra ID" + (url.isEmpty() ? "" : " at " + url) + ": ";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SourceException(at + "unknown host " + t.getMessage() + ". Check entra.graph-url,"
                        + " entra.login-url and the DNS.", failure);
            }
            if (t instanceof CertificateException || t instanceof SSLException) {
                return new SourceException(at + "TLS failed (" + t.getMessage() + "). Set entra.ca-file to the PEM"
                        + " file of the CA that signed the server's certificate (a TLS-inspecting proxy's, say).",
                        failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return new UnavailableException(Kind.SERVER_ERROR, at + t.getMessage() + ". Check the network and"
                        + " entra.proxy.", Optional.empty(), failure);
            }
        }
        return new UnavailableException(Kind.SERVER_ERROR, at + (failure == null ? "no answer" : failure.getMessage())
                + ". Check the network and entra.proxy.", Optional.empty(), failure);
    }
}
