package io.dirsync.okta;

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

/**
 * Where and as whom dirsync reads Okta: the organization's URL (bwdc's GUI shows it with a trailing slash, which is
 * dropped), an API token, and how requests travel ({@link HttpTarget}, prefix {@code okta}).
 */
public record OktaSettings(URI orgUrl, Secret token, HttpTarget http) {

    static final String PREFIX = "okta";
    static final String ORG_URL = "okta.org-url";
    static final String TOKEN = "okta.token";

    public static OktaSettings from(Settings settings) {
        RemoteApi remote = RemoteApi.of(settings, PREFIX);
        URI orgUrl = remote.url(ORG_URL, settings.required(ORG_URL, "the organization's URL, such as"
                + " https://example.okta.com"));
        Secret token = settings.secret(TOKEN).orElseThrow(() -> new ConfigurationException(settings.missing(TOKEN,
                "an API token of a read-only administrator (use {{env:NAME}} to keep it out of the file)")));
        return new OktaSettings(orgUrl, token, HttpTarget.from(settings, PREFIX, Retries.DEFAULT_RETRY_FOR));
    }

    /** {@code {org}/api/v1/} and {@code pathAndQuery}. */
    URI api(String pathAndQuery) {
        return URI.create(orgUrl + "/api/v1/" + pathAndQuery);
    }

    /** The {@code Authorization} header value of every call. */
    String authorization() {
        return "SSWS " + token.reveal();
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            List<Key> keys = new ArrayList<>(List.of(
                    Key.of(ORG_URL).selecting().checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl(ORG_URL)),
                    Key.of(TOKEN).asSecret(),
                    Key.of("sync.user-filter").selecting().checkedBy(OktaFilter::from).readBy(DirectoryType.OKTA),
                    Key.of("sync.group-filter").selecting().checkedBy(OktaFilter::from).readBy(DirectoryType.OKTA)));
            keys.addAll(HttpTarget.keys(PREFIX));
            return keys;
        }
    }
}
