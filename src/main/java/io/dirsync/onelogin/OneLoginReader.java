package io.dirsync.onelogin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.filter.BwdcFilter;
import io.dirsync.http.PagedApi;
import io.dirsync.http.PagedSource;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Handler;

/**
 * The OneLogin source, step "read" of the {@code read-onelogin} route: users and roles (the groups) over OneLogin's
 * API, every list to its last page; a role's members are the users whose {@code role_id} lists it, so the users are
 * read whenever roles are. OneLogin reports no deletions: a user who is gone is absent, and the next sync removes them
 * against its applied state. Settings and filters are checked before the first call.
 */
public class OneLoginReader extends PagedSource {

    /** For Camel: settings from the context, OneLogin through the {@code onelogin-page} route. */
    public OneLoginReader() {
        super("direct:onelogin-page", OneLoginSettings.API_URL);
    }

    OneLoginReader(Settings settings, PagedApi api) {
        super(settings, api);
    }

    /** The route step: a complete read (OneLogin has no deleted users to list, so the read options change nothing). */
    @Handler
    public DirectoryRead read() {
        Settings settings = settings();
        OneLoginSettings onelogin = OneLoginSettings.from(settings);
        SyncSettings sync = SyncSettings.from(settings);
        OneLoginFilter filter = OneLoginFilter.from(settings);
        return logged("OneLogin (" + onelogin.apiUrl() + ")", () -> new Read(onelogin, sync, filter, api()).read());
    }

    /** One read, in the order the calls are made. */
    private record Read(OneLoginSettings onelogin, SyncSettings sync, OneLoginFilter filter, PagedApi api) {

        DirectoryRead read() {
            List<JsonNode> all = sync.users() || sync.groups() ? list("users", filter.users().query()) : List.of();
            List<DirectoryUser> users = new ArrayList<>();
            if (sync.users()) {
                all.stream().map(user -> OneLoginMapping.user(user, onelogin.emailSuffix()))
                        .filter(user -> filter.users().keeps(user.email())).forEach(users::add);
            }
            List<DirectoryGroup> roles = new ArrayList<>();
            if (sync.groups()) {
                Map<String, Set<String>> membersByRole = membersByRole(all);
                for (JsonNode role : list("roles", filter.roles().query())) {
                    String name = role.path("name").asText("");
                    if (filter.roles().keeps(name)) {
                        String id = role.path("id").asText();
                        roles.add(new DirectoryGroup(id, name, membersByRole.getOrDefault(id, Set.of()), Set.of()));
                    }
                }
                if (filter.roles().list().isPresent()) {
                    users = BwdcFilter.inKeptGroups(users, roles, sync.removeDisabled());
                }
            }
            DirectoryRead.Builder read = DirectoryRead.builder();
            users.forEach(read::user);
            roles.forEach(read::group);
            return read.build();
        }

        /** Role id → the ids of the users holding it: OneLogin lists a role's members on its users only. */
        private static Map<String, Set<String>> membersByRole(List<JsonNode> users) {
            Map<String, Set<String>> members = new HashMap<>();
            for (JsonNode user : users) {
                String userId = user.path("id").asText();
                OneLoginMapping.roleIds(user).forEach(role ->
                        members.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(userId));
            }
            return members;
        }

        private List<JsonNode> list(String path, Optional<String> query) {
            return api.list(onelogin.api(path + query.map(q -> "?" + q).orElse("")));
        }
    }
}
