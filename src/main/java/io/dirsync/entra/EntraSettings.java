package io.dirsync.entra;

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
 * Where and as whom dirsync reads Entra ID: the tenant, the application's client id and secret, the cloud
 * ({@link Authority}) and its two hosts, which {@code entra.login-url} and {@code entra.graph-url} override (the
 * US DoD Graph host shares the US-government authority), how requests travel ({@link HttpTarget}, prefix
 * {@code entra}). Whether a sync asks Graph only for what changed since the last one ({@code entra.delta}) is
 * {@link DeltaRead}'s own setting, declared here with the others.
 *
 * <p>{@code entra.delta} is not part of the {@link io.dirsync.config.SettingsFingerprint}: it changes how much is
 * asked of Graph, not what a read holds (a delta read hands the diff the same complete read a full one would), so
 * turning it on or off must not make a run full, nor make the deletion guard refuse it as if another selection of
 * the directory were synced.
 */
public record EntraSettings(String tenant, String applicationId, Secret key, Authority authority, URI loginUrl,
                            URI graphUrl, HttpTarget http) {

    static final String PREFIX = "entra";
    static final String DELTA = "entra.delta";

    public static EntraSettings from(Settings settings) {
        Authority authority = settings.optional(Authority.KEY).map(Authority::of).orElse(Authority.GLOBAL);
        RemoteApi remote = RemoteApi.of(settings, PREFIX);
        String tenant = settings.required("entra.tenant", "the tenant's id or primary domain (contoso.onmicrosoft.com)");
        String applicationId = settings.required("entra.application-id",
                "the application (client) id of dirsync's app registration");
        Secret key = settings.secret("entra.key").orElseThrow(() -> new io.dirsync.ConfigurationException(
                settings.missing("entra.key", "a client secret of that app registration (use {{env:NAME}} to keep it"
                        + " out of the file)")));
        return new EntraSettings(tenant, applicationId, key, authority,
                remote.url("entra.login-url", settings.string("entra.login-url", authority.loginUrl())),
                remote.url("entra.graph-url", settings.string("entra.graph-url", authority.graphUrl())),
                HttpTarget.from(settings, PREFIX, Retries.DEFAULT_RETRY_FOR));
    }

    /** {@code POST {login}/{tenant}/oauth2/v2.0/token}. */
    URI tokenUrl() {
        return URI.create(loginUrl + "/" + tenant + "/oauth2/v2.0/token");
    }

    /** The token's scope: every permission granted on the Graph host this run calls. */
    String scope() {
        return graphOrigin() + "/.default";
    }

    /** {@code {graph}/v1.0/} and {@code path}. */
    URI graph(String path) {
        return URI.create(graphUrl + "/v1.0/" + path);
    }

    private String graphOrigin() {
        return graphUrl.getScheme() + "://" + graphUrl.getRawAuthority();
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            List<Key> keys = new ArrayList<>(List.of(
                    Key.of("entra.tenant").selecting(),
                    Key.of("entra.application-id").selecting(),
                    Key.of("entra.key").asSecret(),
                    Key.of(Authority.KEY).selecting()
                            .checkedBy(s -> s.optional(Authority.KEY).ifPresent(Authority::of)),
                    Key.of("entra.login-url").checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl("entra.login-url")),
                    Key.of("entra.graph-url").selecting()
                            .checkedBy(s -> RemoteApi.of(s, PREFIX).optionalUrl("entra.graph-url")),
                    Key.of(DELTA).bool(),
                    Key.of("sync.user-filter").selecting().checkedBy(Keys::filters).readBy(DirectoryType.ENTRA),
                    Key.of("sync.group-filter").selecting().checkedBy(Keys::filters).readBy(DirectoryType.ENTRA)));
            keys.addAll(HttpTarget.keys(PREFIX));
            return keys;
        }

        private static void filters(Settings settings) {
            EntraFilter.parse(settings.optional(EntraFilter.USER_FILTER), settings.optional(EntraFilter.GROUP_FILTER));
        }
    }

}
