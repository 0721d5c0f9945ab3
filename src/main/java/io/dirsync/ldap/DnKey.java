package io.dirsync.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Locale;

/**
 * The form in which DNs are compared: {@code CN=Ann, OU=People,DC=x} and {@code cn=ann,ou=people,dc=x} are
 * the same entry. Member values and entry DNs are rarely written identically across servers and tools.
 */
final class DnKey {

    private DnKey() {
    }

    static String of(String dn) {
        try {
            return DN.normalize(dn);
        } catch (LDAPException e) {
            // Not a parseable DN: compare it as text, so it simply matches nothing that is one.
            return dn.trim().toLowerCase(Locale.ROOT);
        }
    }
}
