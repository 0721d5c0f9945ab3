package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEM = GoogleFake.privateKeyPem(GoogleFake.KEYS);

    @TempDir
    Path dir;

    @Test
    void theAssertionCarriesTheClaimsGoogleAsksForSignedRs256() throws Exception {
        ServiceAccount account = ServiceAccount.from(Settings.of(Map.of(
                "google.client-email", "dirsync@p.iam.gserviceaccount.com", "google.private-key", PEM)));

        String jwt = account.assertion("admin@example.com", URI.create("https://oauth2.example/token"),
                Instant.ofEpochSecond(1_780_000_000));

        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(json(parts[0])).isEqualTo(JSON.readTree("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        assertThat(json(parts[1])).isEqualTo(JSON.readTree("""
                {"iss":"dirsync@p.iam.gserviceaccount.com","sub":"admin@example.com",
                 "scope":"https://www.googleapis.com/auth/admin.directory.user.readonly https://www.googleapis.com/auth/admin.directory.group.readonly https://www.googleapis.com/auth/admin.directory.group.member.readonly",
                 "aud":"https://oauth2.example/token","iat":1780000000,"exp":1780003600}
                """));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(GoogleFake.KEYS.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void aKeyFileGivesItsEmailItsKeyAndItsKeyIdAndANewlineWrittenAsBackslashNIsOne() throws Exception {
        Path file = dir.resolve("key.json");
        Files.writeString(file, JSON.createObjectNode().put("type", "service_account").put("private_key_id", "abc123")
                .put("private_key", PEM).put("client_email", "sa@p.iam.gserviceaccount.com").toString());

        ServiceAccount fromFile = ServiceAccount.from(Settings.of(Map.of("google.key-file", file.toString())));
        ServiceAccount fromEscaped = ServiceAccount.from(Settings.of(Map.of("google.client-email", "sa@p",
                "google.private-key", PEM.replace("\n", "\\n"))));

        assertThat(fromFile.clientEmail()).isEqualTo("sa@p.iam.gserviceaccount.com");
        assertThat(json(fromFile.assertion("a@b", URI.create("https://t"), Instant.EPOCH).split("\\.")[0])
                .get("kid").asText()).isEqualTo("abc123");
        assertThat(fromEscaped.key()).isEqualTo(GoogleFake.KEYS.getPrivate());
        assertThat(fromFile.toString()).isEqualTo("ServiceAccount[sa@p.iam.gserviceaccount.com]");
    }

    @Test
    void whatIsNotAServiceAccountKeyIsAConfigurationErrorThatShowsNoKey() throws Exception {
        Path other = dir.resolve("client.json");
        Files.writeString(other, "{\"installed\":{\"client_id\":\"x\"}}");
        assertThatThrownBy(() -> ServiceAccount.from(Settings.of(Map.of("google.key-file", other.toString()))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not \"service_account\"");
        assertThatThrownBy(() -> ServiceAccount.from(Settings.of(Map.of("google.client-email", "sa@p",
                "google.private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PKCS#1");
        assertThatThrownBy(() -> ServiceAccount.from(Settings.of(Map.of("google.client-email", "sa@p",
                "google.private-key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))))
                .isInstanceOf(ConfigurationException.class).hasMessage("Invalid setting google.private-key: not a"
                        + " readable RSA private key.");
        assertThatThrownBy(() -> ServiceAccount.from(Settings.of(Map.of("google.key-file", other.toString(),
                "google.client-email", "sa@p")))).hasMessageContaining("not both");
        assertThatThrownBy(() -> ServiceAccount.from(Settings.of(Map.of("google.client-email", "sa@p"))))
                .hasMessageStartingWith("Missing setting google.private-key");
    }

    private static JsonNode json(String base64url) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(base64url));
    }
}
