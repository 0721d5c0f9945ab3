package io.dirsync.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFException;
import io.dirsync.testing.Slapd;
import io.dirsync.testing.SyntheticDirectory;
import java.util.Random;

/**
 * The suite's 1% change to a {@link SyntheticDirectory}: a hundredth of the users leave (out of their groups, then
 * deleted) and as many newcomers join, each into one random group; and a hundredth of the groups gain a newcomer.
 */
final class DirectoryChange {

    /** What was changed. */
    record Applied(int usersReplaced, int groupsGrown) {

        @Override
        public String toString() {
            return usersReplaced + " users replaced, " + groupsGrown + " groups grown";
        }
    }

    private DirectoryChange() {
    }

    static Applied apply(Slapd slapd, int users, int groups) throws LDAPException, LDIFException {
        int replaced = Math.max(1, users / 100);
        int grown = Math.max(1, groups / 100);
        Random random = new Random(7);
        String people = "ou=people," + SyntheticDirectory.SUFFIX;
        try (LDAPConnection ldap = new LDAPConnection(slapd.host(), slapd.ldapPort(), slapd.bindDn(), slapd.password())) {
            for (int i = 0; i < replaced; i++) {
                String leaver = SyntheticDirectory.userDn(i * (users / replaced));
                for (SearchResultEntry group : ldap.search("ou=groups," + SyntheticDirectory.SUFFIX, SearchScope.ONE,
                        "(member=" + leaver + ")", "1.1").getSearchEntries()) {
                    ldap.modify(group.getDN(), new Modification(ModificationType.DELETE, "member", leaver));
                }
                ldap.delete(leaver);
                ldap.add("dn: " + newcomerDn(i), "objectClass: inetOrgPerson", "uid: " + newcomer(i),
                        "cn: Newcomer " + i, "sn: " + i, "mail: " + newcomer(i) + "@example.com");
                ldap.modify(SyntheticDirectory.groupDn(random.nextInt(groups)),
                        new Modification(ModificationType.ADD, "member", newcomerDn(i)));
            }
            int grew = 0;
            for (int i = 0; i < grown; i++) {
                String group = SyntheticDirectory.groupDn(i * (groups / grown));
                String member = newcomerDn(random.nextInt(replaced));
                if (ldap.search(group, SearchScope.BASE, "(member=" + member + ")", "1.1").getEntryCount() == 0) {
                    ldap.modify(group, new Modification(ModificationType.ADD, "member", member));
                    grew++;
                }
            }
            return new Applied(replaced, grew);
        }
    }

    private static String newcomer(int index) {
        return String.format("newcomer%06d", index);
    }

    private static String newcomerDn(int index) {
        return "uid=" + newcomer(index) + ",ou=people," + SyntheticDirectory.SUFFIX;
    }
}
