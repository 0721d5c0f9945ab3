package io.dirsync.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.dirsync.testing.ApiFake;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of Entra ID's token endpoint and of Microsoft Graph v1.0, on loopback, following the documented shapes
 * (bwdc-providers.md §2 and §7): client-credentials tokens checked (tenant, client, secret, scope =
 * {graph origin}/.default), Bearer tokens required and expirable, {@code $select} honoured ({@code accountEnabled} only
 * when selected), pages of at most {@code pageSize} whatever {@code $top} asks, absolute {@code @odata.nextLink}s with an
 * opaque, percent-encoded {@code $skiptoken}, {@code @odata.type} on directory objects, Graph's error envelope, and
 * scripted faults (429 with Retry-After, a page that always fails).
 *
 * <p>Delta queries ({@code users/delta}, {@code groups/delta}) as Graph documents them: {@code $select} on the first
 * request only (links carry it; {@code $top} is refused), rounds of pages linked by {@code @odata.nextLink}
 * ({@code $skiptoken}) whose last page has an {@code @odata.deltaLink} ({@code $deltatoken}); a round from a delta
 * link holds what changed since it: new objects whole, changed ones with their id and only the properties that
 * changed (a group: its displayName and, in {@code members@delta}, members added and removed), objects gone as their
 * id and {@code @removed}; a page holds at most {@code pageSize} objects, members counted, and a group with more
 * members than that spreads them over several items. Links can be made
 * to expire ({@link #expireDeltaLinks}: 400 {@code syncStateNotFound}) or a tenant reset
 * ({@link #resetDeltaLinks}: 410 Gone, {@code resyncRequired}, with a Location to start over).
 */
public final class GraphFake extends ApiFake {

    static final String TENANT = "contoso.onmicrosoft.com";
    static final String CLIENT_ID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    static final String SECRET = "the-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> USER_DEFAULT = List.of("id", "displayName", "mail", "userPrincipalName");

    /** A user as Graph holds it; {@code mail} may be null. */
    public record User(String id, String mail, String userPrincipalName, boolean accountEnabled) {
    }

    /** A group and its direct members: ids of users, groups and other objects (devices, service principals). */
    public record Group(String id, String displayName, List<String> members) {
    }

    private final int pageSize;
    public final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, Group> groups = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Objects that are neither users nor groups: id → @odata.type. */
    public final Map<String, String> others = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private static final long TOKEN_LIFETIME = 3599;
    private volatile int expireAt = -1;
    /** The tenant as of each delta link issued, by its $deltatoken. */
    private final Map<String, Snapshot> deltaTokens = new ConcurrentHashMap<>();
    /** Delta links refused from now on: $deltatoken → the status they get (400 or 410). */
    private final Map<String, Integer> refusedTokens = new ConcurrentHashMap<>();
    /** The rounds being paged through, by the id their $skiptoken names. */
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();

    private record Snapshot(Map<String, User> users, Map<String, Group> groups, Map<String, String> others,
            String select) {
    }

    private record Round(String id, List<ObjectNode> items, String deltaToken) {
    }

    private GraphFake(int pageSize) {
        super("application/json", 1);
        this.pageSize = pageSize;
    }

    public static GraphFake start(int pageSize) {
        return new GraphFake(pageSize);
    }

    /** The settings that point dirsync's Entra source at this fake. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directory.type", "entra");
        settings.put("entra.tenant", TENANT);
        settings.put("entra.application-id", CLIENT_ID);
        settings.put("entra.key", SECRET);
        settings.put("entra.login-url", url());
        settings.put("entra.graph-url", url());
        return settings;
    }

    public void user(String id, String mail, String upn, boolean enabled) {
        users.put(id, new User(id, mail, upn, enabled));
    }

    public void group(String id, String name, String... members) {
        groups.put(id, new Group(id, name, new ArrayList<>(List.of(members))));
    }

    /** The next {@code times} Graph requests whose path starts with {@code pathPrefix} answer {@code status}. */
    public void failNext(String pathPrefix, int times, int status, String retryAfter) {
        faults.add(r -> r.path().startsWith(pathPrefix), times, () -> scripted(status).with("Retry-After", retryAfter));
    }

    /** Every request for page {@code page} (1-based) of {@code path} answers {@code status}, until {@link #clearFaults}. */
    public void failPage(String path, int page, int status) {
        String offset = String.valueOf((page - 1) * pageSize);
        faults.add(r -> r.path().equals(path) && offset.equals(offsetOf(r.query())), -1, () -> scripted(status));
    }

    private static Answer scripted(int status) {
        return new Answer(status, error(status == 429 ? "TooManyRequests" : "UnknownError", "Scripted fault."));
    }

    /** Every token issued so far stops working, as at the end of its lifetime. */
    public void expireTokens() {
        tokens.clear();
    }

    /** Every token issued before the {@code count}-th Graph request stops working at that request. */
    public void expireTokensAt(int count) {
        expireAt = count;
    }

    /** Every delta link issued so far is unknown from now on, as once its seven days are over: 400 syncStateNotFound. */
    public void expireDeltaLinks() {
        deltaTokens.keySet().forEach(token -> refusedTokens.put(token, 400));
    }

    /** Every delta link issued so far answers 410 Gone, as when Graph resets a tenant's change tracking. */
    public void resetDeltaLinks() {
        deltaTokens.keySet().forEach(token -> refusedTokens.put(token, 410));
    }

    public List<Request> graphRequests() {
        return requests().stream().filter(r -> r.path().startsWith("/v1.0/")).toList();
    }

    // ------------------------------------------------------------------ the HTTP side

    @Override
    protected Answer broken(RuntimeException failure) {
        return new Answer(500, error("InternalServerError", String.valueOf(failure)));
    }

    @Override
    protected Answer answer(HttpExchange exchange, Request request) throws IOException {
        if (request.method().equals("POST") && request.path().equals("/" + TENANT + "/oauth2/v2.0/token")) {
            return token(query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        }
        if (!request.path().startsWith("/v1.0/")) {
            return new Answer(404, error("UnknownError", "no such endpoint: " + request.path()));
        }
        if (graphRequests().size() + 1 == expireAt) {
            tokens.clear();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.contains(authorization.substring(7))) {
            return new Answer(401, error("InvalidAuthenticationToken", "Lifetime validation failed, the token is"
                    + " expired."));
        }
        Optional<Answer> scripted = faults.take(request);
        if (scripted.isPresent()) {
            return scripted.get();
        }
        if (!request.method().equals("GET")) {
            return new Answer(405, error("Request_BadRequest", "Only GET here."));
        }
        return list(request);
    }

    private Answer token(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return tokenError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return tokenError(400, "unauthorized_client", "AADSTS700016: Application with identifier '"
                    + form.get("client_id") + "' was not found in the directory.");
        }
        if (!SECRET.equals(form.get("client_secret"))) {
            return tokenError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret"
                    + " being sent in the request is the client secret value, not the client secret ID.");
        }
        if (!(url() + "/.default").equals(form.get("scope"))) {
            return tokenError(400, "invalid_scope", "AADSTS1002012: The provided value for scope " + form.get("scope")
                    + " is not valid.");
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        ObjectNode json = JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", TOKEN_LIFETIME)
                .put("ext_expires_in", TOKEN_LIFETIME).put("access_token", token);
        return new Answer(200, json.toString());
    }

    private static Answer tokenError(int status, String error, String description) {
        ObjectNode json = JSON.createObjectNode().put("error", error)
                .put("error_description", description + "\r\nTrace ID: 0000\r\nCorrelation ID: 1111\r\nTimestamp: now");
        json.putArray("error_codes").add(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*", "$1")));
        return new Answer(status, json.toString());
    }

    private Answer list(Request request) {
        String[] parts = request.path().substring("/v1.0/".length()).split("/");
        if (parts.length == 2 && parts[1].equals("delta") && (parts[0].equals("users") || parts[0].equals("groups"))) {
            return delta(request, parts[0]);
        }
        List<ObjectNode> objects;
        if (parts.length == 1 && parts[0].equals("users")) {
            objects = snapshot(users.values()).stream().map(this::userJson).toList();
        } else if (parts.length == 1 && parts[0].equals("groups")) {
            objects = snapshot(groups.values()).stream().map(this::groupJson).toList();
        } else if (parts.length == 3 && parts[0].equals("groups")
                && (parts[2].equals("members") || parts[2].equals("transitiveMembers"))) {
            Group group = groups.get(parts[1]);
            if (group == null) {
                return new Answer(404, error("Request_ResourceNotFound", "Resource '" + parts[1] + "' does not exist"
                        + " or one of its queried reference-property objects are not present."));
            }
            Set<String> ids = parts[2].equals("members") ? new LinkedHashSet<>(group.members())
                    : transitive(group, new LinkedHashSet<>());
            objects = ids.stream().map(this::directoryObject).filter(o -> o != null).toList();
        } else {
            return new Answer(400, error("BadRequest", "Unsupported path " + request.path()));
        }
        List<ObjectNode> selected = select(objects, request.query().get("$select"), parts.length == 1);
        int top = Integer.parseInt(request.query().getOrDefault("$top", "100"));
        if (top < 1 || top > 999) {
            return new Answer(400, error("Request_BadRequest", "Invalid page size specified: '" + top
                    + "'. Must be between 1 and 999 inclusive."));
        }
        int size = Math.min(top, pageSize);
        String skip = offsetOf(request.query());
        int offset = skip == null ? 0 : Integer.parseInt(skip);
        ObjectNode page = JSON.createObjectNode();
        page.put("@odata.context", url() + "/v1.0/$metadata#" + parts[parts.length - 1]);
        ArrayNode value = page.putArray("value");
        selected.subList(Math.min(offset, selected.size()), Math.min(offset + size, selected.size())).forEach(value::add);
        if (offset + size < selected.size()) {
            Map<String, String> next = new LinkedHashMap<>(request.query());
            next.put("$skiptoken", "RFNwdAoAAQ:" + (offset + size) + "/" + parts[0]);
            page.put("@odata.nextLink", url() + request.path() + "?" + encode(next));
        }
        return new Answer(200, page.toString());
    }

    // ------------------------------------------------------------------ delta queries

    private Answer delta(Request request, String kind) {
        Map<String, String> query = request.query();
        if (query.containsKey("$top") || query.containsKey("$expand")) {
            return new Answer(400, error("Request_UnsupportedQuery", "Unsupported query parameter for delta: "
                    + (query.containsKey("$top") ? "$top" : "$expand") + "."));
        }
        Round round;
        int offset = 0;
        if (query.containsKey("$skiptoken")) {
            String[] token = query.get("$skiptoken").split("~");
            round = rounds.get(token[0]);
            if (round == null) {
                return new Answer(400, error("syncStateNotFound", "The sync state generation is not found."));
            }
            offset = Integer.parseInt(token[1]);
        } else if (query.containsKey("$deltatoken")) {
            String token = query.get("$deltatoken");
            Integer refused = refusedTokens.get(token);
            if (refused != null && refused == 410) {
                return new Answer(410, error("resyncRequired", "Resync required. Replace any local cached data with a"
                        + " full synchronization.")).with("Location", url() + "/v1.0/" + kind + "/delta");
            }
            Snapshot since = refused == null ? deltaTokens.get(token) : null;
            if (since == null) {
                return new Answer(400, error("syncStateNotFound", "The sync state generation is not found. The delta"
                        + " token is expired and data must be synchronized again."));
            }
            round = round(kind, since, since.select());
        } else {
            round = round(kind, null, query.get("$select"));
        }
        ObjectNode page = JSON.createObjectNode();
        page.put("@odata.context", url() + "/v1.0/$metadata#" + kind);
        ArrayNode value = page.putArray("value");
        // a page holds at most pageSize objects, a group's members counted: a large group fills a page on its own
        int end = offset;
        for (int weight = 0; end < round.items().size(); end++) {
            weight += 1 + round.items().get(end).path("members@delta").size();
            if (weight > pageSize && end > offset) {
                break;
            }
        }
        round.items().subList(offset, end).forEach(value::add);
        if (end < round.items().size()) {
            page.put("@odata.nextLink", url() + "/v1.0/" + kind + "/delta?$skiptoken=" + round.id() + "~" + end);
        } else {
            page.put("@odata.deltaLink", url() + "/v1.0/" + kind + "/delta?$deltatoken=" + round.deltaToken());
        }
        return new Answer(200, page.toString());
    }

    /** A new round: everything ({@code since} null) or what changed since a snapshot, and a token for now. */
    private synchronized Round round(String kind, Snapshot since, String select) {
        Snapshot now = new Snapshot(new LinkedHashMap<>(copy(users)), copyGroups(), new LinkedHashMap<>(others), select);
        Snapshot before = since == null ? new Snapshot(Map.of(), Map.of(), Map.of(), select) : since;
        List<ObjectNode> items = kind.equals("users") ? userChanges(before, now) : groupChanges(before, now);
        String token = UUID.randomUUID().toString().replace("-", "");
        deltaTokens.put(token, now);
        Round round = new Round(UUID.randomUUID().toString().replace("-", ""), items, token);
        rounds.put(round.id(), round);
        return round;
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        synchronized (map) {
            return new LinkedHashMap<>(map);
        }
    }

    private Map<String, Group> copyGroups() {
        Map<String, Group> copy = new LinkedHashMap<>();
        copy(groups).forEach((id, g) -> copy.put(id, new Group(g.id(), g.displayName(), List.copyOf(g.members()))));
        return copy;
    }

    private List<ObjectNode> userChanges(Snapshot before, Snapshot now) {
        Set<String> fields = new LinkedHashSet<>(now.select() == null ? USER_DEFAULT : List.of(now.select().split(",")));
        List<ObjectNode> items = new ArrayList<>();
        now.users().forEach((id, user) -> {
            ObjectNode current = selectFields(userJson(user), fields);
            User was = before.users().get(id);
            if (was == null) {
                items.add(current);
                return;
            }
            ObjectNode previous = selectFields(userJson(was), fields);
            ObjectNode changed = JSON.createObjectNode().put("id", id);
            current.fields().forEachRemaining(f -> {
                if (!f.getValue().equals(previous.get(f.getKey()))) {
                    changed.set(f.getKey(), f.getValue());
                }
            });
            if (changed.size() > 1) {
                items.add(changed);
            }
        });
        before.users().keySet().stream().filter(id -> !now.users().containsKey(id))
                .forEach(id -> items.add(removed(id, "changed")));
        return items;
    }

    private List<ObjectNode> groupChanges(Snapshot before, Snapshot now) {
        List<String> fields = now.select() == null ? List.of("displayName", "members") : List.of(now.select().split(","));
        List<ObjectNode> items = new ArrayList<>();
        now.groups().forEach((id, group) -> {
            Group was = before.groups().get(id);
            List<String> members = existing(group.members(), now);
            List<String> membersBefore = was == null ? List.of() : existing(was.members(), before);
            List<ObjectNode> memberDelta = new ArrayList<>();
            members.stream().filter(m -> !membersBefore.contains(m))
                    .forEach(m -> memberDelta.add(JSON.createObjectNode().put("@odata.type", type(m, now)).put("id", m)));
            membersBefore.stream().filter(m -> !members.contains(m)).forEach(m -> memberDelta.add(JSON.createObjectNode()
                    .put("@odata.type", type(m, before)).put("id", m).set("@removed", reason("deleted"))));
            boolean renamed = was == null || !was.displayName().equals(group.displayName());
            if (!renamed && memberDelta.isEmpty()) {
                return;
            }
            ObjectNode item = JSON.createObjectNode().put("id", id);
            if (fields.contains("displayName")) {
                item.put("displayName", group.displayName());
            }
            if (!fields.contains("members") || memberDelta.isEmpty()) {
                items.add(item);
                return;
            }
            // a large group's members come over several items of the same group, as Graph pages them
            for (int from = 0; from < memberDelta.size(); from += pageSize) {
                ObjectNode part = item.deepCopy();
                part.putArray("members@delta").addAll(memberDelta.subList(from, Math.min(from + pageSize,
                        memberDelta.size())));
                items.add(part);
            }
        });
        before.groups().keySet().stream().filter(id -> !now.groups().containsKey(id))
                .forEach(id -> items.add(removed(id, "deleted")));
        return items;
    }

    private static List<String> existing(List<String> members, Snapshot tenant) {
        return members.stream().filter(m -> type(m, tenant) != null).distinct().toList();
    }

    private static String type(String id, Snapshot tenant) {
        return tenant.users().containsKey(id) ? "#microsoft.graph.user"
                : tenant.groups().containsKey(id) ? "#microsoft.graph.group" : tenant.others().get(id);
    }

    private static ObjectNode selectFields(ObjectNode object, Set<String> fields) {
        ObjectNode copy = JSON.createObjectNode();
        copy.set("id", object.get("id"));
        fields.forEach(field -> {
            if (object.has(field)) {
                copy.set(field, object.get(field));
            }
        });
        return copy;
    }

    private static ObjectNode removed(String id, String why) {
        ObjectNode item = JSON.createObjectNode().put("id", id);
        item.set("@removed", reason(why));
        return item;
    }

    private static ObjectNode reason(String why) {
        return JSON.createObjectNode().put("reason", why);
    }

    private static <T> List<T> snapshot(java.util.Collection<T> values) {
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    private Set<String> transitive(Group group, Set<String> into) {
        for (String member : group.members()) {
            if (into.add(member) && groups.containsKey(member)) {
                transitive(groups.get(member), into);
            }
        }
        return into;
    }

    private ObjectNode directoryObject(String id) {
        if (users.containsKey(id)) {
            return userJson(users.get(id)).put("@odata.type", "#microsoft.graph.user");
        }
        if (groups.containsKey(id)) {
            return groupJson(groups.get(id)).put("@odata.type", "#microsoft.graph.group");
        }
        String type = others.get(id);
        return type == null ? null : JSON.createObjectNode().put("@odata.type", type).put("id", id)
                .put("displayName", "object " + id).put("accountEnabled", true);
    }

    private ObjectNode userJson(User user) {
        ObjectNode json = JSON.createObjectNode().put("id", user.id()).put("displayName", "User " + user.id())
                .put("userPrincipalName", user.userPrincipalName()).put("accountEnabled", user.accountEnabled());
        if (user.mail() == null) {
            json.putNull("mail");
        } else {
            json.put("mail", user.mail());
        }
        return json;
    }

    private ObjectNode groupJson(Group group) {
        return JSON.createObjectNode().put("id", group.id()).put("displayName", group.displayName())
                .put("mail", (String) null).put("securityEnabled", true);
    }

    /** {@code $select}ed properties (and {@code @odata.type}); without it, Graph's default set (no accountEnabled). */
    private static List<ObjectNode> select(List<ObjectNode> objects, String select, boolean typedList) {
        Set<String> fields = new LinkedHashSet<>(select == null ? USER_DEFAULT : List.of(select.split(",")));
        fields.add("@odata.type");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode object : objects) {
            ObjectNode copy = JSON.createObjectNode();
            fields.forEach(field -> {
                if (object.has(field) && !(typedList && field.equals("@odata.type"))) {
                    copy.set(field, object.get(field));
                }
            });
            selected.add(copy);
        }
        return selected;
    }

    private static String offsetOf(Map<String, String> query) {
        String token = query.get("$skiptoken");
        return token == null ? null : token.replaceAll("^RFNwdAoAAQ:(\\d+)/.*$", "$1");
    }

    private static String error(String code, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.putObject("error").put("code", code).put("message", message).putObject("innerError")
                .put("date", Instant.now().toString()).put("request-id", UUID.randomUUID().toString());
        return json.toString();
    }

    private static String encode(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((key, value) -> text.append(text.isEmpty() ? "" : "&").append(key).append('=')
                .append(key.equals("$select") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
