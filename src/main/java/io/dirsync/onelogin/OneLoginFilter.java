package io.dirsync.onelogin;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import io.dirsync.filter.BwdcFilter;
import io.dirsync.filter.BwdcFilter.ListAndQuery;
import java.net.URI;

/**
 * {@code sync.user-filter} and {@code sync.group-filter} for OneLogin, in bwdc's grammar (bwdc-providers.md §5.5): an
 * {@code include:} or {@code exclude:} list (emails; role names), then after {@code |} a query string of OneLogin's
 * API, appended to the list's URL as written, e.g. {@code exclude:joe@example.com | email=*@example.com}.
 */
public record OneLoginFilter(ListAndQuery users, ListAndQuery roles) {

    static final String USER_FILTER = "sync.user-filter";
    static final String GROUP_FILTER = "sync.group-filter";

    public static OneLoginFilter from(Settings settings) {
        return new OneLoginFilter(parse(USER_FILTER, settings), parse(GROUP_FILTER, settings));
    }

    private static ListAndQuery parse(String key, Settings settings) {
        ListAndQuery filter = BwdcFilter.listAndQuery(key, settings.optional(key));
        filter.query().ifPresent(query -> {
            try {
                URI.create("https://api.us.onelogin.com/api/1/users?" + query);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid setting " + key + "=" + settings.optional(key).orElseThrow()
                        .strip() + ": after '|' comes a query string as OneLogin's API takes it (email=*@example.com),"
                        + " with its special characters percent-encoded.");
            }
        });
        return filter;
    }
}
