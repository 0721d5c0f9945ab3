package io.dirsync.http;

import io.dirsync.DirsyncException;
import io.dirsync.SourceException;
import io.dirsync.http.UnavailableException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * A request of a remote API that got no answer, as one line saying what to check. What no wait can mend fails at
 * once: an unknown host, TLS spoken to a plain-HTTP port, a certificate that does not verify or is for another name.
 * Nothing listening ({@link Kind#NO_CONNECTION}) and no answer in time ({@link Kind#SERVER_ERROR}) are
 * {@link Retries}' to retry.
 *
 * @param api     the API's name for the message, e.g. {@code Okta}
 * @param prefix  its settings' prefix ({@code okta}): {@code <prefix>.proxy}, {@code <prefix>.ca-file}…
 * @param urlKeys the settings that name its URLs, e.g. {@code okta.org-url}
 * @param failure the failure that ends the run, from its message and cause
 */
public record Unreachable(String api, String prefix, String urlKeys,
                          BiFunction<String, Throwable, DirsyncException> failure) {

    /** A directory's: its final failures fail the read. */
    public Unreachable(String api, String prefix, String urlKeys) {
        this(api, prefix, urlKeys, SourceException::new);
    }

    /** The failure of the request in {@code exchange}, caught by the route's {@code doCatch}. */
    public DirsyncException of(Exchange exchange) {
        String url = exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "");
        return of(url, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    public DirsyncException of(String url, Throwable cause) {
        String at = "Cannot reach " + api + (url.isEmpty() ? "" : " at " + url) + ": ";
        String plainHttp = ". Check the port in " + urlKeys + ", or use http:// (to another machine only with " + prefix
                + ".allow-http=true).";
        SSLException tls = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof UnknownHostException) {
                return failure.apply(at + "unknown host " + message + ". Check " + urlKeys + " and the DNS.", cause);
            }
            if (t instanceof SSLPeerUnverifiedException) {
                return failure.apply(at + "its certificate is not for that host name (" + message + "). Use a name the"
                        + " certificate lists in " + urlKeys + ".", cause);
            }
            if (t instanceof CertificateException) {
                return failure.apply(at + "its TLS certificate does not verify (" + message + "). Set " + prefix
                        + ".ca-file to the PEM file of the CA that signed it (a TLS-inspecting proxy's, say).", cause);
            }
            if (t instanceof SSLException ssl) {
                if (message.contains("nrecognized SSL message")) {
                    return failure.apply(at + "the server there does not speak TLS (plain HTTP?)" + plainHttp, cause);
                }
                tls = tls == null ? ssl : tls;
            }
            if (t instanceof ConnectTimeoutException && url.startsWith("https:") && message.contains("Read timed out")) {
                // connected, but no TLS handshake in time: a plain-HTTP server waiting for a request line
                return failure.apply(at + "the server there did not answer the TLS handshake (a plain-HTTP port?)"
                        + plainHttp, cause);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException) {
                return new UnavailableException(Kind.NO_CONNECTION, at + message + ". Check " + urlKeys
                        + ", the network and " + prefix + ".proxy.", Optional.empty(), cause);
            }
            if (t instanceof SocketTimeoutException) {
                return new UnavailableException(Kind.SERVER_ERROR, at + "no answer within " + prefix
                        + ".request-timeout.", Optional.empty(), cause);
            }
        }
        if (tls != null) {
            return failure.apply(at + "TLS failed (" + tls.getMessage() + "). Set " + prefix + ".ca-file to the PEM file"
                    + " of the CA that signed the server's certificate (a TLS-inspecting proxy's, say).", cause);
        }
        return new UnavailableException(Kind.SERVER_ERROR, at + (cause == null ? "no answer" : cause.getMessage())
                + ". Check " + urlKeys + ", the network and " + prefix + ".proxy.", Optional.empty(), cause);
    }
}
