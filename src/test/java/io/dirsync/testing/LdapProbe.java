package io.dirsync.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;

/** Whether a starting LDAP server is ready: what the harnesses poll for. */
final class LdapProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private LdapProbe() {
    }

    /**
     * The root DSE read anonymously over plain LDAP, once the server also accepts connections on
     * its LDAPS port; empty while either is not (yet) the case.
     */
    static Optional<RootDSE> rootDse(String host, int ldapPort, int ldapsPort, int responseTimeoutMillis) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(responseTimeoutMillis);
        try (LDAPConnection c = new LDAPConnection(options, host, ldapPort)) {
            RootDSE root = c.getRootDSE();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, ldapsPort), CONNECT_TIMEOUT_MILLIS);
            }
            return Optional.ofNullable(root);
        } catch (LDAPException | IOException notYet) {
            return Optional.empty();
        }
    }
}
