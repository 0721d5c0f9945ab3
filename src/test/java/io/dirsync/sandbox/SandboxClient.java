package io.dirsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to a started sandbox over real HTTP, as a client would. */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String identityUrl;
    private final String apiUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    SandboxClient(TestSandbox sandbox) {
        this(sandbox.identityUrl(), sandbox.apiUrl(), sandbox.clientId(), sandbox.clientSecret());
    }

    SandboxClient(BitwardenSandbox sandbox) {
        this(sandbox.identityUrl(), sandbox.apiUrl(), sandbox.clientId(), sandbox.clientSecret());
    }

    private SandboxClient(String identityUrl, String apiUrl, String clientId, String clientSecret) {
        this.identityUrl = identityUrl;
        this.apiUrl = apiUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** The form bwdc sends, device fields included. */
    Map<String, String> tokenForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "api.organization");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("deviceType", "8");
        form.put("deviceIdentifier", "7c4a1a0e-5a47-4f0a-9b0e-2a9d1f1f3c11");
        form.put("deviceName", "dirsync");
        return form;
    }

    HttpResponse<String> token(Map<String, String> form) {
        return token(identityUrl + "/connect/token", form);
    }

    HttpResponse<String> token(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A fresh access token, asserting the token endpoint said yes. */
    String newToken() {
        HttpResponse<String> response = token(tokenForm());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("access_token").asText();
    }

    /** Posts a raw body to the self-hosted import path with a (cached) valid token. */
    HttpResponse<String> importJson(String body) {
        if (token == null) {
            token = newToken();
        }
        return importJson(apiUrl + "/public/organization/import", body, token);
    }

    HttpResponse<String> importJson(String url, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    HttpResponse<String> importRequest(ImportRequest request) {
        return importJson(toJson(request));
    }

    HttpResponse<String> get(String url) {
        if (token == null) {
            token = newToken();
        }
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --- request builders ---

    static ImportRequest.Member active(String email, String externalId) {
        return new ImportRequest.Member(email, externalId, false);
    }

    static ImportRequest.Member deleted(String email, String externalId) {
        return new ImportRequest.Member(email, externalId, true);
    }

    static ImportRequest.Group group(String name, String externalId, String... memberExternalIds) {
        return new ImportRequest.Group(name, externalId, List.of(memberExternalIds));
    }

    /** inviteUsersAfterProvisioning true, largeImport false. */
    static ImportRequest request(List<ImportRequest.Group> groups, List<ImportRequest.Member> members,
                                 boolean overwriteExisting) {
        return new ImportRequest(groups, members, overwriteExisting, false, true);
    }

    static ImportRequest members(ImportRequest.Member... members) {
        return request(List.of(), List.of(members), false);
    }
}
