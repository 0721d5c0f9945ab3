package io.dirsync.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.filter.BwdcFilter;
import io.dirsync.http.PagedApi;
import io.dirsync.http.PagedSource;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;

/**
 * The Okta source, step "read" of the {@code read-okta} route: users, groups and each kept group's users over Okta's
 * management API, every list to its last page. Okta's user list leaves deprovisioned users out; they are asked for
 * apart, as deleted, when the run lists deleted users ({@code dirsync test}): a sync removes them, like users deleted
 * outright, against its applied state. Settings and filters are checked before the first call.
 */
public class OktaReader extends PagedSource {

    /** Okta's largest pages; pages may still come smaller. */
    static final int USERS_LIMIT = 200;
    static final int GROUPS_LIMIT = 200;
    static final int MEMBERS_LIMIT = 1000;

    /** For Camel: settings from the context, Okta through the {@code okta-page} route. */
    public OktaReader() {
        super("direct:okta-page", OktaSettings.ORG_URL);
    }

    OktaReader(Settings settings, PagedApi api) {
        super(settings, api);
    }

    /** The route step: a complete read. */
    @Handler
    public DirectoryRead read(@ExchangeProperty(ReadOptions.PROPERTY) ReadOptions asked) {
        Settings settings = settings();
        OktaSettings okta = OktaSettings.from(settings);
        SyncSettings sync = SyncSettings.from(settings);
        OktaFilter filter = OktaFilter.from(settings);
        return logged("Okta (" + okta.orgUrl() + ")",
                () -> new Read(okta, sync, filter, api(), asked != null && asked.includeDeleted()).read());
    }

    /** One read, in the order the calls are made. */
    private record Read(OktaSettings okta, SyncSettings sync, OktaFilter filter, PagedApi api, boolean deleted) {

        DirectoryRead read() {
            List<DirectoryUser> users = new ArrayList<>();
            if (sync.users()) {
                // a user query may select deprovisioned users too: they are listed as deleted only when asked for
                users.addAll(users(filter.users().query()).stream().filter(user -> !user.deleted()).toList());
                if (deleted) {
                    users.addAll(users(Optional.of(filter.deprovisionedQuery())));
                }
            }
            List<DirectoryGroup> groups = new ArrayList<>();
            if (sync.groups()) {
                for (JsonNode group : list("groups", GROUPS_LIMIT, filter.groups().query())) {
                    String name = group.path("profile").path("name").asText("");
                    if (filter.groups().keeps(name)) {
                        groups.add(withMembers(group.path("id").asText(), name));
                    }
                }
                if (filter.groups().list().isPresent()) {
                    users = BwdcFilter.inKeptGroups(users, groups, sync.removeDisabled());
                }
            }
            DirectoryRead.Builder read = DirectoryRead.builder();
            users.forEach(read::user);
            groups.forEach(read::group);
            return read.build();
        }

        private List<DirectoryUser> users(Optional<String> query) {
            return list("users", USERS_LIMIT, query).stream().map(OktaMapping::user)
                    .filter(user -> filter.users().keeps(user.email())).toList();
        }

        private DirectoryGroup withMembers(String id, String name) {
            Set<String> userIds = new LinkedHashSet<>();
            list("groups/" + id + "/users", MEMBERS_LIMIT, Optional.empty())
                    .forEach(user -> userIds.add(user.path("id").asText()));
            return new DirectoryGroup(id, name, userIds, Set.of());
        }

        private List<JsonNode> list(String path, int limit, Optional<String> query) {
            String filtered = query.map(q -> "&filter=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                    .replace("+", "%20")).orElse("");
            return api.list(okta.api(path + "?limit=" + limit + filtered));
        }
    }
}
