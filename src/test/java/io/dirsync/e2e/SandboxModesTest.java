package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.activeEmails;
import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPException;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.ServerMode;
import io.dirsync.sandbox.TestSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same directory, the same syncs, into an official server and into Vaultwarden (groups enabled): the two
 * organizations end with the same active members and the same group memberships, although Vaultwarden matches by
 * email and revokes where the official server matches by externalId and removes.
 * Nothing dirsync sends may depend on one server's leniency.
 */
class SandboxModesTest {

    private static final String BASE = "dc=modes,dc=example";

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox official;
    private TestSandbox vaultwarden;

    @BeforeEach
    void start() throws LDAPException {
        directory = new MemoryDirectory(BASE, true);
        official = TestSandbox.builder().mode(ServerMode.OFFICIAL).start();
        vaultwarden = TestSandbox.builder().mode(ServerMode.VAULTWARDEN).orgGroupsEnabled(true).start();
    }

    @AfterEach
    void stop() {
        official.close();
        vaultwarden.close();
        directory.close();
    }

    private E2e.Instance instance(String name, Company company, TestSandbox sandbox) throws Exception {
        return new E2e.Instance(Files.createDirectories(temp.resolve(name)))
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox));
    }

    @Test
    void officialAndVaultwardenEndWithTheSameMembersAndGroups() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        E2e.Instance toOfficial = instance("official", company, official);
        E2e.Instance toVaultwarden = instance("vaultwarden", company, vaultwarden).set("bitwarden.server", "vaultwarden");

        String officialFirst = toOfficial.sync();
        String vaultwardenFirst = toVaultwarden.sync();

        // the official server lists its members, so a first sync knows nobody was there; Vaultwarden cannot say
        assertThat(officialFirst).startsWith("Synced: 5 invited, 0 removed");
        assertThat(vaultwardenFirst).isEqualTo(officialFirst.replace("5 invited", "5 invited or linked"));
        assertSameOrganization(company.usersBefore().values());
        assertThat(groupMembers(official)).isEqualTo(company.groupsBefore());

        company.applyChanges(directory.server());
        String officialSecond = toOfficial.sync();
        String vaultwardenSecond = toVaultwarden.sync();

        assertThat(vaultwardenSecond).isEqualTo(officialSecond).startsWith("Synced: 1 invited, 1 removed");
        assertSameOrganization(company.usersAfter().values());
        assertThat(groupMembers(official)).isEqualTo(company.groupsAfter());
        // how each server got there: the official one removed dan, Vaultwarden revoked him
        assertThat(official.member("dan@e2e.example")).isEmpty();
        assertThat(vaultwarden.member("dan@e2e.example")).hasValueSatisfying(dan ->
                assertThat(dan.status()).isEqualTo(MemberStatus.REVOKED));

        // dan is hired back: the official server invites him anew, Vaultwarden restores the revoked membership
        company.hire(directory.server(), "dan");
        String officialThird = toOfficial.sync();
        String vaultwardenThird = toVaultwarden.sync();

        assertThat(vaultwardenThird).isEqualTo(officialThird).startsWith("Synced: 1 invited, 0 removed");
        Set<String> back = new TreeSet<>(company.usersAfter().values());
        back.add("dan@e2e.example");
        assertSameOrganization(back);
        assertThat(official.member("dan@e2e.example")).map(Member::status).contains(MemberStatus.INVITED);
        assertThat(vaultwarden.member("dan@e2e.example")).map(Member::status).contains(MemberStatus.INVITED);
        E2e.nobodyTwice(official);
        E2e.nobodyTwice(vaultwarden);
    }

    private void assertSameOrganization(Collection<String> directoryEmails) {
        Set<String> expected = new TreeSet<>(directoryEmails);
        expected.add("owner@example.com");
        assertThat(activeEmails(official)).isEqualTo(expected);
        assertThat(activeEmails(vaultwarden)).isEqualTo(expected);
        assertThat(E2e.linkedMembers(vaultwarden)).isEqualTo(E2e.linkedMembers(official));
        assertThat(groupMembers(vaultwarden)).isEqualTo(groupMembers(official));
        assertThat(groupNames(vaultwarden)).isEqualTo(groupNames(official));
    }
}
