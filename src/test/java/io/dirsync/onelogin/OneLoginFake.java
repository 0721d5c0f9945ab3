package io.dirsync.onelogin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.dirsync.testing.ApiFake;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of OneLogin's API on loopback, following the documented shapes (bwdc-providers.md §5 and §7): the v2 token
 * endpoint (HTTP Basic with the client id and secret, JSON {@code {"grant_type":"client_credentials"}}), the v1
 * {@code /api/1/users} and {@code /api/1/roles} with {@code Authorization: bearer:<token>} only ({@code Bearer <token>}
 * is refused), the v1 envelope with {@code pagination.next_link} and an opaque {@code after_cursor}, pages of at most
 * {@code pageSize} whatever {@code limit} asks, attribute search ({@code email=*@example.com}), {@code X-RateLimit-*}
 * on every answer (the reset in seconds from now), and scripted faults (429 with Retry-After, a page that always
 * fails, tokens that expire).
 */
public final class OneLoginFake extends ApiFake {

    static final String CLIENT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user as OneLogin holds it: a numeric id, status as a number, role ids. */
    public record User(long id, String email, String username, int status, List<Long> roleIds) {
    }

    /** A role. */
    public record Role(long id, String name) {
    }

    private final int pageSize;
    public final Map<Long, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<Long, Role> roles = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Faults pageFaults = moreFaults();
    private volatile int remaining = 5000;
    private volatile int expireAt = -1;

    private OneLoginFake(int pageSize) {
        super("application/json; charset=utf-8", 1);
        this.pageSize = pageSize;
    }

    public static OneLoginFake start(int pageSize) {
        return new OneLoginFake(pageSize);
    }

