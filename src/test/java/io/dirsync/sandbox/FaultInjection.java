package io.dirsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.sandbox.ReceivedRequest.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failures a test asks of the sandbox: a {@link SandboxHook} that answers some requests in its stead, as a
 * misbehaving server or the network between would. Import faults take the first of: the web page, a failure of
 * {@link #failNext}, the 401 of {@link #failNextWith401()}, the failure of {@link #failAfter}.
 */
final class FaultInjection implements SandboxHook {

    static final String QUOTA_EXCEEDED = "API calls quota exceeded! maximum admitted 5 per 1s.";
    static final String WEB_VAULT_PAGE = "<!doctype html><html><head><title>Bitwarden Web vault</title></head>"
            + "<body><app-root></app-root></body></html>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerMode mode;
    /** The tokens handed out, each with when {@link #expireAllTokens()} made it expire, if it did. */
    private final Map<String, Optional<Instant>> expiryByToken = new ConcurrentHashMap<>();
    private int failCount;
    private int failStatus;
    private String failRetryAfter;
    private boolean next401;
    private Integer successesBeforeCrash;
    private int crashStatus;
    private Duration delay = Duration.ZERO;
    private boolean webPage;

    FaultInjection(ServerMode mode) {
        this.mode = mode;
    }

    synchronized void failNext(int count, int status, String retryAfterSeconds) {
        failCount = count;
        failStatus = status;
        failRetryAfter = retryAfterSeconds;
    }

    synchronized void failNextWith401() {
        next401 = true;
    }

    synchronized void failAfter(int successfulImports, int status) {
        successesBeforeCrash = successfulImports;
        crashStatus = status;
    }

    synchronized void serveWebPage() {
        webPage = true;
    }

    synchronized void delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    void expireAllTokens() {
        Instant now = Instant.now();
        expiryByToken.replaceAll((token, expiry) -> expiry.isPresent() ? expiry : Optional.of(now));
    }

    synchronized void clear() {
        failCount = 0;
        next401 = false;
        successesBeforeCrash = null;
        delay = Duration.ZERO;
        webPage = false;
    }

    @Override
    public Optional<Answer> before(ReceivedRequest request) {
        pause(currentDelay());
        if (request.endpoint() == Endpoint.IMPORT || request.endpoint() == Endpoint.READ_BACK) {
            Optional<Answer> expired = expiredToken(request);
            if (expired.isPresent()) {
                return expired;
            }
        }
        if (request.endpoint() == Endpoint.IMPORT && request.method().equals("POST")) {
            return nextImportFault();
        }
        return Optional.empty();
    }

    @Override
    public synchronized void imported(ImportOutcome outcome) {
        if (successesBeforeCrash != null && successesBeforeCrash > 0) {
            successesBeforeCrash--;
        }
    }

    @Override
    public void answered(ReceivedRequest request, Answer answer) {
        if (request.endpoint() == Endpoint.TOKEN && answer.status() == 200) {
            expiryByToken.put(accessToken(answer.body()), Optional.empty());
        }
    }

    /** The sandbox's 401 for an expired token, for one {@link #expireAllTokens()} expired. */
    private Optional<Answer> expiredToken(ReceivedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        return expiryByToken.getOrDefault(authorization.substring(7).trim(), Optional.empty())
                .map(expiry -> Answer.unauthorized(mode, SandboxHttpServer.expiredTokenChallenge(expiry)));
    }

    private synchronized Optional<Answer> nextImportFault() {
        if (webPage) {
            return Optional.of(new Answer(200, "text/html; charset=utf-8", WEB_VAULT_PAGE, Map.of()));
        }
        if (failCount > 0) {
            failCount--;
            return Optional.of(failure(failStatus, failRetryAfter));
        }
        if (next401) {
            next401 = false;
            return Optional.of(Answer.unauthorized(mode, "Bearer error=\"invalid_token\""));
        }
        if (successesBeforeCrash != null && successesBeforeCrash == 0) {
            return Optional.of(failure(crashStatus, null));
        }
        return Optional.empty();
    }

    /** A 429 carries the cloud rate limiter's text, a 500 the server's error body; other statuses no body. */
    private Answer failure(int status, String retryAfterSeconds) {
        Map<String, String> headers = retryAfterSeconds == null ? Map.of() : Map.of("Retry-After", retryAfterSeconds);
        return switch (status) {
            case 401 -> Answer.unauthorized(mode, "Bearer error=\"invalid_token\"");
            case 429 -> new Answer(429, "text/plain", QUOTA_EXCEEDED, headers);
            case 500 -> new Answer(500, Answer.JSON, ErrorBodies.unhandled(mode).body(), headers);
            default -> new Answer(status, null, "", headers);
        };
    }

    private synchronized Duration currentDelay() {
        return delay;
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

    private static String accessToken(String tokenAnswer) {
        try {
            JsonNode token = JSON.readTree(tokenAnswer);
            return token.get("access_token").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not the token endpoint's JSON: " + tokenAnswer, e);
        }
    }
}
