package io.dirsync.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.dirsync.testing.ApiFake;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of Okta's management API v1 on loopback, following the documented shapes (bwdc-providers.md §4 and §7):
 * {@code SSWS} tokens required, {@code /users} (without a filter, every user but the DEPROVISIONED ones),
 * {@code /groups} and {@code /groups/{id}/users}, Okta's {@code filter} expressions ({@code eq}, {@code sw},
 * {@code and}, {@code or}, parentheses), pages of at most {@code pageSize} whatever {@code limit} asks, an opaque
 * {@code after} cursor in two separate {@code Link} headers ({@code self}, {@code next}), {@code X-Rate-Limit-*} on
 * every answer and a 429 {@code E0000047} past the limit, Okta's error envelope, and scripted faults.
 */
public final class OktaFake extends ApiFake {

    static final String TOKEN = "00okta-api-token-of-a-read-only-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user as Okta holds it. */
    public record User(String id, String email, String status) {
    }

    /** A group, its type and its users' ids. */
    public record Group(String id, String name, String type, List<String> members) {
    }

    private final int pageSize;
    public final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, Group> groups = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Faults pageFaults = moreFaults();
    private int limit = 600;
    private int windowSeconds = 60;
    private long windowEnds;
    private int used;

    private OktaFake(int pageSize) {
        super("application/json", 1);
        this.pageSize = pageSize;
    }

    public static OktaFake start(int pageSize) {
        return new OktaFake(pageSize);
    }

