package io.dirsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dirsync.sandbox.Faults.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox on 127.0.0.1: routing, authentication, fault injection, recording. Both the
 * self-hosted paths ({@code /identity/…}, {@code /api/public/…}) and the cloud paths ({@code /connect/token},
 * {@code /public/…}) are served on the one port.
 */
final class SandboxHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);
    private static final Pattern MEMBER = Pattern.compile("/public/members/([^/]+)(/group-ids)?");
    private static final Pattern GROUP = Pattern.compile("/public/groups/([^/]+)(/member-ids)?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter JWT_EXPIRY = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String QUOTA_EXCEEDED = "API calls quota exceeded! maximum admitted 5 per 1s.";

    /** An answer not yet sent. */
    private record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response json(int status, String body) {
            return new Response(status, "application/json; charset=utf-8", body, Map.of());
        }

        static Response empty(int status) {
            return new Response(status, null, "", Map.of());
        }

        static Response of(RejectedRequest rejected) {
            return rejected.body().isEmpty() ? empty(rejected.status()) : json(rejected.status(), rejected.body());
        }
    }

    private static final String WEB_VAULT_PAGE = "<!doctype html><html><head><title>Bitwarden Web vault</title></head>"
            + "<body><app-root></app-root></body></html>";

    private final Organization org;
    private final ServerSettings settings;
    private final Tokens tokens;
    private final TokenEndpoint tokenEndpoint;
    private final Faults faults;
    private final List<RecordedRequest> imports = new CopyOnWriteArrayList<>();
    private final List<RecordedTokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    SandboxHttpServer(Organization org, ServerSettings settings, Tokens tokens, TokenEndpoint tokenEndpoint, Faults faults) {
        this.org = org;
        this.settings = settings;
        this.tokens = tokens;
        this.tokenEndpoint = tokenEndpoint;
        this.faults = faults;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // A thread per request, so an injected delay holds up only its own request.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bitwarden-sandbox");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<RecordedRequest> imports() {
        return List.copyOf(imports);
    }

    List<RecordedTokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pause(faults.delay());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Response response;
            try {
                response = route(exchange, method, path, body, receivedAt);
            } catch (RuntimeException e) {
                LOG.error("Bitwarden sandbox failed on {} {}", method, path, e);
                response = settings.mode() == ServerMode.VAULTWARDEN
                        ? Response.of(ErrorBodies.rocket(500)) : Response.of(ErrorBodies.officialUnhandled());
            }
            send(exchange, response);
        }
    }

    private Response route(HttpExchange exchange, String method, String path, String body, Instant receivedAt) {
        if (path.equals("/identity/connect/token") || path.equals("/connect/token")) {
            return requirePost(method).orElseGet(() -> token(exchange, body, receivedAt));
        }
        String apiPath = path.startsWith("/api/public/") ? path.substring("/api".length()) : path;
        if (apiPath.equals("/public/organization/import")) {
            Response response = requirePost(method).orElseGet(() -> importRequest(exchange, body));
            imports.add(new RecordedRequest(method, exchange.getRequestURI().toString(), headers(exchange), body,
                    receivedAt, response.status(), response.body()));
            return response;
        }
        if (settings.mode() == ServerMode.OFFICIAL
                && (apiPath.startsWith("/public/members") || apiPath.startsWith("/public/groups"))) {
            return readBack(exchange, method, apiPath);
        }
        return notFound();
    }

    // --- token ---

    private Response token(HttpExchange exchange, String body, Instant receivedAt) {
        Map<String, String> form = decodeForm(body);
        Response response;
        try {
            response = Response.json(200, tokenEndpoint.token(form,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
        } catch (RejectedRequest rejected) {
            response = Response.of(rejected);
        }
        if (settings.mode() == ServerMode.OFFICIAL) {
            response = new Response(response.status(), response.contentType(), response.body(),
                    Map.of("Cache-Control", "no-store, no-cache, max-age=0", "Pragma", "no-cache"));
        }
        tokenRequests.add(new RecordedTokenRequest(form, headers(exchange), receivedAt, response.status(),
                response.body()));
        return response;
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is dropped
            }
        }
        return form;
    }

    // --- import ---

    private Response importRequest(HttpExchange exchange, String body) {
        Optional<Fault> fault = faults.nextImportFault();
        if (fault.isPresent()) {
            return injected(fault.get());
        }
        Optional<Response> unauthorized = authenticate(exchange);
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        try {
            synchronized (org) {
                if (settings.mode() == ServerMode.VAULTWARDEN) {
                    VaultwardenImport.apply(org, settings, VaultwardenRequestReader.read(body));
                } else {
                    requireJson(exchange);
                    OfficialImport.apply(org, settings, OfficialRequestReader.read(body));
                }
            }
        } catch (RejectedRequest rejected) {
            return Response.of(rejected);
        }
        faults.importSucceeded();
        return Response.empty(200);
    }

    /** MVC's input formatters read only JSON; anything else is a 415 before model binding. */
    private static void requireJson(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("text/json")
                && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new RejectedRequest(415, "");
        }
    }

    private Response injected(Fault fault) {
        Map<String, String> headers = fault.retryAfterSeconds() == null
                ? Map.of() : Map.of("Retry-After", fault.retryAfterSeconds());
        if (fault.status() == 401) {
            return unauthorized("Bearer error=\"invalid_token\"");
        }
        if (fault.status() == Faults.WEB_PAGE) {
            return new Response(200, "text/html; charset=utf-8", WEB_VAULT_PAGE, Map.of());
        }
        if (fault.status() == 429) {
            return new Response(429, "text/plain", QUOTA_EXCEEDED, headers);
        }
        if (fault.status() == 500) {
            RejectedRequest error = settings.mode() == ServerMode.VAULTWARDEN
                    ? ErrorBodies.rocket(500) : ErrorBodies.officialUnhandled();
            return new Response(500, "application/json; charset=utf-8", error.body(), headers);
        }
        return new Response(fault.status(), null, "", headers);
    }

    // --- read-back (official only) ---

    private Response readBack(HttpExchange exchange, String method, String path) {
        if (!method.equals("GET")) {
            return Response.empty(405);
        }
        Optional<Response> unauthorized = authenticate(exchange);
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        synchronized (org) {
            if (path.equals("/public/members")) {
                return Response.json(200, ReadBackJson.list(org.members().stream().map(ReadBackJson::member).toList()));
            }
            if (path.equals("/public/groups")) {
                return Response.json(200, ReadBackJson.list(org.groups().stream().map(ReadBackJson::group).toList()));
            }
            Matcher member = MEMBER.matcher(path);
            if (member.matches()) {
                return memberReadBack(member.group(1), member.group(2) != null);
            }
            Matcher group = GROUP.matcher(path);
            if (group.matches()) {
                return groupReadBack(group.group(1), group.group(2) != null);
            }
        }
        return notFound();
    }

    private Response memberReadBack(String id, boolean groupIds) {
        if (!GUID.matcher(id).matches()) {
            return invalidId(id);
        }
        Optional<Member> member = org.members().stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
        if (member.isEmpty()) {
            return Response.empty(404);
        }
        if (!groupIds) {
            return Response.json(200, ReadBackJson.member(member.get()).toString());
        }
        List<String> ids = org.groups().stream().filter(g -> g.memberIds().contains(member.get().id()))
                .map(Group::id).toList();
        return Response.json(200, ReadBackJson.array(ids));
    }

    private Response groupReadBack(String id, boolean memberIds) {
        if (!GUID.matcher(id).matches()) {
            return invalidId(id);
        }
        Optional<Group> group = org.groups().stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst();
        if (group.isEmpty()) {
            return Response.empty(404);
        }
        return Response.json(200, memberIds
                ? ReadBackJson.array(group.get().memberIds())
                : ReadBackJson.group(group.get()).toString());
    }

    /** A route id that does not bind to a Guid fails model validation. */
    private static Response invalidId(String id) {
        return Response.of(ErrorBodies.officialModelState(Map.of("id", List.of("The value '" + id + "' is not valid."))));
    }

    // --- shared ---

    /** Empty when the bearer token is valid; otherwise the 401 the server answers. */
    private Optional<Response> authenticate(HttpExchange exchange) {
        String token = bearerToken(exchange);
        Tokens.Check check = tokens.check(token);
        if (check == Tokens.Check.VALID) {
            return Optional.empty();
        }
        String challenge = switch (check) {
            case MISSING -> "Bearer";
            case EXPIRED -> "Bearer error=\"invalid_token\", error_description=\"The token expired at '"
                    + JWT_EXPIRY.format(tokens.expiry(token)) + "'\"";
            default -> "Bearer error=\"invalid_token\"";
        };
        return Optional.of(unauthorized(challenge));
    }

    private Response unauthorized(String challenge) {
        if (settings.mode() == ServerMode.VAULTWARDEN) {
            return Response.of(ErrorBodies.rocket(401));
        }
        return new Response(401, null, "", Map.of("WWW-Authenticate", challenge));
    }

    private String bearerToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (settings.mode() == ServerMode.OFFICIAL) {
            // the official server also takes the token from the query string
            URI uri = exchange.getRequestURI();
            return decodeForm(uri.getRawQuery() == null ? "" : uri.getRawQuery()).get("access_token");
        }
        return null;
    }

    private Optional<Response> requirePost(String method) {
        if (method.equals("POST")) {
            return Optional.empty();
        }
        // Rocket has no 405: a route that does not match the method is not found.
        return Optional.of(settings.mode() == ServerMode.VAULTWARDEN ? notFound() : Response.empty(405));
    }

    private Response notFound() {
        return settings.mode() == ServerMode.VAULTWARDEN ? Response.of(ErrorBodies.rocket(404)) : Response.empty(404);
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
