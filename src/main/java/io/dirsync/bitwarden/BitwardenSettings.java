package io.dirsync.bitwarden;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Key;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Secret;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.Retries;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and as whom dirsync pushes: the organization's API key and the server's URLs. {@code bitwarden.url}
 * defaults to the US cloud; {@code https://vault.bitwarden.eu} maps to the EU cloud; any other URL is a
 * self-hosted server (official or Vaultwarden) with its API under {@code /api} and identity under
 * {@code /identity}. {@code bitwarden.api-url} and {@code bitwarden.identity-url} override either.
 * {@code bitwarden.server} says which implementation answers there, since the import means different things to
 * each (bitwarden-api.md §3) and dirsync cannot ask: Vaultwarden has no read endpoints. The URLs, the CA file and
 * {@code bitwarden.allow-http} follow {@link RemoteApi}'s rule.
 */
public record BitwardenSettings(URI apiUrl, URI identityUrl, String clientId, String organizationId,
                                Secret clientSecret, Optional<URI> proxy, Duration retryFor, ServerKind server,
                                Optional<Path> caFile, Duration requestTimeout) {

    /** {@code bitwarden.server}: the official server (cloud or self-hosted), or Vaultwarden. */
    public enum ServerKind {
        BITWARDEN, VAULTWARDEN;

        public static final String KEY = "bitwarden.server";

        /** Reads {@code bitwarden.server} alone, for steps that need nothing else of Bitwarden's settings. */
        public static ServerKind from(Settings settings) {
            String value = settings.string(KEY, "bitwarden").trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "bitwarden" -> BITWARDEN;
                case "vaultwarden" -> VAULTWARDEN;
                default -> throw new ConfigurationException("Invalid setting " + KEY + "=" + value
                        + ": expected bitwarden (the official server, cloud or self-hosted) or vaultwarden.");
            };
        }
    }

    public static final String US_CLOUD = "https://vault.bitwarden.com";
    static final String PREFIX = "bitwarden";
    public static final Duration DEFAULT_RETRY_FOR = Retries.DEFAULT_WRITE_RETRY_FOR;
    private static final Set<String> CLOUD_API_HOSTS = Set.of("api.bitwarden.com", "api.bitwarden.eu");
    private static final Pattern CLIENT_ID = Pattern.compile("organization\\.([0-9a-fA-F-]{32,36})");

    public static BitwardenSettings from(Settings settings) {
        RemoteApi remote = RemoteApi.of(settings, "bitwarden");
        URI base = remote.url("bitwarden.url", settings.string("bitwarden.url", US_CLOUD));
        URI api;
        URI identity;
        switch (base.toString().toLowerCase(Locale.ROOT)) {
            case "https://vault.bitwarden.com", "https://bitwarden.com" -> {
                api = URI.create("https://api.bitwarden.com");
                identity = URI.create("https://identity.bitwarden.com");
            }
            case "https://vault.bitwarden.eu", "https://bitwarden.eu" -> {
                api = URI.create("https://api.bitwarden.eu");
                identity = URI.create("https://identity.bitwarden.eu");
            }
            default -> {
                api = URI.create(base + "/api");
                identity = URI.create(base + "/identity");
            }
        }
        api = remote.optionalUrl("bitwarden.api-url").orElse(api);
        identity = remote.optionalUrl("bitwarden.identity-url").orElse(identity);

        String clientId = settings.required("bitwarden.client-id",
                "the organization's API key client_id, organization.<uuid> (Admin Console → Settings → Organization info)");
        var matcher = CLIENT_ID.matcher(clientId);
        if (!matcher.matches()) {
            throw new ConfigurationException("Invalid setting bitwarden.client-id=" + clientId
                    + ": expected organization.<uuid>, as the Admin Console shows it with the organization's API key.");
        }
        Secret secret = settings.secret("bitwarden.client-secret").orElseThrow(() -> new ConfigurationException(
                settings.missing("bitwarden.client-secret",
                        "the organization's API key client_secret (use {{env:NAME}} to keep it out of the file)")));
        HttpTarget http = HttpTarget.from(settings, PREFIX, DEFAULT_RETRY_FOR);
        return new BitwardenSettings(api, identity, clientId, matcher.group(1).toLowerCase(Locale.ROOT), secret,
                http.proxy(), http.retryFor(), ServerKind.from(settings), http.caFile(), http.requestTimeout());
    }

    /** How requests reach the server: proxy, CA, time limits. */
    public HttpTarget http() {
        return new HttpTarget("bitwarden", proxy, caFile, requestTimeout, retryFor);
    }

    /** Whether the API is Bitwarden's cloud, which limits each IP to 5 posts a second and 60 a minute. */
    public boolean isCloud() {
        return CLOUD_API_HOSTS.contains(apiUrl.getHost().toLowerCase(Locale.ROOT));
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            List<Key> keys = new ArrayList<>(List.of(
                    remoteUrl("bitwarden.url"),
                    remoteUrl("bitwarden.api-url"),
                    remoteUrl("bitwarden.identity-url"),
                    Key.of("bitwarden.client-id").checkedBy(Keys::clientId),
                    Key.of("bitwarden.client-secret").asSecret(),
                    Key.of(ServerKind.KEY).checkedBy(ServerKind::from)));
            keys.addAll(HttpTarget.keys("bitwarden"));
            return keys;
        }

        /** A URL of the Bitwarden server, checked by the rule every remote API follows. */
        private static Key remoteUrl(String name) {
            return Key.of(name).checkedBy(s -> RemoteApi.of(s, "bitwarden").optionalUrl(name));
        }

        private static void clientId(Settings settings) {
            settings.optional("bitwarden.client-id").filter(v -> !CLIENT_ID.matcher(v).matches()).ifPresent(v -> {
                throw new ConfigurationException("Invalid setting bitwarden.client-id=" + v + ": expected"
                        + " organization.<uuid>, as the Admin Console shows it with the organization's API key.");
            });
        }
    }
}
