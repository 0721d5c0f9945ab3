package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.SourceException;
import io.dirsync.http.PagedApi;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The tenant's users and groups as delta rounds told them ({@link DeltaRound}), kept between runs in the
 * {@link DeltaCache}. Each round's items are merged in order: a user's or group's properties as sent replace the
 * kept ones (Graph may send only those that changed), {@code @removed} takes the object out, a group's
 * {@code members@delta} adds members and, with {@code @removed}, takes them out. Merging the same item twice changes
 * nothing, so a replayed change is harmless.
 *
 * <p>The copy answers the lists {@link EntraReader} asks Graph for ({@link #over}), so a delta read is built by the
 * same code, filters and mapping as a full read, from the same objects.
 */
final class TenantCopy {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, KeptGroup> groups = new LinkedHashMap<>();
    private final boolean usersKept;
    private int changes;

    /** A group as merged so far: its name, and its members' ids with their {@code @odata.type}. */
    private record KeptGroup(String id, String displayName, Map<String, String> members) {
    }

    /**
     * @param usersKept whether the copy holds the tenant's users (a users round is read): then a member user it does
     *                  not hold is gone, and is not listed
     */
    TenantCopy(boolean usersKept) {
        this.usersKept = usersKept;
    }

    static TenantCopy of(DeltaCache cache) {
        TenantCopy copy = new TenantCopy(cache.usersLink() != null);
        cache.users().forEach(user -> copy.users.put(user.path("id").asText(), user.deepCopy()));
        cache.groups().forEach(group -> copy.groups.put(group.id(),
                new KeptGroup(group.id(), group.displayName(), new LinkedHashMap<>(group.members()))));
        return copy;
    }

    /** Merges a users round's items. */
    void users(List<JsonNode> items) {
        merge(items, users, (id, item) -> {
            ObjectNode user = users.computeIfAbsent(id, key -> NODES.objectNode().put("id", key));
            item.fields().forEachRemaining(field -> {
                if (!field.getKey().contains("@")) {
                    user.set(field.getKey(), field.getValue());
                }
            });
        });
    }

    /** Merges a groups round's items (asked with {@code $select=displayName,members}). */
    void groups(List<JsonNode> items) {
        merge(items, groups, (id, item) -> {
            KeptGroup kept = groups.get(id);
            String name = item.hasNonNull("displayName") ? item.get("displayName").asText()
                    : kept == null ? "" : kept.displayName();
            Map<String, String> members = kept == null ? new LinkedHashMap<>() : kept.members();
            for (JsonNode member : item.path("members@delta")) {
                String memberId = member.path("id").asText("");
                if (member.has("@removed")) {
                    members.remove(memberId);
                } else if (EntraMapping.isUser(member) || EntraMapping.isGroup(member)) {
                    members.put(memberId, member.path("@odata.type").asText());
                }
            }
            groups.put(id, new KeptGroup(id, name, members));
        });
    }

    /** Each item in order: one with {@code @removed} takes its object out, any other is merged by {@code update}. */
    private void merge(List<JsonNode> items, Map<String, ?> kept, BiConsumer<String, JsonNode> update) {
        for (JsonNode item : items) {
            String id = item.path("id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            changes++;
            if (item.has("@removed")) {
                kept.remove(id);
            } else {
                update.accept(id, item);
            }
        }
    }

    /** How many items were merged since this copy was made. */
    int changes() {
        return changes;
    }

    List<ObjectNode> users() {
        return List.copyOf(users.values());
    }

    List<DeltaCache.Group> groups() {
        return groups.values().stream().map(g -> new DeltaCache.Group(g.id(), g.displayName(), g.members())).toList();
    }

    /**
     * Graph as this copy knows it, under {@code graph} ({@code {graph-url}/v1.0/}): the lists {@link EntraReader}
     * asks for, whole, as Graph would answer them. A member that is no longer in the copy (deleted since) is not
     * listed, as Graph would not list it.
     */
    PagedApi over(URI graph) {
        String base = graph.getPath();
        return url -> {
            String path = url.getPath().startsWith(base) ? url.getPath().substring(base.length()) : url.getPath();
            String[] parts = path.split("/");
            if (path.equals("users")) {
                return List.copyOf(users.values());
            }
            if (path.equals("groups")) {
                return groups.values().stream().<JsonNode>map(g -> NODES.objectNode().put("id", g.id())
                        .put("displayName", g.displayName())).toList();
            }
            if (parts.length == 3 && parts[0].equals("groups") && parts[2].equals("members")) {
                return members(group(parts[1]));
            }
            if (parts.length == 3 && parts[0].equals("groups") && parts[2].equals("transitiveMembers")) {
                return transitiveMembers(group(parts[1]));
            }
            throw new IllegalStateException("The delta read has no list " + path);
        };
    }

    private KeptGroup group(String id) {
        KeptGroup group = groups.get(id);
        if (group == null) {
            group = groups.values().stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst().orElseThrow(() ->
                    new SourceException("Microsoft Graph has no group " + id + " (as its delta queries tell). Check the"
                            + " group ids in sync.user-filter."));
        }
        return group;
    }

    private List<JsonNode> members(KeptGroup group) {
        List<JsonNode> members = new ArrayList<>();
        group.members().forEach((id, type) -> {
            if (exists(id, type)) {
                members.add(NODES.objectNode().put("@odata.type", type).put("id", id));
            }
        });
        return members;
    }

    /** The users and groups a group reaches through nested groups, each once, users with their properties. */
    private List<JsonNode> transitiveMembers(KeptGroup root) {
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> members = new ArrayList<>();
        Deque<KeptGroup> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            pending.pop().members().forEach((id, type) -> {
                if (!exists(id, type) || !seen.add(id)) {
                    return;
                }
                if (type.equals(EntraMapping.GROUP_TYPE)) {
                    pending.push(groups.get(id));
                    members.add(NODES.objectNode().put("@odata.type", type).put("id", id));
                } else {
                    ObjectNode user = users.containsKey(id) ? users.get(id).deepCopy() : NODES.objectNode().put("id", id);
                    members.add(user.put("@odata.type", type));
                }
            });
        }
        return members;
    }

    private boolean exists(String id, String type) {
        return type.equals(EntraMapping.GROUP_TYPE) ? groups.containsKey(id) : !usersKept || users.containsKey(id);
    }
}
