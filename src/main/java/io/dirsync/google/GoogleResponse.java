package io.dirsync.google;

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
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Judges the Directory API's answer to one page: a 200 is the page, its items under the list's name ({@code users},
 * {@code groups}, {@code members}; absent on an empty list) and its {@code nextPageToken} made into the next page's
 * URL; 429, 503 and a 403 for a rate limit are throttling, other 5xx server errors, 401 an expired token (dropped, so
 * the retry gets a new one), each worth a retry; anything else fails the read, with Google's own message.
 */
public class GoogleResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleToken token;

    public GoogleResponse(GoogleToken token) {
        this.token = token;
    }

    /** Step of the page route. */
    public NextLinks.Page page(@ExchangeProperty(GoogleEndpoints.URL) URI url, Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String get = "GET " + url;
        if (status == 200) {
            return parse(body, url);
        }
        GoogleError error = GoogleError.of(body);
        String answered = "Google's Directory API answered " + status + " to " + get
                + (error.said().isEmpty() ? "" : ": " + error.said());
        if (status == 429 || status == 503 || (status == 403 && error.rateLimited())) {
            throw new UnavailableException(Kind.THROTTLED, answered + ".", RetryAfter.of(exchange), null);
        }
        if (status >= 500) {
            throw new UnavailableException(Kind.SERVER_ERROR, answered + ".", Optional.empty(), null);
        }
        if (status == 401) {
            token.invalidate();
            throw new UnavailableException(Kind.TOKEN_EXPIRED, answered + ".", Optional.empty(), null);
        }
        if (status == 407) {
            throw new SourceException(GoogleError.proxyRefused("Google's Directory API"));
        }
        if (status == 403) {
            throw new SourceException(answered + ". Check that google.admin-user is an administrator allowed to read"
                    + " users and groups, and google.domain / google.customer.");
        }
        if (status == 400 || status == 404) {
            throw new SourceException(answered + ". Check google.domain, google.customer, the group names in"
                    + " sync.user-filter, and the query after '|' in the filters.");
        }
        throw new SourceException(answered + ".");
    }

    static NextLinks.Page parse(String body, URI url) {
        String list = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !(json.path(list).isArray() || json.path(list).isMissingNode())) {
            throw new SourceException("Google's Directory API answered 200 to GET " + url + " without a list of "
                    + list + ", so the read cannot be complete. Check google.api-url.");
        }
        List<JsonNode> items = new ArrayList<>(json.path(list).size());
        json.path(list).forEach(items::add);
        String next = json.path("nextPageToken").asText("");
        return new NextLinks.Page(items, next.isEmpty() ? Optional.empty() : Optional.of(withPageToken(url, next)));
    }

    /** The same list from the page {@code pageToken} names. */
    static String withPageToken(URI url, String pageToken) {
        String query = url.getRawQuery() == null ? "" : url.getRawQuery().replaceAll("(^|&)pageToken=[^&]*", "");
        query = query.replaceFirst("^&", "");
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query
                + (query.isEmpty() ? "" : "&") + "pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
    }

    /** Step of the Google routes, for a request that got no answer. */
    public void unreachable(Exchange exchange) {
        String url = exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "");
        throw unreachable(url, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    static SourceException unreachable(String url, Throwable failure) {
        String at = "Cannot reach Google" + (url.isEmpty() ? "" : " at " + url) + ": ";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SourceException(at + "unknown host " + t.getMessage() + ". Check google.api-url,"
                        + " google.token-url and the DNS.", failure);
            }
            if (t instanceof CertificateException || t instanceof SSLException) {
                return new SourceException(at + "TLS failed (" + t.getMessage() + "). Set google.ca-file to the PEM"
                        + " file of the CA that signed the server's certificate (a TLS-inspecting proxy's, say).",
                        failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return new UnavailableException(Kind.SERVER_ERROR, at + t.getMessage() + ". Check the network and"
                        + " google.proxy.", Optional.empty(), failure);
            }
        }
        return new UnavailableException(Kind.SERVER_ERROR, at + (failure == null ? "no answer" : failure.getMessage())
                + ". Check the network and google.proxy.", Optional.empty(), failure);
    }
}
