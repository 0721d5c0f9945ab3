package io.dirsync.http;

import io.dirsync.SourceException;
import io.dirsync.http.UnavailableException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;

/**
 * A request of a remote directory that got no answer, as one line saying what to check: an unknown host or a TLS
 * failure fails the read; no connection (or no answer in time) is worth the brief retries of a server error.
 *
 * @param api      the API's name for the message, e.g. {@code Okta}
 * @param prefix   its settings' prefix ({@code okta}): {@code <prefix>.proxy}, {@code <prefix>.ca-file}
 * @param urlKeys  the settings that name its URLs, e.g. {@code okta.org-url}
 */
public record Unreachable(String api, String prefix, String urlKeys) {

    /** The failure of the request in {@code exchange}, caught by the route's {@code doCatch}. */
    public SourceException of(Exchange exchange) {
        String url = exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "");
        return of(url, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    public SourceException of(String url, Throwable failure) {
        String at = "Cannot reach " + api + (url.isEmpty() ? "" : " at " + url) + ": ";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SourceException(at + "unknown host " + t.getMessage() + ". Check " + urlKeys
                        + " and the DNS.", failure);
            }
            if (t instanceof CertificateException || t instanceof SSLException) {
                return new SourceException(at + "TLS failed (" + t.getMessage() + "). Set " + prefix + ".ca-file to"
                        + " the PEM file of the CA that signed the server's certificate (a TLS-inspecting proxy's,"
                        + " say).", failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return new UnavailableException(Kind.SERVER_ERROR, at + t.getMessage() + ". Check the network and "
                        + prefix + ".proxy.", Optional.empty(), failure);
            }
        }
        return new UnavailableException(Kind.SERVER_ERROR, at + (failure == null ? "no answer" : failure.getMessage())
                + ". Check the network and " + prefix + ".proxy.", Optional.empty(), failure);
    }
}
