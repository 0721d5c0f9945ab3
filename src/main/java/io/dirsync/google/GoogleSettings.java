package io.dirsync.google;

import io.dirsync.ConfigurationException;
import io.dirsync.config.DirectoryType;
import io.dirsync.config.Key;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.Retries;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where and as whom dirsync reads Google Workspace: the domain and/or the customer whose users and groups are listed,
 * the administrator the service account acts as (domain-wide delegation), the token endpoint (the JWT's
 * {@code aud}), the Directory API, and how requests travel ({@link HttpTarget}, prefix {@code google}). The service
 * account's key is {@link ServiceAccount}'s, read only where a token is made.
 */
public record GoogleSettings(Optional<String> domain, Optional<String> customer, String adminUser, URI tokenUrl,
                             URI apiUrl, HttpTarget http, int memberReads) {

    static final String PREFIX = "google";
    static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    static final String DEFAULT_API_URL = "https://admin.googleapis.com";
    static final String MEMBER_READS = "google.member-reads";
    /**
     * Groups whose members are read at the same time. Google's quota is per administrator and project (2,400
     * requests a minute by default), about what 4 lists at ~100 ms a page ask.
     */
    static final int DEFAULT_MEMBER_READS = 4;
    static final int MAX_MEMBER_READS = 16;

    public static GoogleSettings from(Settings settings) {
        RemoteApi remote = RemoteApi.of(settings, PREFIX);
        Optional<String> domain = settings.optional("google.domain");
        Optional<String> customer = settings.optional("google.customer");
        if (domain.isEmpty() && customer.isEmpty()) {
            throw new ConfigurationException(settings.missing("google.domain", "the primary domain (example.com), or"
                    + " set google.customer to the customer id (C0xxxxxxx, or my_customer) for every domain"));
        }
        String adminUser = settings.required("google.admin-user", "the email of a Workspace administrator the"
                + " service account acts as (domain-wide delegation)");
        return new GoogleSettings(domain, customer, adminUser,
                remote.url("google.token-url", settings.string("google.token-url", DEFAULT_TOKEN_URL)),
                remote.url("google.api-url", settings.string("google.api-url", DEFAULT_API_URL)),
                HttpTarget.from(settings, PREFIX, Retries.DEFAULT_RETRY_FOR), memberReads(settings));
    }

    private static int memberReads(Settings settings) {
        return settings.integer(MEMBER_READS, DEFAULT_MEMBER_READS, 1, MAX_MEMBER_READS);
    }

    /** {@code {api}/admin/directory/v1/} and {@code path}, with the query's parameters encoded. */
    URI directory(String path, List<String> query) {
        StringBuilder url = new StringBuilder(apiUrl + "/admin/directory/v1/" + path);
        for (int i = 0; i + 1 < query.size(); i += 2) {
            url.append(i == 0 ? '?' : '&').append(query.get(i)).append('=')
                    .append(URLEncoder.encode(query.get(i + 1), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.toString());
    }

    /** The parameters that say whose users and groups are listed: {@code domain} and/or {@code customer}. */
    List<String> scope() {
        List<String> scope = new ArrayList<>();
        domain.ifPresent(value -> scope.addAll(List.of("domain", value)));
        customer.ifPresent(value -> scope.addAll(List.of("customer", value)));
        return scope;
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            List<Key> keys = new ArrayList<>(List.of(
                    Key.of("google.domain").selecting(),
                    Key.of("google.customer").selecting(),
                    Key.of("google.admin-user").selecting(),
                    Key.of("google.client-email"),
                    Key.of(ServiceAccount.PRIVATE_KEY).asSecret()
                            .checkedBy(s -> s.secret(ServiceAccount.PRIVATE_KEY).ifPresent(ServiceAccount::privateKey))
                            .readBy(DirectoryType.GOOGLE),
                    Key.of(ServiceAccount.KEY_FILE)
                            .checkedBy(s -> s.readableFile(ServiceAccount.KEY_FILE).ifPresent(ServiceAccount::fromKeyFile))
                            .readBy(DirectoryType.GOOGLE),
                    Key.of(MEMBER_READS).checkedBy(GoogleSettings::memberReads),
                    Key.of("google.token-url").checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl("google.token-url")),
                    Key.of("google.api-url").selecting()
                            .checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl("google.api-url")),
                    Key.of(GoogleFilter.USER_FILTER).selecting().checkedBy(Keys::filters).readBy(DirectoryType.GOOGLE),
                    Key.of(GoogleFilter.GROUP_FILTER).selecting().checkedBy(Keys::filters)
                            .readBy(DirectoryType.GOOGLE)));
            keys.addAll(HttpTarget.keys(PREFIX));
            return keys;
        }

        private static void filters(Settings settings) {
            GoogleFilter.parse(settings.optional(GoogleFilter.USER_FILTER), settings.optional(GoogleFilter.GROUP_FILTER));
        }
    }
}