    /** The settings that point dirsync's OneLogin source at this fake. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directory.type", "onelogin");
        settings.put("onelogin.client-id", CLIENT_ID);
        settings.put("onelogin.client-secret", SECRET);
        settings.put("onelogin.region", "eu");
        settings.put("onelogin.api-url", url());
        return settings;
    }

    public void user(long id, String email, String username, int status, Long... roleIds) {
        users.put(id, new User(id, email, username, status, List.of(roleIds)));
    }

    public void role(long id, String name) {
        roles.put(id, new Role(id, name));
    }

    /** The next {@code times} API requests whose path starts with {@code pathPrefix} answer 429 with Retry-After. */
    public void throttleNext(String pathPrefix, int times, int retryAfterSeconds) {
        faults.add(r -> r.path().startsWith(pathPrefix), times,
                () -> v1Error(429, "Too Many Requests").with("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** Every request for page {@code page} (1-based) of {@code path} answers {@code status}, until {@link #clearFaults}. */
    public void failPage(String path, int page, int status) {
        pageFaults.add(r -> r.path().equals(path) && String.valueOf(page).equals(r.query().get("#page")), -1,
                () -> v1Error(status, "Internal Server Error"));
    }

    /** The calls left in the hour, announced on every answer. */
    public void remaining(int calls) {
        remaining = calls;
    }

    /** Every token issued so far stops working, as at the end of its lifetime. */
    public void expireTokens() {
        tokens.clear();
    }

    /** Every token issued before the {@code count}-th API request stops working at that request. */
    public void expireTokensAt(int count) {
        expireAt = count;
    }


    // ------------------------------------------------------------------ the HTTP side

    @Override
    protected Answer broken(RuntimeException failure) {
        return v1Error(500, "Internal Server Error: " + failure);
    }

    @Override
    protected Map<String, String> everyAnswer(Answer answer) {
        return Map.of("X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", String.valueOf(remaining),
                "X-RateLimit-Reset", "1200");
    }

    @Override
    protected Answer answer(HttpExchange exchange, Request request) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (request.path().equals("/auth/oauth2/v2/token")) {
            return token(request.method(), authorization, exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        if (!request.path().startsWith("/api/1/")) {
            return v1Error(404, "Not Found");
        }
        if (requests().stream().filter(r -> r.path().startsWith("/api/1/")).count() + 1 == expireAt) {
            tokens.clear();
        }
        if (authorization == null || !authorization.startsWith("bearer:")
                || !tokens.contains(authorization.substring("bearer:".length()))) {
            return v1Error(401, "Authentication Failure");
        }
        Optional<Answer> scripted = faults.take(request);
        if (scripted.isPresent()) {
            return scripted.get();
        }
        if (!request.method().equals("GET")) {
            return v1Error(405, "Method Not Allowed");
        }
        return list(request);
    }

    private Answer token(String method, String authorization, String contentType, String body) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!method.equals("POST") || !expected.equals(authorization)) {
            return new Answer(401, "{\"status\":{\"error\":true,\"code\":401,\"type\":\"Unauthorized\","
                    + "\"message\":\"Authentication Failure\"}}");
        }
        JsonNode json = contentType != null && contentType.startsWith("application/json") ? JSON.readTree(body) : null;
        if (json == null || !"client_credentials".equals(json.path("grant_type").asText())) {
            return new Answer(400, "{\"status\":{\"error\":true,\"code\":400,\"type\":\"bad request\","
                    + "\"message\":\"grant_type is incorrect/absent\"}}");
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        ObjectNode answer = JSON.createObjectNode().put("access_token", token)
                .put("created_at", Instant.now().toString()).put("expires_in", 36000)
                .put("refresh_token", UUID.randomUUID().toString().replace("-", "")).put("token_type", "bearer")
                .put("account_id", 555555);
        return new Answer(200, answer.toString());
    }

    private Answer list(Request request) {
        List<ObjectNode> objects;
        if (request.path().equals("/api/1/users")) {
            objects = snapshot(users.values()).stream().map(OneLoginFake::userJson)
                    .filter(user -> searched(user, request.query())).toList();
        } else if (request.path().equals("/api/1/roles")) {
            objects = snapshot(roles.values()).stream()
                    .map(role -> JSON.createObjectNode().put("id", role.id()).put("name", role.name()))
                    .filter(role -> searched(role, request.query())).toList();
        } else {
            return v1Error(404, "Not Found");
        }
        int size = Math.min(Integer.parseInt(request.query().getOrDefault("limit", "50")), pageSize);
        String cursor = request.query().get("after_cursor");
        int offset = cursor == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor),
                StandardCharsets.UTF_8).replace("offset:", ""));
        request.query().put("#page", String.valueOf(offset / size + 1));
        Optional<Answer> failed = pageFaults.take(request);
        if (failed.isPresent()) {
            return failed.get();
        }
        ObjectNode page = JSON.createObjectNode();
        page.putObject("status").put("error", false).put("code", 200).put("type", "success").put("message", "Success");
        ObjectNode pagination = page.putObject("pagination").putNull("before_cursor").putNull("previous_link");
        if (offset + size < objects.size()) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + (offset + size))
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, String> query = new LinkedHashMap<>(request.query());
            query.remove("#page");
            query.put("after_cursor", next);
            pagination.put("after_cursor", next).put("next_link", url() + request.path() + "?" + encode(query));
        } else {
            pagination.putNull("after_cursor").putNull("next_link");
        }
        objects.subList(offset, Math.min(offset + size, objects.size())).forEach(page.putArray("data")::add);
        return new Answer(200, page.toString());
    }

    /** OneLogin's attribute search: {@code name=value}, {@code *} a wildcard, case-insensitive; paging aside. */
    private static boolean searched(JsonNode object, Map<String, String> query) {
        for (Map.Entry<String, String> term : query.entrySet()) {
            if (Set.of("limit", "after_cursor", "before_cursor", "#page").contains(term.getKey())) {
                continue;
            }
            String pattern = "(?i)\\Q" + term.getValue().replace("*", "\\E.*\\Q") + "\\E";
            if (!object.path(term.getKey()).asText("").matches(pattern)) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> snapshot(java.util.Collection<T> values) {
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    private static ObjectNode userJson(User user) {
        ObjectNode json = JSON.createObjectNode().put("id", user.id()).put("status", user.status())
                .put("firstname", "User").put("lastname", String.valueOf(user.id()))
                .put("activated_at", "2024-01-02T03:04:05.000Z");
        if (user.email() == null) {
            json.putNull("email");
        } else {
            json.put("email", user.email());
        }
        if (user.username() == null) {
            json.putNull("username");
        } else {
            json.put("username", user.username());
        }
        user.roleIds().forEach(json.putArray("role_id")::add);
        return json;
    }

    private static Answer v1Error(int status, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.putObject("status").put("error", true).put("code", status)
                .put("type", status == 401 ? "Unauthorized" : "error").put("message", message);
        return new Answer(status, json.toString());
    }

    private static String encode(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((key, value) -> text.append(text.isEmpty() ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }
}
