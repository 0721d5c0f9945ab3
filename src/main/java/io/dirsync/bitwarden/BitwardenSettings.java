package io.dirsync.bitwarden;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Key;
import io.dirsync.config.Secret;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and as whom dirsync pushes: the organization's API key and the server's URLs. {@code bitwarden.url}
 * defaults to the US cloud; {@code https://vault.bitwarden.eu} maps to the EU cloud; any other URL is a
 * self-hosted server (official or Vaultwarden) with its API under {@code /api} and identity under
 * {@code /identity}. {@code bitwarden.api-url} and {@code bitwarden.identity-url} override either.
 * {@code bitwarden.server} says which implementation answers there, since the import means different things to
 * each (bitwarden-api.md §3) and dirsync cannot ask: Vaultwarden has no read endpoints.
 */
public record BitwardenSettings(URI apiUrl, URI identityUrl, String clientId, String organizationId,
                                Secret clientSecret, Optional<URI> proxy, Duration retryFor, ServerKind server) {

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
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(10);
    private static final Pattern CLIENT_ID = Pattern.compile("organization\\.([0-9a-fA-F-]{32,36})");

    public static BitwardenSettings from(Settings settings) {
        String base = withScheme(settings.string("bitwarden.url", US_CLOUD));
        URI api;
        URI identity;
        switch (base.toLowerCase(Locale.ROOT)) {
            case "https://vault.bitwarden.com", "https://bitwarden.com" -> {
                api = URI.create("https://api.bitwarden.com");
                identity = URI.create("https://identity.bitwarden.com");
            }
            case "https://vault.bitwarden.eu", "https://bitwarden.eu" -> {
                api = URI.create("https://api.bitwarden.eu");
                identity = URI.create("https://identity.bitwarden.eu");
            }
            default -> {
                api = url("bitwarden.url", base + "/api");
                identity = url("bitwarden.url", base + "/identity");
            }
        }
        api = settings.optional("bitwarden.api-url").map(v -> url("bitwarden.api-url", withScheme(v))).orElse(api);
        identity = settings.optional("bitwarden.identity-url").map(v -> url("bitwarden.identity-url", withScheme(v))).orElse(identity);

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
        Optional<URI> proxy = settings.optional("bitwarden.proxy").map(v -> url("bitwarden.proxy", withScheme(v)));
        return new BitwardenSettings(api, identity, clientId, matcher.group(1).toLowerCase(Locale.ROOT), secret, proxy,
                settings.duration("bitwarden.retry-for", DEFAULT_RETRY_FOR), ServerKind.from(settings));
    }

    private static String withScheme(String value) {
        String trimmed = value.trim().replaceAll("/+$", "");
        return trimmed.contains("://") ? trimmed : "https://" + trimmed;
    }

    private static URI url(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid setting " + key + "=" + value + ": expected an https:// URL.");
        }
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(
                    Key.of("bitwarden.url").checkedBy(s -> s.optional("bitwarden.url").ifPresent(v -> url("bitwarden.url", withScheme(v)))),
                    Key.of("bitwarden.api-url").checkedBy(s -> s.optional("bitwarden.api-url").ifPresent(v -> url("bitwarden.api-url", withScheme(v)))),
                    Key.of("bitwarden.identity-url").checkedBy(s -> s.optional("bitwarden.identity-url").ifPresent(v -> url("bitwarden.identity-url", withScheme(v)))),
                    Key.of("bitwarden.client-id").checkedBy(Keys::clientId),
                    Key.of("bitwarden.client-secret").asSecret(),
                    Key.of("bitwarden.proxy").checkedBy(s -> s.optional("bitwarden.proxy").ifPresent(v -> url("bitwarden.proxy", withScheme(v)))),
                    Key.of("bitwarden.retry-for").duration(),
                    Key.of(ServerKind.KEY).checkedBy(ServerKind::from));
        }

        private static void clientId(Settings settings) {
            settings.optional("bitwarden.client-id").filter(v -> !CLIENT_ID.matcher(v).matches()).ifPresent(v -> {
                throw new ConfigurationException("Invalid setting bitwarden.client-id=" + v + ": expected"
                        + " organization.<uuid>, as the Admin Console shows it with the organization's API key.");
            });
        }
    }
}
