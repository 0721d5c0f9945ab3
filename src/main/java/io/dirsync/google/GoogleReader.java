package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.google.GoogleMapping.MemberKind;
import io.dirsync.http.PagedApi;
import io.dirsync.http.PagedSource;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;

/**
 * The Google Workspace source, step "read" of the {@code read-google} route: users, groups and each group's members
 * over the Directory API, every list to its last page. With {@code sync.user-filter=includeGroup:…} only those groups'
 * members are read (nested groups followed), not the domain's users. Deleted users (Google lists those deleted in the
 * last 20 days) are read only when the run asks for them ({@code dirsync test}); a sync removes a deleted user as one
 * who is gone, against its applied state. Settings, key and filters are checked before the first call.
 */
public class GoogleReader extends PagedSource {

    /** The largest pages the Directory API serves; pages may still come smaller. */
    static final int USERS_PAGE = 500;
    static final int GROUPS_PAGE = 200;

    /** For Camel: settings from the context, the API through the {@code google-page} route. */
    public GoogleReader() {
        super("direct:google-page", "google.api-url");
    }

    GoogleReader(Settings settings, PagedApi directory) {
        super(settings, directory);
    }

    /** The route step: a complete read. */
    @Handler
    public DirectoryRead read(@ExchangeProperty(ReadOptions.PROPERTY) ReadOptions options) {
        Settings settings = settings();
        GoogleSettings google = GoogleSettings.from(settings);
        ServiceAccount.from(settings); // the key too, before any call, though only the token route signs with it
        SyncSettings sync = SyncSettings.from(settings);
        GoogleFilter filter = GoogleFilter.parse(settings.optional(GoogleFilter.USER_FILTER),
                settings.optional(GoogleFilter.GROUP_FILTER));
        return logged("Google Workspace (" + google.domain().or(google::customer).orElse("") + ")",
                () -> new Read(google, sync, filter, options == null ? ReadOptions.SYNC : options, api(),
                        new HashMap<>()).read());
    }

    /** The users some groups reach through their members, nested groups followed; everyone for a CUSTOMER member. */
    private record Reach(Map<String, JsonNode> users, boolean everyone) {
    }

