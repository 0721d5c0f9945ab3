package io.dirsync.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.dirsync.SourceException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Active Directory's ranged attribute retrieval: a group with more members than the server's MaxValRange
 * (1500 on Windows) comes back as {@code member;range=0-1499}, and the client asks for the next range until
 * one ends in {@code *}. Samba returns every value unless asked for a range, so in Active Directory mode
 * dirsync always asks for ranges itself: the same loop then runs against both.
 */
final class MemberRanges {

    static final int STEP = 1500;
    private static final Pattern RANGE = Pattern.compile("range=(\\d+)-(\\d+|\\*)");

    /** The values of one entry's member attribute, and where the next range starts if there is more. */
    record Values(List<String> values, OptionalInt nextStart) {
    }

    private MemberRanges() {
    }

    /** The member attribute as the group search asks for it. */
    static String requested(String memberAttribute, boolean activeDirectory) {
        return activeDirectory ? memberAttribute + ";range=0-" + (STEP - 1) : memberAttribute;
    }

    static Values of(SearchResultEntry entry, String memberAttribute) {
        for (Attribute attribute : entry.getAttributes()) {
            if (!attribute.getBaseName().equalsIgnoreCase(memberAttribute)) {
                continue;
            }
            List<String> values = List.of(attribute.getValues());
            for (String option : attribute.getOptions()) {
                Matcher range = RANGE.matcher(option.toLowerCase(Locale.ROOT));
                if (range.matches()) {
                    return new Values(values, range.group(2).equals("*")
                            ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(range.group(2)) + 1));
                }
            }
            if (!attribute.hasOptions()) {
                return new Values(values, OptionalInt.empty());
            }
        }
        return new Values(List.of(), OptionalInt.empty());
    }

    /** Reads the ranges from {@code start} on, adding their values, until the server says it sent the last. */
    static void readRest(LDAPConnection connection, String groupDn, String memberAttribute, int start, List<String> into) {
        OptionalInt next = OptionalInt.of(start);
        while (next.isPresent()) {
            String requested = memberAttribute + ";range=" + next.getAsInt() + "-*";
            SearchResultEntry entry;
            try {
                entry = connection.searchForEntry(groupDn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"),
                        requested);
            } catch (LDAPException e) {
                throw new SourceException("Reading the members of " + groupDn + " from " + next.getAsInt() + " on failed: "
                        + LdapConnector.describe(e.getResultCode(), e.getDiagnosticMessage())
                        + ". Nothing was synced.", e);
            }
            if (entry == null) {
                throw new SourceException("The group " + groupDn + " vanished while its members were read; run again.");
            }
            Values values = of(entry, memberAttribute);
            into.addAll(values.values());
            if (values.nextStart().isPresent() && values.nextStart().getAsInt() <= next.getAsInt()) {
                throw new SourceException("The server sent a member range of " + groupDn + " that does not move on.");
            }
            next = values.nextStart();
        }
    }
}
