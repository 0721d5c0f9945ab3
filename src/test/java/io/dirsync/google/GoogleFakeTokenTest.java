package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's token endpoint refuses what Google refuses, so that the reader's tests prove something: assertions made
 * here by hand, each wrong in one way.
 */
class GoogleFakeTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_ONLY = "https://www.googleapis.com/auth/admin.directory.user.readonly"
            + " https://www.googleapis.com/auth/admin.directory.group.readonly"
            + " https://www.googleapis.com/auth/admin.directory.group.member.readonly";

    private final GoogleFake google = GoogleFake.start(10);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        google.close();
    }

    private HttpResponse<String> post(Consumer<ObjectNode> change, PrivateKey key) throws Exception {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", GoogleFake.CLIENT_EMAIL).put("sub", GoogleFake.ADMIN)
                .put("scope", READ_ONLY).put("aud", google.tokenUrl()).put("iat", now).put("exp", now + 3600);
        change.accept(claims);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        String form = "grant_type=" + URLEncoder.encode(GoogleToken.GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + signed + "." + base64.encodeToString(rs256.sign());
        return http.send(HttpRequest.newBuilder(URI.create(google.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Consumer<ObjectNode> change) throws Exception {
        return post(change, GoogleFake.KEYS.getPrivate());
    }

    @Test
    void aRightAssertionGetsATokenAndEachWrongOneIsRefused() throws Exception {
        assertThat(post(c -> { }).body()).contains("\"access_token\":\"ya29.");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertThat(post(c -> { }, generator.generateKeyPair().getPrivate()).statusCode()).isEqualTo(400);
        assertThat(post(c -> c.put("aud", "https://oauth2.googleapis.com/token")).statusCode()).isEqualTo(400);
        assertThat(post(c -> c.put("iss", "other@p.iam.gserviceaccount.com")).statusCode()).isEqualTo(400);
        assertThat(post(c -> c.put("sub", "someone@example.com")).statusCode()).isEqualTo(400);
        assertThat(post(c -> c.put("scope", READ_ONLY + " https://www.googleapis.com/auth/admin.directory.user"))
                .statusCode()).isEqualTo(401);
        assertThat(post(c -> c.put("exp", c.get("iat").asLong() + 3601)).statusCode()).isEqualTo(400);

        assertThat(google.refusals).containsExactly("Invalid JWT Signature.", "Invalid JWT: Failed audience check.",
                "Invalid JWT: iss other@p.iam.gserviceaccount.com is unknown.", "Invalid email or User ID",
                "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any"
                        + " of the scopes requested.",
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your"
                        + " iat and exp values in the JWT claim.");
    }
}
