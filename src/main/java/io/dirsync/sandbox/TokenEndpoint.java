package io.dirsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /identity/connect/token} with the organization API key: Duende IdentityServer's rules on the official
 * server, Vaultwarden's {@code login} on Vaultwarden.
 */
final class TokenEndpoint {

    static final String SCOPE = "api.organization";
    private static final String CLIENT_PREFIX = "organization.";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerMode mode;
    private final String orgId;
    private final String clientSecret;
    private final Tokens tokens;
    private final Duration lifetime;

    TokenEndpoint(ServerMode mode, String orgId, String clientSecret, Tokens tokens, Duration lifetime) {
        this.mode = mode;
        this.orgId = orgId;
        this.clientSecret = clientSecret;
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    /**
     * The 200 body for a token request, or throws the error the server answers.
     *
     * @param form          the decoded form, names as sent
     * @param authorization the Authorization header, or null
     * @param contentType   the Content-Type header, or null
     */
    String token(Map<String, String> form, String authorization, String contentType) {
        if (mode == ServerMode.VAULTWARDEN) {
            checkVaultwarden(form);
        } else {
            checkOfficial(form, authorization, contentType);
        }
        return JSON.createObjectNode()
                .put("access_token", tokens.issue(lifetime))
                .put("expires_in", lifetime.toSeconds())
                .put("token_type", "Bearer")
                .put("scope", SCOPE)
                .toString();
    }

    /** Duende: the client is authenticated first, then the grant type, then the scope. */
    private void checkOfficial(Map<String, String> form, String authorization, String contentType) {
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw ErrorBodies.oauth("invalid_request");
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = decodeBasic(authorization.substring(6).trim());
            if (basic == null) {
                throw ErrorBodies.oauth("invalid_client");
            }
            clientId = basic[0];
            secret = basic[1];
        }
        if (clientId == null || !isOurOrganization(clientId) || secret == null || !sameSecret(secret)) {
            throw ErrorBodies.oauth("invalid_client");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw ErrorBodies.oauth("unsupported_grant_type");
        }
        String scope = form.get("scope");
        // Without a scope Duende grants the client's allowed scopes, which for an organization is api.organization.
        if (scope != null && !scope.isBlank()) {
            for (String requested : scope.trim().split(" +")) {
                if (!SCOPE.equals(requested)) {
                    throw ErrorBodies.oauth("invalid_scope");
                }
            }
        }
    }

    /** Duende's client store splits at the first '.', then parses the org id as a GUID. */
    private boolean isOurOrganization(String clientId) {
        if (!clientId.startsWith(CLIENT_PREFIX)) {
            return false;
        }
        String id = clientId.substring(CLIENT_PREFIX.length());
        return GUID.matcher(id).matches() && id.equalsIgnoreCase(orgId);
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {
                    URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean sameSecret(String secret) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** Vaultwarden's {@code login}: form names uncased, with aliases without underscores; messages as it sends them. */
    private void checkVaultwarden(Map<String, String> sent) {
        Map<String, String> form = new HashMap<>();
        sent.forEach((name, value) -> form.putIfAbsent(name.toLowerCase(Locale.ROOT).replace("_", ""), value));
        String grantType = form.get("granttype");
        if (grantType == null) {
            throw ErrorBodies.rocket(422); // a required form field is missing
        }
        if (!"client_credentials".equals(grantType)) {
            throw ErrorBodies.vaultwarden("Invalid type");
        }
        for (String field : new String[] {"client_id", "client_secret", "scope", "device_identifier", "device_name",
                "device_type"}) {
            if (!form.containsKey(field.replace("_", ""))) {
                throw ErrorBodies.vaultwarden(field + " cannot be blank");
            }
        }
        String clientId = form.get("clientid");
        String scope = form.get("scope");
        if ("api".equals(scope)) {
            // the user API key login: the sandbox knows no users
            throw ErrorBodies.vaultwarden(clientId.startsWith("user.") ? "Invalid client_id" : "Malformed client_id");
        }
        if (!SCOPE.equals(scope)) {
            throw ErrorBodies.vaultwarden("Scope not supported");
        }
        if (!clientId.startsWith(CLIENT_PREFIX)) {
            throw ErrorBodies.vaultwarden("Malformed client_id");
        }
        if (!clientId.substring(CLIENT_PREFIX.length()).equals(orgId)) {
            throw ErrorBodies.vaultwarden("Invalid client_id");
        }
        if (!sameSecret(form.get("clientsecret"))) {
            throw ErrorBodies.vaultwarden("Incorrect client_secret");
        }
    }
}
