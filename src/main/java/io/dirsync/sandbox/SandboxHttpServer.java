package io.dirsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dirsync.sandbox.ReceivedRequest.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox on 127.0.0.1: routing and authentication, with the {@link SandboxHook} called for
 * every request. Both the self-hosted paths ({@code /identity/…}, {@code /api/public/…}) and the cloud paths
 * ({@code /connect/token}, {@code /public/…}) are served on the one port.
 */
final class SandboxHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);
    private static final Pattern MEMBER = Pattern.compile("/public/members/([^/]+)(/group-ids)?");
    private static final Pattern GROUP = Pattern.compile("/public/groups/([^/]+)(/member-ids)?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter JWT_EXPIRY = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Organization org;
    private final ServerSettings settings;
    private final Tokens tokens;
    private final TokenEndpoint tokenEndpoint;
    private final SandboxHook hook;
    private HttpServer server;
    private ExecutorService executor;

    SandboxHttpServer(Organization org, ServerSettings settings, Tokens tokens, TokenEndpoint tokenEndpoint,
                      SandboxHook hook) {
        this.org = org;
        this.settings = settings;
        this.tokens = tokens;
        this.tokenEndpoint = tokenEndpoint;
        this.hook = hook;
    }

    /** Listens on 127.0.0.1:{@code port}, a free port for 0. */
    void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        // A thread per request, so a hook that holds a request up holds up only that one.
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

    /** The {@code WWW-Authenticate} challenge of the official server for a token that expired at {@code expiry}. */
    static String expiredTokenChallenge(Instant expiry) {
        return "Bearer error=\"invalid_token\", error_description=\"The token expired at '"
                + JWT_EXPIRY.format(expiry) + "'\"";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            URI uri = exchange.getRequestURI();
            ReceivedRequest request = new ReceivedRequest(Endpoint.of(uri.getPath()), exchange.getRequestMethod(),
                    uri.toString(), headers(exchange),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), receivedAt);
            Answer answer = hook.before(request).orElseGet(() -> handled(request, uri));
            hook.answered(request, answer);
            send(exchange, answer);
        }
    }

    private Answer handled(ReceivedRequest request, URI uri) {
        try {
            return switch (request.endpoint()) {
                case TOKEN -> requirePost(request).orElseGet(() -> token(request));
                case IMPORT -> requirePost(request).orElseGet(() -> importRequest(request, uri));
                case READ_BACK -> settings.mode() == ServerMode.OFFICIAL ? readBack(request, uri) : notFound();
                case UNKNOWN -> notFound();
            };
        } catch (RuntimeException e) {
            LOG.error("Bitwarden sandbox failed on {} {}", request.method(), request.path(), e);
            return Answer.of(ErrorBodies.unhandled(settings.mode()));
        }
    }

    // --- token ---

    private Answer token(ReceivedRequest request) {
        Answer answer;
        try {
            answer = Answer.json(200, tokenEndpoint.token(decodeForm(request.body()), request.header("Authorization"),
                    request.header("Content-Type")));
        } catch (RejectedRequest rejected) {
            answer = Answer.of(rejected);
        }
        if (settings.mode() == ServerMode.OFFICIAL) {
            answer = new Answer(answer.status(), answer.contentType(), answer.body(),
                    Map.of("Cache-Control", "no-store, no-cache, max-age=0", "Pragma", "no-cache"));
        }
        return answer;
    }

    /** A form body or query string, names as sent; of a name sent twice, the first value. */
    static Map<String, String> decodeForm(String body) {
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

    private Answer importRequest(ReceivedRequest request, URI uri) {
        Optional<Answer> unauthorized = authenticate(request, uri);
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        ImportOutcome outcome;
        try {
            synchronized (org) {
                Organization.Census before = org.census();
                if (settings.mode() == ServerMode.VAULTWARDEN) {
                    VaultwardenImport.apply(org, settings, VaultwardenRequestReader.read(request.body()));
                } else {
                    requireJson(request);
                    OfficialImport.apply(org, settings, OfficialRequestReader.read(request.body()));
                }
                outcome = ImportOutcome.between(before, org.census());
            }
        } catch (RejectedRequest rejected) {
            return Answer.of(rejected);
        }
        hook.imported(outcome);
        return Answer.empty(200);
    }

    /** MVC's input formatters read only JSON; anything else is a 415 before model binding. */
    private static void requireJson(ReceivedRequest request) {
        String contentType = request.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("text/json")
                && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new RejectedRequest(415, "");
        }
    }

    // --- read-back (official only) ---

    private Answer readBack(ReceivedRequest request, URI uri) {
        if (!request.method().equals("GET")) {
            return Answer.empty(405);
        }
        Optional<Answer> unauthorized = authenticate(request, uri);
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        String path = uri.getPath().startsWith("/api/") ? uri.getPath().substring("/api".length()) : uri.getPath();
        synchronized (org) {
            if (path.equals("/public/members")) {
                return Answer.json(200, ReadBackJson.list(org.members().stream().map(ReadBackJson::member).toList()));
            }
            if (path.equals("/public/groups")) {
                return Answer.json(200, ReadBackJson.list(org.groups().stream().map(ReadBackJson::group).toList()));
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

    private Answer memberReadBack(String id, boolean groupIds) {
        if (!GUID.matcher(id).matches()) {
            return invalidId(id);
        }
        Optional<Member> member = org.members().stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
        if (member.isEmpty()) {
            return Answer.empty(404);
        }
        if (!groupIds) {
            return Answer.json(200, ReadBackJson.member(member.get()).toString());
        }
        List<String> ids = org.groups().stream().filter(g -> g.memberIds().contains(member.get().id()))
                .map(Group::id).toList();
        return Answer.json(200, ReadBackJson.array(ids));
    }

    private Answer groupReadBack(String id, boolean memberIds) {
        if (!GUID.matcher(id).matches()) {
            return invalidId(id);
        }
        Optional<Group> group = org.groups().stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst();
        if (group.isEmpty()) {
            return Answer.empty(404);
        }
        return Answer.json(200, memberIds
                ? ReadBackJson.array(group.get().memberIds())
                : ReadBackJson.group(group.get()).toString());
    }

    /** A route id that does not bind to a Guid fails model validation. */
    private static Answer invalidId(String id) {
        return Answer.of(ErrorBodies.officialModelState(Map.of("id", List.of("The value '" + id + "' is not valid."))));
    }

    // --- shared ---

    /** Empty when the bearer token is valid; otherwise the 401 the server answers. */
    private Optional<Answer> authenticate(ReceivedRequest request, URI uri) {
        String token = bearerToken(request, uri);
        Tokens.Check check = tokens.check(token);
        if (check == Tokens.Check.VALID) {
            return Optional.empty();
        }
        String challenge = switch (check) {
            case MISSING -> "Bearer";
            case EXPIRED -> expiredTokenChallenge(tokens.expiry(token));
            default -> "Bearer error=\"invalid_token\"";
        };
        return Optional.of(Answer.unauthorized(settings.mode(), challenge));
    }

    private String bearerToken(ReceivedRequest request, URI uri) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (settings.mode() == ServerMode.OFFICIAL) {
            // the official server also takes the token from the query string
            return decodeForm(uri.getRawQuery() == null ? "" : uri.getRawQuery()).get("access_token");
        }
        return null;
    }

    private Optional<Answer> requirePost(ReceivedRequest request) {
        if (request.method().equals("POST")) {
            return Optional.empty();
        }
        // Rocket has no 405: a route that does not match the method is not found.
        return Optional.of(settings.mode() == ServerMode.VAULTWARDEN ? notFound() : Answer.empty(405));
    }

    private Answer notFound() {
        return settings.mode() == ServerMode.VAULTWARDEN ? Answer.of(ErrorBodies.rocket(404)) : Answer.empty(404);
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
