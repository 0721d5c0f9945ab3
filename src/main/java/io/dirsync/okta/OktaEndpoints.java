package io.dirsync.okta;

import io.dirsync.config.Settings;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.PageRequests;

/** The requests of the Okta routes: the API token in each, with the {@code okta} target's transport. */
public class OktaEndpoints extends PageRequests<OktaSettings> {

    @Override
    protected OktaSettings settingsFrom(Settings settings) {
        return OktaSettings.from(settings);
    }

    @Override
    protected HttpTarget http(OktaSettings okta) {
        return okta.http();
    }

    /** The {@code Authorization} header value: {@code SSWS <okta.token>}. */
    public String authorization() {
        return settings().authorization();
    }
}
