package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.Slapd;
import io.dirsync.testing.TcpRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LDAPS to a loopback address is verified like any other: the certificate must be for that address. A real slapd,
 * reached through TLS terminated in front of it with a certificate of the test's choosing.
 */
class LdapServerNameTest {

    private static final String SUFFIX = "dc=names,dc=example";

    private static Slapd slapd;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSlapd() throws Exception {
        if (Slapd.available()) {
            slapd = Slapd.start(SUFFIX, (Path) null);
        }
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.close();
        }
    }

    @BeforeEach
    void needsSlapd() {
        Slapd.assumeAvailable();
    }

    private CommandLineRun test(TcpRelay tls) {
        return new E2e.Instance(temp.resolve("instance-" + tls.port()))
                .set("ldap.url", "ldaps://127.0.0.1:" + tls.port())
                .set("ldap.ca-file", tls.caFile().toString())
                .set("ldap.bind-dn", slapd.bindDn())
                .set("ldap.password", slapd.password())
                .set("ldap.root-path", SUFFIX)
                .run("test");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedAtALoopbackAddress() throws Exception {
        try (TcpRelay otherName = TcpRelay.tls(slapd.ldapPort(), temp.resolve("other"), List.of("DNS:ldap.other.example"))) {
            Files.createDirectories(temp.resolve("instance-" + otherName.port()));

            String error = oneLineError(test(otherName), 1);

            assertThat(error).contains("certificate is not for 127.0.0.1").contains("ldap.other.example")
                    .contains("ldap.ca-file");
        }
    }

    @Test
    void aCertificateForTheAddressIsAccepted() throws Exception {
        try (TcpRelay rightName = TcpRelay.tls(slapd.ldapPort(), temp.resolve("right"), List.of("IP:127.0.0.1"))) {
            Files.createDirectories(temp.resolve("instance-" + rightName.port()));

            CommandLineRun run = test(rightName);

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(E2e.JSON.readTree(run.stdout()).get("object").asText()).isEqualTo("test");
        }
    }
}
