package io.dirsync.bitwarden;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The camel-http endpoint URIs of the Bitwarden routes: the import, member-list and token URLs with the proxy that
 * applies to them ({@code bitwarden.proxy}, else the standard {@code https_proxy}/{@code http_proxy} and
 * {@code no_proxy} variables, as bwdc reads them), the CA that verifies the server ({@code bitwarden.ca-file}) and the
 * time limits of a request ({@code bitwarden.request-timeout} for the answer). Responses are checked by the routes'
 * beans, so failed statuses do not throw here.
 */
public class BitwardenEndpoints extends ConfiguredStep<BitwardenSettings> {

    /** A connection, TLS handshake included, is set up within this or counts as no answer. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The registry name of the TLS parameters built from {@code bitwarden.ca-file}. */
    static final String TLS_BEAN = "bitwardenTls";

    public String importUri() {
        BitwardenSettings settings = settings();
        return endpoint(settings.apiUrl() + "/public/organization/import", settings);
    }

    public String membersUri() {
        BitwardenSettings settings = settings();
        return endpoint(settings.apiUrl() + "/public/members", settings);
    }

    public String tokenUri() {
        BitwardenSettings settings = settings();
        return endpoint(settings.identityUrl() + "/connect/token", settings);
    }

    /** The second pace of the push route: imports per minute (the cloud's limit, else no more than 5 a second). */
    public int importsPerMinute() {
        return settings().isCloud() ? 60 : 300;
    }

    private String endpoint(String url, BitwardenSettings settings) {
        StringBuilder uri = new StringBuilder(endpoint(url, settings.proxy(), settings.requestTimeout()));
        settings.caFile().ifPresent(caFile -> {
            getCamelContext().getRegistry().bind(TLS_BEAN, RemoteApi.trusting(caFile));
            uri.append("&sslContextParameters=#").append(TLS_BEAN);
        });
        return uri.toString();
    }

    static String endpoint(String url, Optional<URI> configuredProxy, Duration requestTimeout) {
        StringBuilder uri = new StringBuilder(url).append("?throwExceptionOnFailure=false")
                .append("&connectTimeout=").append(CONNECT_TIMEOUT.toMillis())
                .append("&soTimeout=").append(requestTimeout.toMillis())
                .append("&responseTimeout=").append(requestTimeout.toMillis());
        proxyFor(URI.create(url), configuredProxy).ifPresent(proxy -> uri
                .append("&proxyHost=").append(proxy.getHost())
                .append("&proxyPort=").append(proxy.getPort() > 0 ? proxy.getPort() : 80));
        return uri.toString();
    }

    static Optional<URI> proxyFor(URI target, Optional<URI> configuredProxy) {
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

    static boolean bypassed(String host, String noProxy) {
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


    @Override
    protected BitwardenSettings settingsFrom(Settings settings) {
        return BitwardenSettings.from(settings);
    }
}
