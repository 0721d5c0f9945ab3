package io.dirsync.e2e;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A small company directory below a base DN ({@code ou=people} with inetOrgPerson users, {@code ou=groups} with
 * groupOfNames groups nested two levels deep), one day of changes to it, and what the organization must look like
 * before and after them. Written for slapd (as LDIF) and UnboundID's in-memory server alike.
 *
 * <pre>
 * before: backend {bob, cat}   engineering {ann, backend}   sales {dan}   everyone {engineering, sales}   legacy {eve}
 * day:    fay joins sales; dan leaves (his entry is deleted, sales keeps the dangling DN, as OpenLDAP without refint
 *         does); bob moves from backend to sales; eve joins backend (a nested group re-membered); legacy is deleted
 * after:  backend {cat, eve}   engineering {ann, cat, eve}   sales {bob, fay}   everyone {ann, bob, cat, eve, fay}
 *         legacy: emptied in Bitwarden (the API cannot delete a group)
 * </pre>
 */
final class Company {

    static final List<String> GROUPS = List.of("backend", "engineering", "sales", "everyone", "legacy");

    private final String base;

    /** @param base the entry under which {@code ou=people} and {@code ou=groups} live (it must exist) */
    Company(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    String userDn(String uid) {
        return "uid=" + uid + ",ou=people," + base;
    }

    String groupDn(String cn) {
        return "cn=" + cn + ",ou=groups," + base;
    }

    /** Bob's address is written in mixed case in the directory; Bitwarden stores it lower-cased. */
    static String email(String uid) {
        return uid + "@e2e.example";
    }

    private static String mailAttribute(String uid) {
        return uid.equals("bob") ? "Bob@E2E.example" : email(uid);
    }

    /** The settings that point dirsync at this company (connection settings come from the server). */
    Map<String, String> searchSettings(String rootPath) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ldap.root-path", rootPath);
        String relative = base.substring(0, base.length() - rootPath.length()).replaceAll(",$", "");
        settings.put("sync.user-path", relative.isEmpty() ? "ou=people" : "ou=people," + relative);
        settings.put("sync.group-path", relative.isEmpty() ? "ou=groups" : "ou=groups," + relative);
        // five people: the day's changes take 3 of their 11 memberships, over the default limit of 10%
        settings.put("sync.max-deletions", "50%");
        return settings;
    }

    /** The entries, each an LDIF record without a trailing blank line; the base entry is not included. */
    List<String> entries() {
        List<String> entries = new ArrayList<>();
        entries.add("dn: ou=people," + base + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: people");
        entries.add("dn: ou=groups," + base + "\nobjectClass: top\nobjectClass: organizationalUnit\nou: groups");
        for (String uid : List.of("ann", "bob", "cat", "dan", "eve")) {
            entries.add(person(uid));
        }
        entries.add(group("backend", userDn("bob"), userDn("cat")));
        entries.add(group("engineering", userDn("ann"), groupDn("backend")));
        entries.add(group("sales", userDn("dan")));
        entries.add(group("everyone", groupDn("engineering"), groupDn("sales")));
        entries.add(group("legacy", userDn("eve")));
        return entries;
    }

    /** {@link #entries()} as LDIF text. */
    String ldif() {
        return String.join("\n\n", entries()) + "\n\n";
    }

    private String person(String uid) {
        String name = Character.toUpperCase(uid.charAt(0)) + uid.substring(1);
        return "dn: " + userDn(uid) + "\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson"
                + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: " + name + "\nsn: " + name + "\nmail: "
                + mailAttribute(uid);
    }

    private String group(String cn, String... members) {
        StringBuilder entry = new StringBuilder("dn: " + groupDn(cn) + "\nobjectClass: top\nobjectClass: groupOfNames\ncn: " + cn);
        for (String member : members) {
            entry.append("\nmember: ").append(member);
        }
        return entry.toString();
    }

    /** The day of changes described above. */
    void applyChanges(LDAPInterface ldap) throws LDAPException {
        ldap.add(entry(person("fay")));
        ldap.modify(groupDn("sales"), new Modification(ModificationType.ADD, "member", userDn("fay")));
        ldap.delete(userDn("dan"));
        ldap.modify(groupDn("backend"), new Modification(ModificationType.DELETE, "member", userDn("bob")));
        ldap.modify(groupDn("sales"), new Modification(ModificationType.ADD, "member", userDn("bob")));
        ldap.modify(groupDn("backend"), new Modification(ModificationType.ADD, "member", userDn("eve")));
        ldap.delete(groupDn("legacy"));
    }

    /** Adds one more person (no group), e.g. a second new hire. */
    void hire(LDAPInterface ldap, String uid) throws LDAPException {
        ldap.add(entry(person(uid)));
    }

    static Entry entry(String ldif) {
        try {
            return new Entry(ldif.split("\n"));
        } catch (LDIFException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** externalId (DN) → email of the users before the changes. */
    Map<String, String> usersBefore() {
        return users("ann", "bob", "cat", "dan", "eve");
    }

    /** externalId (DN) → email of the users after the changes. */
    Map<String, String> usersAfter() {
        return users("ann", "bob", "cat", "eve", "fay");
    }

    Map<String, String> users(String... uids) {
        Map<String, String> users = new TreeMap<>();
        for (String uid : uids) {
            users.put(userDn(uid), email(uid));
        }
        return users;
    }

    /** group externalId (DN) → member emails (flattened) before the changes. */
    Map<String, Set<String>> groupsBefore() {
        Map<String, Set<String>> groups = new TreeMap<>();
        groups.put(groupDn("backend"), emails("bob", "cat"));
        groups.put(groupDn("engineering"), emails("ann", "bob", "cat"));
        groups.put(groupDn("sales"), emails("dan"));
        groups.put(groupDn("everyone"), emails("ann", "bob", "cat", "dan"));
        groups.put(groupDn("legacy"), emails("eve"));
        return groups;
    }

    /** group externalId (DN) → member emails (flattened) after the changes; legacy emptied, not gone. */
    Map<String, Set<String>> groupsAfter() {
        Map<String, Set<String>> groups = new TreeMap<>();
        groups.put(groupDn("backend"), emails("cat", "eve"));
        groups.put(groupDn("engineering"), emails("ann", "cat", "eve"));
        groups.put(groupDn("sales"), emails("bob", "fay"));
        groups.put(groupDn("everyone"), emails("ann", "bob", "cat", "eve", "fay"));
        groups.put(groupDn("legacy"), emails());
        return groups;
    }

    static Set<String> emails(String... uids) {
        Set<String> emails = new TreeSet<>();
        for (String uid : uids) {
            emails.add(email(uid));
        }
        return emails;
    }
}
