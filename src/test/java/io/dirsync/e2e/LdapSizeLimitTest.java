package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.testing.Slapd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real slapd whose size limit for dirsync's bind account is lower than the directory: the read fails, and the
 * line says it is that account's limit on the server, which a smaller page size does not lift.
 */
class LdapSizeLimitTest {

    private static final String SUFFIX = "dc=limited,dc=example";
    private static final String READER = "cn=reader," + SUFFIX;

    @TempDir
    Path temp;

    @BeforeEach
    void needsSlapd() {
        Slapd.assumeAvailable();
    }

    @Test
    void theBindAccountsSizeLimitIsNamedAndAPageSizeBelowItDoesNotHelp() throws Exception {
        StringBuilder ldif = new StringBuilder("dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\n"
                + "o: limited\ndc: limited\n\ndn: " + READER + "\nobjectClass: simpleSecurityObject\n"
                + "objectClass: organizationalRole\ncn: reader\nuserPassword: R3ader\n\n"
                + "dn: ou=people," + SUFFIX + "\nobjectClass: organizationalUnit\nou: people\n\n");
        for (int i = 0; i < 5; i++) {
            ldif.append("dn: uid=p").append(i).append(",ou=people,").append(SUFFIX).append("\nobjectClass: inetOrgPerson\n")
                    .append("uid: p").append(i).append("\ncn: p").append(i).append("\nsn: p").append(i)
                    .append("\nmail: p").append(i).append("@limited.example\n\n");
        }
        Path file = Files.writeString(temp.resolve("limited.ldif"), ldif);
        try (Slapd slapd = Slapd.start(SUFFIX, file, List.of("limits dn.exact=\"" + READER + "\" size=3"))) {
            E2e.Instance instance = new E2e.Instance(Files.createDirectories(temp.resolve("instance")))
                    .set("ldap.url", slapd.ldapUrl()).set("ldap.bind-dn", READER).set("ldap.password", "R3ader")
                    .set("ldap.root-path", SUFFIX).set("sync.user-path", "ou=people").set("sync.groups", "false")
                    .set("ldap.page-size", "2");

            String error = oneLineError(instance.run("test"), 1);

            assertThat(error).contains("size limit for the bind account (ldap.bind-dn)")
                    .contains("a smaller ldap.page-size does not lift it").doesNotContain("R3ader");
        }
    }
}
