package io.dirsync.bitwarden;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;

/**
 * The camel-http endpoint URIs of the Bitwarden routes: the import, member-list and token URLs, as
 * {@link HttpEndpoints} makes them for the {@code bitwarden} target ({@code bitwarden.proxy}, {@code bitwarden.ca-file},
 * {@code bitwarden.request-timeout}). Responses are checked by the routes' beans, so failed statuses do not throw here.
 */
public class BitwardenEndpoints extends ConfiguredStep<BitwardenSettings> {

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
        return HttpEndpoints.endpoint(url, settings.http(), getCamelContext());
    }

    @Override
    protected BitwardenSettings settingsFrom(Settings settings) {
        return BitwardenSettings.from(settings);
    }
}
