package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An email that shows as another one (a right-to-left override) or hides a character (zero-width space, NUL) is
 * never invited: the person is left out and named, the rest of the directory syncs.
 */
class InvisibleEmailTest {

    private static final String BASE = "dc=invisible,dc=example";

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        directory.close();
    }

    private static String person(String uid, String email) {
        // base64 (mail::), as LDIF carries any value that is not plain text
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: " + uid
                + "\nsn: " + uid + "\nmail:: " + Base64.getEncoder().encodeToString(email.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isLeftOutAndNamedWhileTheOthersAreInvited() throws Exception {
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people",
                person("mallory", "admin\u202emoc.elpmaxe@evil.example"),
                person("zed", "z\u200bed@invisible.example"),
                person("ann", "ann@invisible.example")));
        E2e.Instance instance = new E2e.Instance(temp).with(directory.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.user-path", "ou=people").set("sync.groups", "false");

        CommandLineRun run = instance.run("sync");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).startsWith("Synced: 1 invited, 0 removed");
        assertThat(run.stderr()).contains("uid=mallory,ou=people," + BASE + ": email with an invisible or control"
                        + " character (U+202E, RIGHT-TO-LEFT OVERRIDE): \"admin\\u202Emoc.elpmaxe@evil.example\"")
                .contains("uid=zed,ou=people," + BASE + ": email with an invisible or control character (U+200B");
        assertThat(linkedMembers(sandbox)).containsOnlyKeys("uid=ann,ou=people," + BASE);
        assertThat(sandbox.members()).extracting(Member::email).noneMatch(email -> email.contains("evil"));
    }
}
