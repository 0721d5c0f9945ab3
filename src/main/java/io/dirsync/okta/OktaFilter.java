package io.dirsync.okta;

import io.dirsync.config.Settings;
import io.dirsync.filter.BwdcFilter;
import io.dirsync.filter.BwdcFilter.ListAndQuery;

/**
 * {@code sync.user-filter} and {@code sync.group-filter} for Okta, in bwdc's grammar (bwdc-providers.md §4.5): an
 * {@code include:} or {@code exclude:} list (emails; group names), then after {@code |} an Okta {@code filter}
 * expression for the user or group list, e.g. {@code exclude:joe@example.com | profile.department eq "Sales"} or
 * {@code include:Sales,IT | type eq "OKTA_GROUP"}.
 */
public record OktaFilter(ListAndQuery users, ListAndQuery groups) {

    static final String USER_FILTER = "sync.user-filter";
    static final String GROUP_FILTER = "sync.group-filter";
    private static final String DEPROVISIONED = "status eq \"DEPROVISIONED\"";

    public static OktaFilter from(Settings settings) {
        return new OktaFilter(BwdcFilter.listAndQuery(USER_FILTER, settings.optional(USER_FILTER)),
                BwdcFilter.listAndQuery(GROUP_FILTER, settings.optional(GROUP_FILTER)));
    }

    /** The query of the deprovisioned users: those the user query selects, if any, that are deprovisioned. */
    String deprovisionedQuery() {
        return users.query().map(query -> "(" + query + ") and " + DEPROVISIONED).orElse(DEPROVISIONED);
    }
}
