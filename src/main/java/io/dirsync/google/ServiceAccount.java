package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.ConfigurationException;
import io.dirsync.config.Secret;
import io.dirsync.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The service account dirsync signs in as: its client email and RSA private key, from the JSON key Google downloads
 * ({@code google.key-file}) or from {@code google.client-email} and {@code google.private-key} (PEM). It makes the
 * JWT-bearer assertion of RFC 7523 that Google's token endpoint exchanges for an access token.
 *
 * <p>Signed with the JDK's RS256 rather than Google's auth library: the assertion is a few lines, and the library
 * would bring its own HTTP transport, which would bypass the proxy, CA and time limits every other call of dirsync
 * gets from camel-http ({@link io.dirsync.http.HttpEndpoints}).
 *
 * @param keyId the key file's {@code private_key_id}, sent as {@code kid} when known
 */
public record ServiceAccount(String clientEmail, PrivateKey key, Optional<String> keyId) {

    static final String KEY_FILE = "google.key-file";
    static final String CLIENT_EMAIL = "google.client-email";
    static final String PRIVATE_KEY = "google.private-key";
    /** Read-only: users, groups, and the members of groups. */
    static final List<String> SCOPES = List.of(
            "https://www.googleapis.com/auth/admin.directory.user.readonly",
            "https://www.googleapis.com/auth/admin.directory.group.readonly",
            "https://www.googleapis.com/auth/admin.directory.group.member.readonly");
    /** The longest lifetime Google accepts for an assertion. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static ServiceAccount from(Settings settings) {
        Optional<Path> keyFile = settings.readableFile(KEY_FILE);
        boolean pem = settings.isSet(CLIENT_EMAIL) || settings.isSet(PRIVATE_KEY);
        if (keyFile.isPresent() && pem) {
            throw new ConfigurationException("Invalid setting " + KEY_FILE + ": set either " + KEY_FILE + " (the"
                    + " service account's JSON key) or " + CLIENT_EMAIL + " and " + PRIVATE_KEY + ", not both.");
        }
        if (keyFile.isPresent()) {
            return fromKeyFile(keyFile.get());
        }
        String clientEmail = settings.required(CLIENT_EMAIL, "the service account's email"
                + " (…@….iam.gserviceaccount.com), or set " + KEY_FILE + " to its JSON key instead");
        Secret privateKey = settings.secret(PRIVATE_KEY).orElseThrow(() -> new ConfigurationException(
                settings.missing(PRIVATE_KEY, "the service account's PEM private key (use {{env:NAME}} or"
                        + " {{file:PATH}} to keep it out of the file), or set " + KEY_FILE + " instead")));
        return new ServiceAccount(clientEmail, privateKey(privateKey), Optional.empty());
    }

    /** The JSON key file as Google downloads it: {@code client_email}, {@code private_key}, {@code private_key_id}. */
    static ServiceAccount fromKeyFile(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            json = null;
        }
        String invalid = "Invalid setting " + KEY_FILE + "=" + file + ": ";
        if (json == null || !json.isObject()) {
            throw new ConfigurationException(invalid + "not a JSON key (download one from the service account's"
                    + " Keys tab, type JSON).");
        }
        if (!"service_account".equals(json.path("type").asText())) {
            throw new ConfigurationException(invalid + "its type is \"" + json.path("type").asText()
                    + "\", not \"service_account\".");
        }
        String clientEmail = json.path("client_email").asText("");
        String pem = json.path("private_key").asText("");
        if (clientEmail.isBlank() || pem.isBlank()) {
            throw new ConfigurationException(invalid + "it has no client_email or no private_key.");
        }
        String keyId = json.path("private_key_id").asText("");
        return new ServiceAccount(clientEmail, privateKey(Secret.of(pem), KEY_FILE), Optional.of(keyId)
                .filter(id -> !id.isBlank()));
    }

    static PrivateKey privateKey(Secret pem) {
        return privateKey(pem, PRIVATE_KEY);
    }

    /** A PKCS#8 RSA key in PEM; the {@code \n} of a key pasted from JSON or an environment variable are newlines. */
    private static PrivateKey privateKey(Secret pem, String key) {
        String text = pem.reveal().replace("\\n", "\n").strip();
        String invalid = "Invalid setting " + key + ": ";
        if (text.startsWith("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new ConfigurationException(invalid + "a PKCS#1 key; write it as PKCS#8 (-----BEGIN PRIVATE KEY-----,"
                    + " as Google issues it), e.g. with openssl pkcs8 -topk8 -nocrypt.");
        }
        if (!text.startsWith("-----BEGIN PRIVATE KEY-----") || !text.endsWith("-----END PRIVATE KEY-----")) {
            throw new ConfigurationException(invalid + "expected a PEM private key (-----BEGIN PRIVATE KEY----- …"
                    + " -----END PRIVATE KEY-----), as in the service account's JSON key.");
        }
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException(invalid + "not a readable RSA private key.");
        }
    }

    /**
     * The signed assertion: {@code iss} this account, {@code sub} the administrator it acts as, the read-only
     * {@link #SCOPES}, {@code aud} the token endpoint it is sent to, valid for {@link #LIFETIME} from {@code now}.
     */
    String assertion(String subject, URI audience, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        keyId.ifPresent(id -> header.put("kid", id));
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", clientEmail).put("sub", subject)
                .put("scope", String.join(" ", SCOPES)).put("aud", audience.toString())
                .put("iat", issuedAt).put("exp", issuedAt + LIFETIME.toSeconds());
        String signed = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot sign RS256", e);
        }
    }

    private static String encode(ObjectNode json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + "]";
    }
}
