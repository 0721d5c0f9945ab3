package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.filter.BwdcFilter;
import io.dirsync.http.PagedApi;
import io.dirsync.http.PagedSource;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Handler;

/**
 * The Entra ID source, step "read" of the {@code read-entra} route: users and groups over Microsoft Graph, every list
 * to its last page. With {@code sync.user-filter=includeGroup:…} only those groups' transitive members are read, not
 * the tenant's users, and members are fetched only for the groups kept: a large tenant syncing one group costs a
 * handful of calls. Settings and filters are checked before the first call. A full read lists no deleted users: a
 * user who is gone is simply absent, and the next sync removes them against its applied state.
 */
public class EntraReader extends PagedSource {

    private static final Pattern OBJECT_ID = Pattern.compile("(?i)[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    /** Graph's largest page; pages may still come smaller. */
    static final int TOP = 999;

    /** For Camel: settings from the context, Graph through the {@code graph-page} route. */
    public EntraReader() {
        super("direct:graph-page", "entra.graph-url");
    }

    EntraReader(Settings settings, PagedApi graph) {
        super(settings, graph);
    }

    /** The route step: a complete read (Graph has no tombstones to list, so the read options change nothing). */
    @Handler
    public DirectoryRead read() {
        Settings settings = settings();
        EntraSettings entra = EntraSettings.from(settings);
        SyncSettings sync = SyncSettings.from(settings);
        EntraFilter filter = EntraFilter.parse(settings.optional(EntraFilter.USER_FILTER),
                settings.optional(EntraFilter.GROUP_FILTER));
        return logged("Microsoft Graph (" + entra.graphUrl() + ")", () -> new Read(entra, sync, filter, api()).read());
    }

    /** The read of this selection from {@code graph}: Microsoft Graph itself, or a {@link TenantCopy} of it. */
    static DirectoryRead read(EntraSettings entra, SyncSettings sync, EntraFilter filter, PagedApi graph) {
        return new Read(entra, sync, filter, graph).read();
    }

    /** One read, in the order the calls are made. */
    private record Read(EntraSettings entra, SyncSettings sync, EntraFilter filter, PagedApi graph) {

        DirectoryRead read() {
            List<JsonNode> groups = sync.groups() || needsGroupNames() ? list("groups", EntraMapping.GROUP_SELECT)
                    : List.of();
            List<DirectoryUser> users = new ArrayList<>();
            if (sync.users()) {
                Set<String> excluded = transitiveUserIds(ids(filter.excludeGroups(), groups));
                Map<String, JsonNode> read = filter.groupScoped()
                        ? transitiveUsers(ids(filter.includeGroups(), groups))
                        : byId(list("users", EntraMapping.USER_SELECT));
                for (JsonNode json : read.values()) {
                    DirectoryUser user = EntraMapping.user(json);
                    if (!excluded.contains(user.externalId()) && filter.keepsEmail(user.email())) {
                        users.add(user);
                    }
                }
            }
            List<DirectoryGroup> kept = new ArrayList<>();
            if (sync.groups()) {
                for (JsonNode group : groups) {
                    String name = group.path("displayName").asText("");
                    if (filter.keepsGroupNamed(name)) {
                        kept.add(withMembers(group.path("id").asText(), name));
                    }
                }
                if (filter.groupFiltered()) {
                    users = BwdcFilter.inKeptGroups(users, kept, sync.removeDisabled());
                }
            }
            DirectoryRead.Builder read = DirectoryRead.builder();
            for (DirectoryUser user : users) {
                Optional<String> leftOut = EntraMapping.leftOutBecause(user);
                if (leftOut.isPresent()) {
                    read.leftOut(user.externalId(), leftOut.get());
                } else {
                    read.user(user);
                }
            }
            kept.forEach(read::group);
            return read.build();
        }

        private boolean needsGroupNames() {
            return sync.users() && (filter.includeGroups().stream().anyMatch(g -> !OBJECT_ID.matcher(g).matches())
                    || filter.excludeGroups().stream().anyMatch(g -> !OBJECT_ID.matcher(g).matches()));
        }

        private DirectoryGroup withMembers(String id, String name) {
            Set<String> userIds = new LinkedHashSet<>();
            Set<String> groupIds = new LinkedHashSet<>();
            for (JsonNode member : list("groups/" + id + "/members", "id")) {
                if (EntraMapping.isUser(member)) {
                    userIds.add(member.path("id").asText());
                } else if (EntraMapping.isGroup(member)) {
                    groupIds.add(member.path("id").asText());
                }
            }
            return new DirectoryGroup(id, name, userIds, groupIds);
        }

        /** The users among the transitive members of these groups, by id, each once. */
        private Map<String, JsonNode> transitiveUsers(Set<String> groupIds) {
            Map<String, JsonNode> users = new LinkedHashMap<>();
            for (String groupId : groupIds) {
                for (JsonNode member : list("groups/" + groupId + "/transitiveMembers", EntraMapping.USER_SELECT)) {
                    if (EntraMapping.isUser(member)) {
                        users.putIfAbsent(member.path("id").asText(), member);
                    }
                }
            }
            return users;
        }

        private Set<String> transitiveUserIds(Set<String> groupIds) {
            return groupIds.isEmpty() ? Set.of() : transitiveUsers(groupIds).keySet();
        }

        /** The object ids of groups named in a filter by id (as Graph spells it) or by display name. */
        private Set<String> ids(Set<String> named, List<JsonNode> groups) {
            Set<String> ids = new LinkedHashSet<>();
            for (String group : named) {
                if (OBJECT_ID.matcher(group).matches()) {
                    ids.add(group.toLowerCase(Locale.ROOT));
                    continue;
                }
                List<String> matching = groups.stream()
                        .filter(g -> g.path("displayName").asText("").equalsIgnoreCase(group))
                        .map(g -> g.path("id").asText()).toList();
                if (matching.size() != 1) {
                    throw new ConfigurationException("Invalid setting sync.user-filter: " + (matching.isEmpty()
                            ? "no group is named \"" + group + "\""
                            : matching.size() + " groups are named \"" + group + "\"; name it by its object id, one of "
                                    + String.join(", ", matching)) + ".");
                }
                ids.add(matching.get(0));
            }
            return ids;
        }

        private List<JsonNode> list(String path, String select) {
            return graph.list(entra.graph(path + "?$select=" + select + "&$top=" + TOP));
        }

        private static Map<String, JsonNode> byId(List<JsonNode> objects) {
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            objects.forEach(object -> byId.putIfAbsent(object.path("id").asText(), object));
            return byId;
        }
    }
}
