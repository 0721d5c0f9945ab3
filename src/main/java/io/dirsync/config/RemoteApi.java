package io.dirsync.config;

import com.unboundid.util.ssl.PEMFileTrustManager;
import io.dirsync.ConfigurationException;
import io.dirsync.SourceException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The one rule for every remote API dirsync calls over HTTP (Bitwarden's API and identity server today, the cloud
 * directories' APIs when they come), each target with keys of its own under its prefix:
 * <ul>
 * <li>a URL is {@code https://} or {@code http://} with a host; written without a scheme it must be a bare host name
 * ({@code vault.example.com}, which means https), since {@code 10.0.0.5:8080} could be either scheme;</li>
 * <li>plain {@code http://} only to this machine (a loopback address or {@code localhost}) unless
 * {@code <prefix>.allow-http=true}: the API key and the tokens would cross the network in clear;</li>
 * <li>{@code <prefix>.ca-file}: the PEM CA certificates that verify the server instead of the JVM's (as
 * {@code ldap.ca-file} does for LDAP); host names are always verified;</li>
 * <li>a link the server hands back (a next page) must stay on the configured URL's origin.</li>
 * </ul>
 */
public final class RemoteApi {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(/\\S*)?");
    private static final Pattern LOOPBACK = Pattern.compile("(?i)localhost|127(\\.\\d{1,3}){3}|\\[(0*:)*:?0*1]");

    private final Settings settings;
    private final String prefix;

    private RemoteApi(Settings settings, String prefix) {
        this.settings = settings;
        this.prefix = prefix;
    }

    /** The rule for the target whose keys start with {@code prefix} ({@code bitwarden}, {@code entra}…). */
    public static RemoteApi of(Settings settings, String prefix) {
        return new RemoteApi(settings, prefix);
    }

    /** The URL set in {@code key}, checked; empty when the key is not set. */
    public Optional<URI> optionalUrl(String key) {
        return settings.optional(key).map(value -> url(key, value));
    }

    /** A URL for {@code key} ({@code value} is what the operator wrote, or derived from it), checked. */
    public URI url(String key, String value) {
        String trimmed = value.trim().replaceAll("/+$", "");
        if (!trimmed.contains("://")) {
            if (!HOST_NAME.matcher(trimmed).matches()) {
                throw new ConfigurationException("Invalid setting " + key + "=" + value.trim() + ": expected a URL"
                        + " with its scheme, such as https://" + trimmed + " (a value without one may only be a host"
                        + " name, which means https://).");
            }
            trimmed = "https://" + trimmed;
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationException("Invalid setting " + key + "=" + value.trim()
                    + ": expected an https:// URL.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost()) && !settings.bool(allowHttpKey(), false)) {
            throw new ConfigurationException("Invalid setting " + key + "=" + value.trim() + ": plain http:// would"
                    + " send the API key and tokens in clear; use https:// (with " + prefix + ".ca-file for a private"
                    + " CA), or set " + allowHttpKey() + "=true for a trusted network.");
        }
        return uri;
    }

    /** {@code <prefix>.ca-file}, when set: the CA certificates that verify this target instead of the JVM's. */
    public Optional<Path> caFile() {
        return settings.readableFile(prefix + ".ca-file");
    }

    /** camel-http's TLS parameters for a target verified by the CA certificates in {@code caFile} (PEM). */
    public static SSLContextParameters trusting(Path caFile) {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(trustManager(caFile));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /**
     * A link a server answered with (the next page of a list), refused unless it is on {@code configured}'s origin:
     * following it elsewhere would send the token there.
     */
    public static URI sameOrigin(URI configured, String link, String key) {
        URI next;
        try {
            next = configured.resolve(link);
        } catch (IllegalArgumentException e) {
            throw new SourceException("The server at " + origin(configured) + " answered a next link that is not a"
                    + " URL: " + link + ". Check " + key + ".");
        }
        if (!origin(next).equals(origin(configured))) {
            throw new SourceException("The server at " + origin(configured) + " answered a next link to another"
                    + " origin, " + origin(next) + ", which dirsync does not follow with its token. Check " + key
                    + ".");
        }
        return next;
    }

    private String allowHttpKey() {
        return prefix + ".allow-http";
    }

    static boolean isLoopback(String host) {
        return LOOPBACK.matcher(host).matches();
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    private static PEMFileTrustManager trustManager(Path caFile) {
        try {
            return new PEMFileTrustManager(caFile.toFile());
        } catch (KeyStoreException e) {
            throw new ConfigurationException("Cannot use the CA file " + caFile + ": " + e.getMessage()
                    + " Expected PEM certificates (-----BEGIN CERTIFICATE-----).");
        }
    }
}
