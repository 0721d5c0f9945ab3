package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.TestSandbox;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disabled accounts and {@code sync.remove-disabled}, end to end against an Active Directory-shaped directory
 * (UnboundID in-memory: objectGUID bytes, userAccountControl 512 = enabled, 514 = disabled, group members served in
 * ranges; bwdc's AD defaults).
 * An account disabled in AD leaves the organization only when {@code sync.remove-disabled=true}; without it the
 * member stays, as bwdc keeps them.
 */
class RemoveDisabledTest {

    private static final String BASE = "dc=ad,dc=example";
    private static final String USERS = "CN=Users," + BASE;
    private static final String STAFF = "00000000-0000-4000-8000-00000000aaaa";

    @TempDir
    Path instanceDir;

    private MemoryDirectory directory;
    private TestSandbox sandbox;

    @BeforeEach
    void start() throws LDAPException {
        directory = MemoryDirectory.activeDirectory(BASE, 3); // 4 members: two ranges, 0-2 and 3-*
        directory.server().add(new Entry(USERS, new Attribute("objectClass", "top", "container"), new Attribute("cn", "Users")));
        addUser("ann", 512);
        addUser("bob", 512);
        addUser("cat", 512);
        addUser("dan", 514); // disabled from the start
        directory.server().add(new Entry("CN=Staff," + USERS,
                new Attribute("objectClass", "top", "group"), new Attribute("cn", "Staff"), new Attribute("name", "Staff"),
                new Attribute("objectGUID", adGuid(STAFF)),
                new Attribute("member", dn("ann"), dn("bob"), dn("cat"), dn("dan"))));
        sandbox = TestSandbox.builder().start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        directory.close();
    }

    private static String dn(String name) {
        return "CN=" + name + "," + USERS;
    }

    /** The objectGUID dirsync must report for a user: bwdc's form of the GUID (lower case, hyphenated). */
    private static String guid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes()).toString();
    }

    /** A GUID as AD stores it: the first three parts little-endian, the rest as written. */
    private static byte[] adGuid(String guid) {
        UUID uuid = UUID.fromString(guid);
        byte[] big = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        byte[] ad = big.clone();
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6};
        for (int i = 0; i < order.length; i++) {
            ad[i] = big[order[i]];
        }
        return ad;
    }

    private void addUser(String name, int userAccountControl) throws LDAPException {
        directory.server().add(new Entry(dn(name),
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", name), new Attribute("sAMAccountName", name),
                new Attribute("mail", name + "@ad.example"),
                new Attribute("objectGUID", adGuid(guid(name))),
                new Attribute("userAccountControl", String.valueOf(userAccountControl))));
    }

    private void setUserAccountControl(String name, int value) throws LDAPException {
        directory.server().modify(dn(name), new Modification(ModificationType.REPLACE, "userAccountControl", String.valueOf(value)));
    }

    private E2e.Instance instance(boolean removeDisabled) {
        return new E2e.Instance(instanceDir)
                .with(directory.settings())
                .set("ldap.active-directory", "true")
                .set("sync.remove-disabled", String.valueOf(removeDisabled))
                .with(E2e.bitwarden(sandbox));
    }

    private static Map<String, String> users(String... names) {
        Map<String, String> users = new TreeMap<>();
        for (String name : names) {
            users.put(guid(name), name + "@ad.example");
        }
        return users;
    }

    private static Set<String> emails(String... names) {
        return users(names).values().stream().collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void withRemoveDisabledADisabledAccountLeavesTheOrganizationAndComesBackWhenReEnabled() throws LDAPException {
        E2e.Instance instance = instance(true);

        assertThat(instance.sync()).startsWith("Synced: 3 invited, 0 removed, 1 group updated;");
        assertThat(linkedMembers(sandbox)).as("dan, disabled, is never invited").isEqualTo(users("ann", "bob", "cat"));
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of(STAFF, emails("ann", "bob", "cat")));

        setUserAccountControl("ann", 514);

        assertThat(instance.sync()).isEqualTo("Synced: 0 invited, 1 removed, 1 group updated; 2 users and 0 groups unchanged");
        assertThat(E2e.members(E2e.body(sandbox.requests().get(1)))).isEqualTo(Map.of(guid("ann"), true));
        assertThat(sandbox.member("ann@ad.example")).as("removed, not kept").isEmpty();
        assertThat(linkedMembers(sandbox)).isEqualTo(users("bob", "cat"));
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of(STAFF, emails("bob", "cat")));

        setUserAccountControl("ann", 512);

        assertThat(instance.sync()).isEqualTo("Synced: 1 invited, 0 removed, 1 group updated; 2 users and 0 groups unchanged");
        assertThat(linkedMembers(sandbox)).isEqualTo(users("ann", "bob", "cat"));
        assertThat(sandbox.member("ann@ad.example")).map(Member::status).contains(MemberStatus.INVITED);
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of(STAFF, emails("ann", "bob", "cat")));
    }

    @Test
    void withoutRemoveDisabledADisabledAccountStaysAMember() throws LDAPException {
        E2e.Instance instance = instance(false);

        assertThat(instance.sync()).startsWith("Synced: 4 invited, 0 removed, 1 group updated;");
        assertThat(linkedMembers(sandbox)).as("disabled dan is a member, as bwdc keeps him")
                .isEqualTo(users("ann", "bob", "cat", "dan"));
        Member ann = sandbox.member("ann@ad.example").orElseThrow();

        setUserAccountControl("ann", 514);

        assertThat(instance.sync()).isEqualTo("Nothing to sync");
        assertThat(sandbox.requests()).hasSize(1);
        assertThat(sandbox.member("ann@ad.example")).contains(ann);
        assertThat(linkedMembers(sandbox)).isEqualTo(users("ann", "bob", "cat", "dan"));
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of(STAFF, emails("ann", "bob", "cat", "dan")));
    }
}
