package io.dirsync.http;

import io.dirsync.config.RemoteApi;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The camel-http endpoint URIs of every remote API: time limits to connect and to be answered, the proxy that applies
 * to the URL (with its credentials when its URL has them: {@code http://user:password@proxy:3128}), the CA that verifies
 * the server. Failed statuses do not throw: each route's beans judge the answers, and each route's retry policy is the
 * only one (Apache HttpClient's own would silently resend a 429 or 503 after a second, before any policy saw it).
 */
public final class HttpEndpoints {

    /** A connection, TLS handshake included, is set up within this or counts as no answer. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The registry name of the client configuration every endpoint shares. */
    static final String CLIENT = "dirsyncHttpClient";
    private static final HttpClientConfigurer NO_AUTOMATIC_RETRIES = HttpClientBuilder::disableAutomaticRetries;

    private HttpEndpoints() {
    }

    /**
     * The endpoint for {@code url} on {@code target}; with a CA file, its TLS parameters are bound in the context's
     * registry once per file, as {@code <prefix>Tls<hash of the path>}: every page asks for its endpoint, and reading
     * and parsing the certificates for each would be wasted (Camel keeps the endpoint of a URI it has seen).
     */
    public static String endpoint(String url, HttpTarget target, CamelContext context) {
        StringBuilder uri = new StringBuilder(endpoint(url, target.proxy(), target.requestTimeout()));
        if (context.getRegistry().lookupByName(CLIENT) == null) {
            context.getRegistry().bind(CLIENT, NO_AUTOMATIC_RETRIES);
        }
        uri.append("&httpClientConfigurer=#").append(CLIENT);
        target.caFile().ifPresent(caFile -> {
            String bean = target.prefix() + "Tls" + Integer.toHexString(caFile.hashCode());
            if (context.getRegistry().lookupByName(bean) == null) {
                context.getRegistry().bind(bean, RemoteApi.trusting(caFile));
            }
            uri.append("&sslContextParameters=#").append(bean);
        });
        return uri.toString();
    }

    public static String endpoint(String url, Optional<URI> configuredProxy, Duration requestTimeout) {
        StringBuilder uri = new StringBuilder(url).append("?throwExceptionOnFailure=false")
                .append("&connectTimeout=").append(CONNECT_TIMEOUT.toMillis())
                .append("&soTimeout=").append(requestTimeout.toMillis())
                .append("&responseTimeout=").append(requestTimeout.toMillis());
        proxyFor(URI.create(url), configuredProxy).ifPresent(proxy -> {
            uri.append("&proxyHost=").append(proxy.getHost())
                    .append("&proxyPort=").append(proxy.getPort() > 0 ? proxy.getPort() : 80);
            String userInfo = proxy.getUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                int colon = userInfo.indexOf(':');
                uri.append("&proxyAuthUsername=").append(raw(userInfo.substring(0, colon)))
                        .append("&proxyAuthPassword=").append(raw(userInfo.substring(colon + 1)));
            }
        });
        return uri.toString();
    }

    /** A value Camel takes as written (and masks in its logs, for a password). */
    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }

    /** The configured proxy, else the one the environment names for this URL (as bwdc reads it). */
    public static Optional<URI> proxyFor(URI target, Optional<URI> configuredProxy) {
        if (configuredProxy.isPresent()) {
            return configuredProxy;
        }
        if (bypassed(target.getHost(), environment("no_proxy"))) {
            return Optional.empty();
        }
        String variable = "https".equals(target.getScheme()) ? "https_proxy" : "http_proxy";
        return Optional.ofNullable(environment(variable)).filter(v -> !v.isBlank())
                .map(v -> URI.create(v.contains("://") ? v : "http://" + v));
    }

    /** Whether {@code no_proxy} lists the host or one of its domains. */
    public static boolean bypassed(String host, String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy.split(",")) {
            String pattern = entry.trim().toLowerCase(Locale.ROOT);
            if (pattern.equals("*")) {
                return true;
            }
            pattern = pattern.replaceFirst("^\\*?\\.", "");
            if (!pattern.isEmpty() && (name.equals(pattern) || name.endsWith("." + pattern))) {
                return true;
            }
        }
        return false;
    }

    private static String environment(String lowerCaseName) {
        String value = System.getenv(lowerCaseName);
        return value != null ? value : System.getenv(lowerCaseName.toUpperCase(Locale.ROOT));
    }
}