    /** The settings that point dirsync's Okta source at this fake, the org URL written as bwdc's GUI shows it. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directory.type", "okta");
        settings.put("okta.org-url", url() + "/");
        settings.put("okta.token", TOKEN);
        return settings;
    }

    public void user(String id, String email, String status) {
        users.put(id, new User(id, email, status));
    }

    public void group(String id, String name, String... members) {
        groups.put(id, new Group(id, name, "OKTA_GROUP", new ArrayList<>(List.of(members))));
    }

    public void appGroup(String id, String name, String... members) {
        groups.put(id, new Group(id, name, "APP_GROUP", new ArrayList<>(List.of(members))));
    }

    /** Okta's rate limit: {@code limit} requests in each window of {@code seconds}, announced on every answer. */
    public synchronized void rateLimit(int limit, int seconds) {
        this.limit = limit;
        this.windowSeconds = seconds;
        this.windowEnds = 0;
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} answer 429 with Retry-After. */
    public void throttleNext(String pathPrefix, int times, int retryAfterSeconds) {
        faults.add(r -> r.path().startsWith(pathPrefix), times,
                () -> throttled().with("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /**
     * The next {@code times} such requests answer 429 without Retry-After (Okta does not document one): only
     * {@code X-Rate-Limit-Reset}, {@code resetInSeconds} from now, says when to come back.
     */
    public void throttleNextUntilReset(String pathPrefix, int times, int resetInSeconds) {
        faults.add(r -> r.path().startsWith(pathPrefix), times, () -> throttled().with(Map.of("X-Rate-Limit-Remaining", "0",
                "X-Rate-Limit-Reset", String.valueOf(Instant.now().getEpochSecond() + 1 + resetInSeconds))));
    }

    /** Every request for page {@code page} (1-based) of {@code path} answers {@code status}, until {@link #clearFaults}. */
    public void failPage(String path, int page, int status) {
        pageFaults.add(r -> r.path().equals(path) && r.query().get("#page").equals(String.valueOf(page)), -1,
                () -> error(status, "E0000009", "Internal Server Error"));
    }

    private static Answer throttled() {
        return error(429, "E0000047", "Scripted fault.");
    }

    // ------------------------------------------------------------------ the HTTP side

    @Override
    protected Answer broken(RuntimeException failure) {
        return error(500, "E0000009", "Internal Server Error: " + failure);
    }

    /** The window's rate limit, on every answer. */
    @Override
    protected synchronized Map<String, String> everyAnswer(Answer answer) {
        return Map.of("X-Rate-Limit-Limit", String.valueOf(limit),
                "X-Rate-Limit-Remaining", String.valueOf(Math.max(0, limit - used)),
                "X-Rate-Limit-Reset", String.valueOf(windowEnds));
    }

    /** Counts the request in the current window; false when the window has no call left. */
    private synchronized boolean withinRateLimit() {
        long now = Instant.now().getEpochSecond();
        if (now >= windowEnds) {
            windowEnds = now + windowSeconds;
            used = 0;
        }
        used++;
        return used <= limit;
    }

    @Override
    protected Answer answer(HttpExchange exchange, Request request) {
        if (!request.path().startsWith("/api/v1/")) {
            return error(404, "E0000022", "The endpoint does not support the provided HTTP method");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("SSWS " + TOKEN).equals(authorization)) {
            return error(401, "E0000011", "Invalid token provided");
        }
        if (!withinRateLimit()) {
            return error(429, "E0000047", "API call exceeded rate limit due to too many requests.");
        }
        Optional<Answer> scripted = faults.take(request);
        if (scripted.isPresent()) {
            return scripted.get();
        }
        if (!request.method().equals("GET")) {
            return error(405, "E0000022", "The endpoint does not support the provided HTTP method");
        }
        return list(request);
    }

    private Answer list(Request request) {
        String[] parts = request.path().substring("/api/v1/".length()).split("/");
        List<ObjectNode> objects;
        String filter = request.query().getOrDefault("filter", "");
        try {
            if (parts.length == 1 && parts[0].equals("users")) {
                objects = snapshot(users.values()).stream()
                        .filter(u -> !filter.isEmpty() || !u.status().equals("DEPROVISIONED"))
                        .map(OktaFake::userJson).filter(u -> filter.isEmpty() || matches(filter, u)).toList();
            } else if (parts.length == 1 && parts[0].equals("groups")) {
                objects = snapshot(groups.values()).stream().map(OktaFake::groupJson)
                        .filter(g -> filter.isEmpty() || matches(filter, g)).toList();
            } else if (parts.length == 3 && parts[0].equals("groups") && parts[2].equals("users")) {
                Group group = groups.get(parts[1]);
                if (group == null) {
                    return error(404, "E0000007", "Not found: Resource not found: " + parts[1] + " (UserGroup)");
                }
                objects = snapshot(group.members()).stream().map(users::get).filter(u -> u != null)
                        .map(OktaFake::userJson).toList();
            } else {
                return error(404, "E0000007", "Not found: Resource not found: " + request.path());
            }
        } catch (IllegalArgumentException badFilter) {
            return error(400, "E0000031", "Invalid search criteria.");
        }
        int size = Math.min(Integer.parseInt(request.query().getOrDefault("limit", "200")), pageSize);
        String after = request.query().get("after");
        int offset = 0;
        if (after != null) {
            offset = objects.stream().map(o -> o.path("id").asText()).toList().indexOf(after) + 1;
            if (offset == 0) {
                return error(400, "E0000001", "Api validation failed: after");
            }
        }
        request.query().put("#page", String.valueOf(offset / size + 1));
        Optional<Answer> failed = pageFaults.take(request);
        if (failed.isPresent()) {
            return failed.get();
        }
        ArrayNode page = JSON.createArrayNode();
        objects.subList(offset, Math.min(offset + size, objects.size())).forEach(page::add);
        Map<String, String> self = new LinkedHashMap<>(request.query());
        self.remove("#page");
        List<String> links = new ArrayList<>();
        links.add("<" + url() + request.path() + "?" + encode(self) + ">; rel=\"self\"");
        if (offset + size < objects.size()) {
            self.put("after", objects.get(offset + size - 1).path("id").asText());
            links.add("<" + url() + request.path() + "?" + encode(self) + ">; rel=\"next\"");
        }
        Answer answer = new Answer(200, page.toString());
        for (String link : links) {
            answer = answer.with("Link", link);
        }
        return answer;
    }

    private static <T> List<T> snapshot(java.util.Collection<T> values) {
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    private static ObjectNode userJson(User user) {
        ObjectNode json = JSON.createObjectNode().put("id", user.id()).put("status", user.status())
                .put("created", "2024-01-02T03:04:05.000Z");
        ObjectNode profile = json.putObject("profile").put("login", user.email() == null ? user.id() : user.email())
                .put("firstName", "User").put("lastName", user.id());
        if (user.email() == null) {
            profile.putNull("email");
        } else {
            profile.put("email", user.email());
        }
        return json;
    }

    private static ObjectNode groupJson(Group group) {
        ObjectNode json = JSON.createObjectNode().put("id", group.id()).put("type", group.type());
        json.putObject("profile").put("name", group.name()).put("description", (String) null);
        return json;
    }

    // ------------------------------------------------------------------ Okta's filter expressions

    private static final Pattern TOKEN_PATTERN = Pattern.compile("\\s*(\\(|\\)|\"[^\"]*\"|[A-Za-z_.]+)");

    /** Whether {@code object} matches {@code filter}; an expression Okta would refuse throws. */
    static boolean matches(String filter, JsonNode object) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN_PATTERN.matcher(filter);
        int at = 0;
        while (at < filter.length() && matcher.find(at) && matcher.start() == at) {
            tokens.add(matcher.group(1));
            at = matcher.end();
        }
        if (!filter.substring(at).isBlank()) {
            throw new IllegalArgumentException(filter);
        }
        int[] position = {0};
        boolean result = or(tokens, position, object);
        if (position[0] != tokens.size()) {
            throw new IllegalArgumentException(filter);
        }
        return result;
    }

    private static boolean or(List<String> tokens, int[] at, JsonNode object) {
        boolean result = and(tokens, at, object);
        while (at[0] < tokens.size() && tokens.get(at[0]).equalsIgnoreCase("or")) {
            at[0]++;
            result |= and(tokens, at, object);
        }
        return result;
    }

    private static boolean and(List<String> tokens, int[] at, JsonNode object) {
        boolean result = term(tokens, at, object);
        while (at[0] < tokens.size() && tokens.get(at[0]).equalsIgnoreCase("and")) {
            at[0]++;
            result &= term(tokens, at, object);
        }
        return result;
    }

    private static boolean term(List<String> tokens, int[] at, JsonNode object) {
        if (at[0] < tokens.size() && tokens.get(at[0]).equals("(")) {
            at[0]++;
            boolean inner = or(tokens, at, object);
            if (at[0] >= tokens.size() || !tokens.get(at[0]).equals(")")) {
                throw new IllegalArgumentException("unbalanced");
            }
            at[0]++;
            return inner;
        }
        if (at[0] + 2 >= tokens.size()) {
            throw new IllegalArgumentException("incomplete");
        }
        String attribute = tokens.get(at[0]);
        String operator = tokens.get(at[0] + 1);
        String literal = tokens.get(at[0] + 2);
        if (!literal.startsWith("\"")) {
            throw new IllegalArgumentException(literal);
        }
        at[0] += 3;
        JsonNode value = object;
        for (String name : attribute.split("\\.")) {
            value = value.path(name);
        }
        String expected = literal.substring(1, literal.length() - 1);
        return switch (operator) {
            case "eq" -> value.asText("").equals(expected);
            case "sw" -> value.asText("").startsWith(expected);
            default -> throw new IllegalArgumentException(operator);
        };
    }

    // ------------------------------------------------------------------ helpers

    private static Answer error(int status, String code, String summary) {
        ObjectNode json = JSON.createObjectNode().put("errorCode", code).put("errorSummary", summary)
                .put("errorLink", code).put("errorId", "oae" + UUID.randomUUID().toString().replace("-", ""));
        json.putArray("errorCauses");
        return new Answer(status, json.toString());
    }

    private static String encode(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((key, value) -> text.append(text.isEmpty() ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        return text.toString();
    }
}