    /** One read, in the order the calls are made; {@code members} holds each group's members once read. */
    private record Read(GoogleSettings google, SyncSettings sync, GoogleFilter filter, ReadOptions options,
                        PagedApi directory, Map<String, List<JsonNode>> members) {

        DirectoryRead read() {
            List<JsonNode> groups = sync.groups() || needsGroupList() ? groups() : List.of();
            DirectoryRead.Builder read = DirectoryRead.builder();
            Set<String> readUserIds = sync.users() ? readUsers(groups, read) : Set.of();
            if (sync.groups()) {
                List<JsonNode> kept = groups.stream().filter(g -> filter.keepsGroupNamed(g.path("name").asText("")))
                        .toList();
                readMembers(kept.stream().map(g -> g.path("id").asText()).toList());
                for (JsonNode group : kept) {
                    read.group(withMembers(group.path("id").asText(), group.path("name").asText(""), readUserIds));
                }
            }
            return read.build();
        }

        /** The users the filter keeps, into {@code read}; answers the ids of those not deleted (a CUSTOMER's). */
        private Set<String> readUsers(List<JsonNode> groups, DirectoryRead.Builder read) {
            Reach excluded = reach(keys(filter.excludeGroups(), groups));
            Reach included = filter.groupScoped() ? reach(keys(filter.includeGroups(), groups)) : null;
            List<DirectoryUser> users = new ArrayList<>();
            Set<String> withoutAddress = new LinkedHashSet<>();
            if (included != null && !included.everyone()) {
                included.users().values().forEach(member -> users.add(GoogleMapping.member(member)));
            } else {
                for (JsonNode json : users(false)) {
                    users.add(GoogleMapping.user(json, false));
                    if (GoogleMapping.hasNoEmails(json)) {
                        withoutAddress.add(json.path("id").asText());
                    }
                }
            }
            if (options.includeDeleted() && !filter.groupScoped()) {
                users(true).forEach(json -> users.add(GoogleMapping.user(json, true)));
            }
            Set<String> readUserIds = new LinkedHashSet<>();
            for (DirectoryUser user : users) {
                if (excluded.everyone() || excluded.users().containsKey(user.externalId())
                        || !filter.keepsEmail(user.email())) {
                    continue;
                }
                if (user.email() == null || withoutAddress.contains(user.externalId())) {
                    read.leftOut(user.externalId(), "Google lists no email address for this user");
                } else {
                    read.user(user);
                }
                if (!user.deleted()) {
                    readUserIds.add(user.externalId());
                }
            }
            return readUserIds;
        }

        private boolean needsGroupList() {
            return sync.users() && (filter.includeGroups().stream().anyMatch(g -> !g.contains("@"))
                    || filter.excludeGroups().stream().anyMatch(g -> !g.contains("@")));
        }

        private DirectoryGroup withMembers(String id, String name, Set<String> readUserIds) {
            Set<String> userIds = new LinkedHashSet<>();
            Set<String> groupIds = new LinkedHashSet<>();
            for (JsonNode member : members(id)) {
                switch (MemberKind.of(member)) {
                    case USER -> {
                        if (GoogleMapping.isActive(member)) {
                            userIds.add(member.path("id").asText());
                        }
                    }
                    case GROUP -> groupIds.add(member.path("id").asText());
                    case CUSTOMER -> userIds.addAll(readUserIds);
                    case IGNORED -> { }
                }
            }
            return new DirectoryGroup(id, name, userIds, groupIds);
        }

        /** The USER members the groups reach, each once, nested groups followed (a cycle is read once). */
        private Reach reach(Set<String> groupKeys) {
            Map<String, JsonNode> users = new LinkedHashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(groupKeys);
            boolean everyone = false;
            while (!pending.isEmpty()) {
                String key = pending.removeFirst();
                if (!seen.add(key)) {
                    continue;
                }
                for (JsonNode member : members(key)) {
                    switch (MemberKind.of(member)) {
                        case USER -> users.putIfAbsent(member.path("id").asText(), member);
                        case GROUP -> pending.addLast(member.path("id").asText());
                        case CUSTOMER -> everyone = true;
                        case IGNORED -> { }
                    }
                }
            }
            return new Reach(users, everyone);
        }

        /**
         * The keys of groups a filter names: an email is one for Google; otherwise the group whose id, or name
         * (case-insensitive), it is.
         */
        private Set<String> keys(Set<String> named, List<JsonNode> groups) {
            Set<String> keys = new LinkedHashSet<>();
            for (String group : named) {
                if (group.contains("@")) {
                    keys.add(group);
                    continue;
                }
                List<String> byId = groups.stream().map(g -> g.path("id").asText()).filter(group::equals).toList();
                List<String> matching = byId.isEmpty() ? groups.stream()
                        .filter(g -> g.path("name").asText("").equalsIgnoreCase(group))
                        .map(g -> g.path("id").asText()).toList() : byId;
                if (matching.size() != 1) {
                    throw new ConfigurationException("Invalid setting sync.user-filter: " + (matching.isEmpty()
                            ? "no group is named \"" + group + "\" (name a group by its email, id or name)"
                            : matching.size() + " groups are named \"" + group + "\"; name it by its email or id, one"
                                    + " of " + String.join(", ", matching)) + ".");
                }
                keys.add(matching.get(0));
            }
            return keys;
        }

        private List<JsonNode> users(boolean deleted) {
            List<String> query = new ArrayList<>(google.scope());
            if (deleted) {
                query.addAll(List.of("showDeleted", "true"));
            }
            filter.query().ifPresent(q -> query.addAll(List.of("query", q)));
            query.addAll(List.of("maxResults", String.valueOf(USERS_PAGE)));
            return directory.list(google.directory("users", query));
        }

        private List<JsonNode> groups() {
            List<String> query = new ArrayList<>(google.scope());
            filter.groupQuery().ifPresent(q -> query.addAll(List.of("query", q)));
            query.addAll(List.of("maxResults", String.valueOf(GROUPS_PAGE)));
            return directory.list(google.directory("groups", query));
        }

        private List<JsonNode> members(String groupKey) {
            return members.computeIfAbsent(groupKey, key -> directory.list(membersUrl(key)));
        }

        /** The members of these groups not read yet, {@code google.member-reads} lists at a time. */
        private void readMembers(List<String> groupKeys) {
            Map<URI, String> keys = new LinkedHashMap<>();
            groupKeys.stream().filter(key -> !members.containsKey(key)).forEach(key -> keys.put(membersUrl(key), key));
            directory.lists(List.copyOf(keys.keySet()), google.memberReads())
                    .forEach((url, list) -> members.put(keys.get(url), list));
        }

        private URI membersUrl(String groupKey) {
            return google.directory("groups/" + encodePath(groupKey) + "/members",
                    List.of("maxResults", String.valueOf(GROUPS_PAGE)));
        }

        private static String encodePath(String segment) {
            return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
