package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.dirsync.testing.ApiFake;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A fake of Google's OAuth token endpoint and of the Admin SDK Directory API, on loopback, following the documented
 * shapes: a JWT-bearer grant whose assertion is verified (RS256 with the public half of {@link #KEYS}, {@code iss},
 * {@code sub}, {@code aud} = this token URL, exactly read-only directory scopes, a lifetime of at most an hour), Bearer
 * tokens required and expirable; {@code users} (with {@code showDeleted}, a small {@code query}), {@code groups} and
 * {@code groups/{key}/members} with {@code domain}/{@code customer} required where Google requires them,
 * {@code maxResults} bounded as Google bounds it and pages of at most {@code pageSize}, opaque {@code nextPageToken}s,
 * Google's error envelope, and scripted faults (429, a rate-limit 403, a page that always fails). It answers 8
 * requests at a time, each in about 45 ms on loopback (measured, 2026-12-06): enough latency for concurrency to show.
 */
public final class GoogleFake extends ApiFake {

    static final String CLIENT_EMAIL = "dirsync@dirsync-test.iam.gserviceaccount.com";
    static final String ADMIN = "admin@example.com";
    static final String DOMAIN = "example.com";
    static final String CUSTOMER = "C03az79cb";
    /** The service account's key pair, made once per test JVM: the fake holds the public half. */
    public static final KeyPair KEYS = generate();
    /** The scopes the fake grants, spelled here rather than taken from the code under test. */
    static final Set<String> READ_ONLY_SCOPES = Set.of(
            "https://www.googleapis.com/auth/admin.directory.user.readonly",
            "https://www.googleapis.com/auth/admin.directory.group.readonly",
            "https://www.googleapis.com/auth/admin.directory.group.member.readonly");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TOKEN_LIFETIME = 3599;

    /** A user as Google holds it; {@code emails} false for one Google lists without addresses. */
    public record User(String id, String primaryEmail, List<String> aliases, boolean suspended, boolean archived,
                       boolean deleted, boolean emails, String orgUnitPath) {
        public User with(boolean suspended, boolean archived, boolean deleted) {
            return new User(id, primaryEmail, aliases, suspended, archived, deleted, emails, orgUnitPath);
        }
    }

    /** A group's member: {@code type} USER, GROUP, CUSTOMER or EXTERNAL; {@code status} ACTIVE, SUSPENDED… */
    public record Member(String type, String id, String email, String status) {
    }

    public record Group(String id, String email, String name, List<Member> members) {
    }

    private final int pageSize;
    private volatile PublicKey publicKey = KEYS.getPublic();
    private volatile String audience;
    public final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, Group> groups = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** Token refusals, by reason, so a test can see which check refused an assertion. */
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile int expireAt = -1;

    private GoogleFake(int pageSize) {
        super("application/json; charset=UTF-8", 8);
        this.pageSize = pageSize;
    }

    public static GoogleFake start(int pageSize) {
        return new GoogleFake(pageSize);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PEM, one line per 64 characters, as in Google's JSON key. */
    public static String privateKeyPem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    public String tokenUrl() {
        return url() + "/token";
    }

    /** The settings that point dirsync's Google source at this fake, the key given as email and PEM. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directory.type", "google");
        settings.put("google.domain", DOMAIN);
        settings.put("google.admin-user", ADMIN);
        settings.put("google.client-email", CLIENT_EMAIL);
        settings.put("google.private-key", privateKeyPem(KEYS).replace("\n", "\\n"));
        settings.put("google.token-url", tokenUrl());
        settings.put("google.api-url", url());
        return settings;
    }

    /** Assertions are verified with this key from now on (another service account's, say). */
    public void trust(PublicKey key) {
        publicKey = key;
    }

    /** Assertions must name this audience from now on (the token URL of another endpoint, say). */
    public void expectAudience(String aud) {
        audience = aud;
    }

    public void user(String id, String primaryEmail, String... aliases) {
        users.put(id, new User(id, primaryEmail, List.of(aliases), false, false, false, true, "/"));
    }

    public void update(String id, java.util.function.UnaryOperator<User> change) {
        users.put(id, change.apply(users.get(id)));
    }

    public void group(String id, String email, String name, Member... members) {
        groups.put(id, new Group(id, email, name, new ArrayList<>(List.of(members))));
    }

    public static Member activeUser(String id, String email) {
        return new Member("USER", id, email, "ACTIVE");
    }

    public static Member member(String type, String id, String email, String status) {
        return new Member(type, id, email, status);
    }

    /** The next {@code times} API requests whose path starts with {@code pathPrefix} answer {@code status}. */
    public void failNext(String pathPrefix, int times, int status, String retryAfter, String reason) {
        faults.add(r -> r.path().startsWith(pathPrefix), times, () -> scripted(status, reason).with("Retry-After",
                retryAfter));
    }

    /** Every request for page {@code page} (1-based) of {@code path} answers {@code status}, until {@link #clearFaults}. */
    public void failPage(String path, int page, int status) {
        faults.add(r -> r.path().equals(path) && offset(r.query()) == (page - 1) * Math.min(pageSize(r.query()), pageSize),
                -1, () -> scripted(status, "backendError"));
    }

    private static Answer scripted(int status, String reason) {
        String message = status == 403 || status == 429 ? "Quota exceeded for quota metric 'Queries' and limit"
                + " 'Queries per minute per user'." : "Backend Error";
        return new Answer(status, error(status, message, reason));
    }

    /** Every token issued before the {@code count}-th API request stops working at that request. */
    public void expireTokensAt(int count) {
        expireAt = count;
    }

    public List<Request> apiRequests() {
        return requests().stream().filter(r -> r.path().startsWith("/admin/directory/v1/")).toList();
    }

    public List<Request> tokenRequests() {
        return requests().stream().filter(r -> r.path().equals("/token")).toList();
    }


    // ------------------------------------------------------------------ the HTTP side

    @Override
    protected Answer broken(RuntimeException failure) {
        return new Answer(500, error(500, String.valueOf(failure), "backendError"));
    }

    @Override
    protected Answer answer(HttpExchange exchange, Request request) throws IOException {
        if (request.path().equals("/token")) {
            if (!request.method().equals("POST")) {
                return new Answer(405, "{\"error\":\"invalid_request\"}");
            }
            return token(query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        }
        if (!request.path().startsWith("/admin/directory/v1/")) {
            return new Answer(404, error(404, "Not Found", "notFound"));
        }
        if (apiRequests().size() + 1 == expireAt) {
            tokens.clear();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.contains(authorization.substring(7))) {
            return new Answer(401, error(401, "Request had invalid authentication credentials. Expected OAuth 2 access"
                    + " token, login cookie or other valid authentication credential.", "authError"));
        }
        Optional<Answer> scripted = faults.take(request);
        if (scripted.isPresent()) {
            return scripted.get();
        }
        if (!request.method().equals("GET")) {
            return new Answer(405, error(405, "Method not allowed", "badRequest"));
        }
        return list(request);
    }

    // ------------------------------------------------------------------ the token endpoint

    private Answer token(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return tokenError("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String[] parts = form.getOrDefault("assertion", "").split("\\.", -1);
        if (parts.length != 3) {
            return tokenError("invalid_request", "Invalid JWT: not three parts");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return tokenError("invalid_request", "Invalid JWT: unreadable");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return tokenError("invalid_grant", "Invalid JWT: alg must be RS256");
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(publicKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return tokenError("invalid_grant", "Invalid JWT Signature.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return tokenError("invalid_grant", "Invalid JWT Signature.");
        }
        if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
            return tokenError("invalid_grant", "Invalid JWT: iss " + claims.path("iss").asText() + " is unknown.");
        }
        if (!(audience == null ? tokenUrl() : audience).equals(claims.path("aud").asText())) {
            return tokenError("invalid_grant", "Invalid JWT: Failed audience check.");
        }
        if (!ADMIN.equals(claims.path("sub").asText())) {
            return tokenError("invalid_grant", "Invalid email or User ID");
        }
        Set<String> scopes = Set.of(claims.path("scope").asText("").split(" "));
        if (!READ_ONLY_SCOPES.containsAll(scopes) || !scopes.containsAll(READ_ONLY_SCOPES)) {
            return tokenError("unauthorized_client", "Client is unauthorized to retrieve access tokens using this"
                    + " method, or client not authorized for any of the scopes requested.");
        }
        long now = Instant.now().getEpochSecond();
        long iat = claims.path("iat").asLong(-1);
        long exp = claims.path("exp").asLong(-1);
        if (iat > now + 60 || exp <= now || exp - iat > 3600) {
            return tokenError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a"
                    + " reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        String token = "ya29." + UUID.randomUUID();
        tokens.add(token);
        ObjectNode json = JSON.createObjectNode().put("access_token", token).put("expires_in", TOKEN_LIFETIME)
                .put("token_type", "Bearer");
        return new Answer(200, json.toString());
    }

    private Answer tokenError(String error, String description) {
        refusals.add(description);
        int status = error.equals("unauthorized_client") ? 401 : 400;
        return new Answer(status, JSON.createObjectNode().put("error", error).put("error_description", description)
                .toString());
    }

    // ------------------------------------------------------------------ the Directory API

    private Answer list(Request request) {
        String[] parts = request.path().substring("/admin/directory/v1/".length()).split("/");
        Map<String, String> query = request.query();
        String kind;
        int max;
        List<ObjectNode> items;
        if (parts.length == 1 && (parts[0].equals("users") || parts[0].equals("groups"))) {
            if (query.get("domain") == null && query.get("customer") == null) {
                return new Answer(400, error(400, "Bad Request", "badRequest"));
            }
            if (query.containsKey("customer") && !query.get("customer").equals(CUSTOMER)
                    && !query.get("customer").equals("my_customer")) {
                return new Answer(404, error(404, "Resource Not Found: customer", "notFound"));
            }
            if (query.containsKey("domain") && !query.get("domain").equals(DOMAIN)) {
                return new Answer(403, error(403, "Not Authorized to access this resource/api", "forbidden"));
            }
            max = parts[0].equals("users") ? 500 : 200;
            kind = parts[0];
            Predicate<ObjectNode> matches;
            try {
                matches = parts[0].equals("users") ? userQuery(query.get("query")) : groupQuery(query.get("query"));
            } catch (IllegalArgumentException e) {
                return new Answer(400, error(400, "Invalid Input: " + query.get("query"), "invalid"));
            }
            items = parts[0].equals("users")
                    ? snapshot(users.values()).stream()
                            .filter(u -> u.deleted() == "true".equals(query.get("showDeleted")))
                            .map(GoogleFake::userJson).filter(matches).toList()
                    : snapshot(groups.values()).stream().map(GoogleFake::groupJson).filter(matches).toList();
        } else if (parts.length == 3 && parts[0].equals("groups") && parts[2].equals("members")) {
            String key = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            Group group = snapshot(groups.values()).stream()
                    .filter(g -> g.id().equals(key) || g.email().equalsIgnoreCase(key)).findFirst().orElse(null);
            if (group == null) {
                return new Answer(404, error(404, "Resource Not Found: groupKey", "notFound"));
            }
            max = 200;
            kind = "members";
            items = group.members().stream().map(this::memberJson).toList();
        } else {
            return new Answer(404, error(404, "Not Found", "notFound"));
        }
        int asked = pageSize(query);
        if (asked < 1 || asked > max) {
            return new Answer(400, error(400, "Invalid Input: maxResults", "invalid"));
        }
        int offset = offset(query);
        if (offset < 0) {
            return new Answer(400, error(400, "Invalid Input: pageToken", "invalid"));
        }
        int size = Math.min(asked, pageSize);
        ObjectNode page = JSON.createObjectNode().put("kind", "admin#directory#" + kind).put("etag", "\"fake\"");
        List<ObjectNode> slice = items.subList(Math.min(offset, items.size()), Math.min(offset + size, items.size()));
        if (!slice.isEmpty()) {
            ArrayNode array = page.putArray(kind);
            slice.forEach(array::add);
        }
        if (offset + size < items.size()) {
            page.put("nextPageToken", Base64.getUrlEncoder().encodeToString(("offset:" + (offset + size))
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return new Answer(200, page.toString());
    }

    private int pageSize(Map<String, String> query) {
        String value = query.get("maxResults");
        return value == null || value.isEmpty() ? 100 : Integer.parseInt(value);
    }

    private static int offset(Map<String, String> query) {
        String token = query.get("pageToken");
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith("offset:") ? Integer.parseInt(text.substring(7)) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Google's user search, as far as the tests use it: {@code orgUnitPath='/X'} and {@code isSuspended=false}. */
    private static Predicate<ObjectNode> userQuery(String query) {
        if (query == null || query.isEmpty()) {
            return u -> true;
        }
        if (query.matches("orgUnitPath='[^']*'")) {
            String path = query.substring("orgUnitPath='".length(), query.length() - 1);
            return u -> u.path("orgUnitPath").asText().equals(path);
        }
        if (query.equals("isSuspended=false")) {
            return u -> !u.path("suspended").asBoolean();
        }
        throw new IllegalArgumentException(query);
    }

    /** Google's group search, as far as the tests use it: {@code name:Prefix*}. */
    private static Predicate<ObjectNode> groupQuery(String query) {
        if (query == null || query.isEmpty()) {
            return g -> true;
        }
        if (query.matches("name:[^*]+\\*")) {
            String prefix = query.substring(5, query.length() - 1).toLowerCase(Locale.ROOT);
            return g -> g.path("name").asText().toLowerCase(Locale.ROOT).startsWith(prefix);
        }
        throw new IllegalArgumentException(query);
    }

    private static <T> List<T> snapshot(java.util.Collection<T> values) {
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    private static ObjectNode userJson(User user) {
        ObjectNode json = JSON.createObjectNode().put("kind", "admin#directory#user").put("id", user.id())
                .put("etag", "\"e\"").put("primaryEmail", user.primaryEmail());
        json.putObject("name").put("fullName", "User " + user.id());
        json.put("isAdmin", false).put("suspended", user.suspended()).put("archived", user.archived())
                .put("orgUnitPath", user.orgUnitPath()).put("customerId", CUSTOMER);
        if (user.emails()) {
            ArrayNode emails = json.putArray("emails");
            emails.addObject().put("address", user.primaryEmail()).put("primary", true);
            user.aliases().forEach(alias -> emails.addObject().put("address", alias));
        }
        if (!user.aliases().isEmpty()) {
            ArrayNode aliases = json.putArray("aliases");
            user.aliases().forEach(aliases::add);
        }
        return json;
    }

    private static ObjectNode groupJson(Group group) {
        return JSON.createObjectNode().put("kind", "admin#directory#group").put("id", group.id())
                .put("email", group.email()).put("name", group.name())
                .put("directMembersCount", String.valueOf(group.members().size()));
    }

    /**
     * A member as listed. A suspended user's membership is listed SUSPENDED, as bwdc-providers.md §3.4 has it; that an
     * archived user's is listed ARCHIVED is this fake's assumption (not verified against Google).
     */
    private ObjectNode memberJson(Member member) {
        User user = member.type().equals("USER") ? users.get(member.id()) : null;
        String status = user != null && user.suspended() ? "SUSPENDED" : user != null && user.archived() ? "ARCHIVED"
                : member.status();
        ObjectNode json = JSON.createObjectNode().put("kind", "admin#directory#member").put("id", member.id())
                .put("role", "MEMBER").put("type", member.type()).put("status", status);
        if (member.email() != null) {
            json.put("email", member.email());
        }
        return json;
    }

    private static String error(int code, String message, String reason) {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode error = json.putObject("error").put("code", code).put("message", message);
        error.putArray("errors").addObject().put("message", message)
                .put("domain", reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded")
                        ? "usageLimits" : "global").put("reason", reason);
        return json.toString();
    }
}
