package io.dirsync.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Locale;

/**
 * The form in which DNs are compared: {@code CN=Ann, OU=People,DC=x} and {@code cn=ann,ou=people,dc=x} are
 * the same entry. Member values and entry DNs are rarely written identically across servers and tools.
 * The key is UnboundID's normalized DN; plain ASCII DNs (nearly all of them) take a hand-written path that
 * yields the same string several times faster, since a large directory has one key per user and membership.
 */
final class DnKey {

    private DnKey() {
    }

    /** The key; {@code dn} itself when it is its own key, so a DN already in that form is held once. */
    static String of(String dn) {
        if (isOwnKey(dn)) {
            return dn;
        }
        String key = plain(dn);
        if (key != null) {
            return key.equals(dn) ? dn : key;
        }
        try {
            return DN.normalize(dn);
        } catch (LDAPException e) {
            // Not a parseable DN: compare it as text, so it simply matches nothing that is one.
            return dn.trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whether {@link #plain} would give the DN back unchanged, checked without building anything: RDNs of one
     * {@code name=value} each, neither empty, in lower-case ASCII without spaces or anything that needs the parser.
     * Most DNs a server sends in member values and entries, once a million of them, are already in this form.
     */
    static boolean isOwnKey(String dn) {
        int length = dn.length();
        boolean equalsSeen = false;
        int rdnStart = 0;
        for (int i = 0; i < length; i++) {
            char c = dn.charAt(i);
            if (c == ',') {
                if (!equalsSeen || dn.charAt(i - 1) == '=') {
                    return false;
                }
                equalsSeen = false;
                rdnStart = i + 1;
            } else if (c == '=') {
                if (equalsSeen || i == rdnStart) {
                    return false;
                }
                equalsSeen = true;
            } else if (c <= ' ' || c >= 0x7f || (c >= 'A' && c <= 'Z') || c == '\\' || c == '"' || c == '+' || c == '#'
                    || c == ';' || c == '<' || c == '>') {
                return false;
            }
        }
        return equalsSeen && dn.charAt(length - 1) != '=';
    }

    /**
     * Lower-cased attribute names and values, spaces trimmed around each name and value and runs of inner
     * spaces collapsed (case-ignore matching), or null when the DN has anything that needs the full parser:
     * escapes, quotes, multi-valued RDNs, hex values, non-ASCII characters.
     */
    static String plain(String dn) {
        int length = dn.length();
        StringBuilder key = new StringBuilder(length);
        int start = 0;
        while (start <= length) {
            int end = dn.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            if (!appendRdn(dn, start, end, key)) {
                return null;
            }
            start = end + 1;
            if (end < length) {
                key.append(',');
            } else {
                break;
            }
        }
        return key.toString();
    }

    private static boolean appendRdn(String dn, int start, int end, StringBuilder key) {
        int equals = -1;
        for (int i = start; i < end; i++) {
            char c = dn.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '"' || c == '+' || c == '#' || c == ';' || c == '<' || c == '>') {
                return false;
            }
            if (c == '=') {
                if (equals >= 0) {
                    return false;
                }
                equals = i;
            }
        }
        if (equals < 0) {
            return false;
        }
        int nameStart = skipSpaces(dn, start, equals);
        int nameEnd = trimSpaces(dn, nameStart, equals);
        int valueStart = skipSpaces(dn, equals + 1, end);
        int valueEnd = trimSpaces(dn, valueStart, end);
        if (nameStart == nameEnd || valueStart == valueEnd) {
            return false;
        }
        for (int i = nameStart; i < nameEnd; i++) {
            key.append(lower(dn.charAt(i)));
        }
        key.append('=');
        boolean space = false;
        for (int i = valueStart; i < valueEnd; i++) {
            char c = dn.charAt(i);
            if (c == ' ') {
                space = true;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.append(lower(c));
        }
        return true;
    }

    private static int skipSpaces(String text, int from, int to) {
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int trimSpaces(String text, int from, int to) {
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        return to;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
