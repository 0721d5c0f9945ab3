package io.dirsync.onelogin;

import io.dirsync.ConfigurationException;
import io.dirsync.config.DirectoryType;
import io.dirsync.config.Key;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Secret;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.Retries;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and as whom dirsync reads OneLogin: the API credential's client id and secret, the region, whose host
 * ({@code https://api.<region>.onelogin.com}) {@code onelogin.api-url} overrides, how requests travel
 * ({@link HttpTarget}, prefix {@code onelogin}), and bwdc's email suffix for users whose username is no address.
 *
 * @param emailSuffix appended to a username when neither the email nor the username is an address
 *                    ({@code sync.use-email-prefix-suffix} with {@code sync.email-suffix}, as bwdc does)
 */
public record OneLoginSettings(String clientId, Secret clientSecret, URI apiUrl, HttpTarget http,
                               Optional<String> emailSuffix) {

    static final String PREFIX = "onelogin";
    static final String CLIENT_ID = "onelogin.client-id";
    static final String CLIENT_SECRET = "onelogin.client-secret";
    static final String REGION = "onelogin.region";
    static final String API_URL = "onelogin.api-url";
    private static final List<String> REGIONS = List.of("us", "eu");

    public static OneLoginSettings from(Settings settings) {
        String region = region(settings);
        String clientId = settings.required(CLIENT_ID, "the client id of an API credential with \"Read users\"");
        Secret secret = settings.secret(CLIENT_SECRET).orElseThrow(() -> new ConfigurationException(settings.missing(
                CLIENT_SECRET, "that API credential's client secret (use {{env:NAME}} to keep it out of the file)")));
        URI apiUrl = RemoteApi.of(settings, PREFIX).url(API_URL,
                settings.string(API_URL, "https://api." + region + ".onelogin.com"));
        Optional<String> suffix = settings.bool("sync.use-email-prefix-suffix", false)
                ? settings.optional("sync.email-suffix") : Optional.empty();
        return new OneLoginSettings(clientId, secret, apiUrl,
                HttpTarget.from(settings, PREFIX, Retries.DEFAULT_RETRY_FOR), suffix);
    }

    private static String region(Settings settings) {
        String region = settings.string(REGION, "us").strip().toLowerCase(Locale.ROOT);
        if (!REGIONS.contains(region)) {
            throw new ConfigurationException("Invalid setting " + REGION + "=" + settings.string(REGION, "").strip()
                    + ": expected us or eu.");
        }
        return region;
    }

    /** {@code POST {api}/auth/oauth2/v2/token}. */
    URI tokenUrl() {
        return URI.create(apiUrl + "/auth/oauth2/v2/token");
    }

    /** {@code {api}/api/1/} and {@code pathAndQuery}. */
    URI api(String pathAndQuery) {
        return URI.create(apiUrl + "/api/1/" + pathAndQuery);
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            List<Key> keys = new ArrayList<>(List.of(
                    Key.of(CLIENT_ID).selecting(),
                    Key.of(CLIENT_SECRET).asSecret(),
                    Key.of(REGION).selecting().checkedBy(OneLoginSettings::region),
                    Key.of(API_URL).selecting().checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl(API_URL)),
                    Key.of("sync.user-filter").selecting().checkedBy(OneLoginFilter::from)
                            .readBy(DirectoryType.ONELOGIN),
                    Key.of("sync.group-filter").selecting().checkedBy(OneLoginFilter::from)
                            .readBy(DirectoryType.ONELOGIN)));
            keys.addAll(HttpTarget.keys(PREFIX));
            return keys;
        }
    }
}
