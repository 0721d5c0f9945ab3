package io.dirsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/** Proves the slapd harness: fixtures load, and plain LDAP, StartTLS and LDAPS work with the generated CA. */
class SlapdTest {

    @Test
    void plainLdapServesThePeerDirectory() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        try (LDAPConnection c = new LDAPConnection(slapd.host(), slapd.ldapPort(), slapd.bindDn(), slapd.password())) {
            assertThat(c.getSSLSession()).isNull();
            assertThat(count(c, slapd.suffix(), "(objectClass=person)")).isEqualTo(20);
            assertThat(count(c, slapd.suffix(), "(objectClass=posixGroup)")).isEqualTo(5);
            // DNs the LDIF wrote as "ou=Product Development,dc=bitwarden, dc=com" are served normalised
            SearchResultEntry ou = c.getEntry("ou=Product Development,dc=bitwarden,dc=com");
            assertThat(ou).isNotNull();
            assertThat(ou.getDN()).isEqualTo("ou=Product Development,dc=bitwarden,dc=com");
        }
        assertThat(slapd.ldapUrl()).isEqualTo("ldap://127.0.0.1:" + slapd.ldapPort());
        assertThat(slapd.ldapsUrl()).isEqualTo("ldaps://127.0.0.1:" + slapd.ldapsPort());
        assertThat(slapd.bindDn()).isEqualTo("cn=admin,dc=bitwarden,dc=com");
    }

    @Test
    void anonymousReadIsAllowed() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        try (LDAPConnection c = new LDAPConnection(slapd.host(), slapd.ldapPort())) {
            assertThat(count(c, slapd.suffix(), "(objectClass=person)")).isEqualTo(20);
        }
    }

    @Test
    void startTlsOnThePlainPortWithTheCaFile() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(slapd.caFile().toFile()));
        try (LDAPConnection c = new LDAPConnection(verifyingHostName(), slapd.host(), slapd.ldapPort())) {
            ExtendedResult started = c.processExtendedOperation(
                    new StartTLSExtendedRequest(ssl.createSSLSocketFactory()));
            assertThat(started.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(c.getSSLSession()).extracting(SSLSession::getProtocol).asString().startsWith("TLS");
            c.bind(slapd.bindDn(), slapd.password());
            assertThat(count(c, slapd.suffix(), "(objectClass=person)")).isEqualTo(20);
        }
    }

    @Test
    void ldapsOnTheTlsPortWithTheCaFile() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(slapd.caFile().toFile()));
        for (String host : List.of("127.0.0.1", "localhost")) { // both are in the certificate
            try (LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), verifyingHostName(),
                    host, slapd.ldapsPort(), slapd.bindDn(), slapd.password())) {
                assertThat(c.getSSLSession()).isNotNull();
                assertThat(count(c, slapd.suffix(), "(objectClass=posixGroup)")).isEqualTo(5);
            }
        }
    }

    @Test
    void ldapsWithAnotherCaFailsTheHandshake() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        assertThat(slapd.untrustedCaFile()).isNotEqualTo(slapd.caFile()).exists();
        SSLUtil wrong = new SSLUtil(new PEMFileTrustManager(slapd.untrustedCaFile().toFile()));
        assertThatThrownBy(() -> {
            try (LDAPConnection c = new LDAPConnection(wrong.createSSLSocketFactory(), verifyingHostName(),
                    slapd.host(), slapd.ldapsPort(), slapd.bindDn(), slapd.password())) {
                c.getRootDSE();
            }
        }).isInstanceOf(LDAPException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
    }

    @Test
    void startTlsWithAnotherCaFails() throws Exception {
        Slapd slapd = Slapd.bwdc20();
        SSLUtil wrong = new SSLUtil(new PEMFileTrustManager(slapd.untrustedCaFile().toFile()));
        try (LDAPConnection c = new LDAPConnection(verifyingHostName(), slapd.host(), slapd.ldapPort())) {
            assertThatThrownBy(() -> c.processExtendedOperation(
                    new StartTLSExtendedRequest(wrong.createSSLSocketFactory())))
                    .isInstanceOf(LDAPException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
        }
    }

    @Test
    void circularGroupsFixtureLoads() throws Exception {
        Slapd slapd = Slapd.bwdcCircular();
        assertThat(slapd).isNotSameAs(Slapd.bwdc20());
        assertThat(Slapd.bwdcCircular()).isSameAs(slapd); // shared per JVM
        try (LDAPConnection c = new LDAPConnection(slapd.host(), slapd.ldapPort(), slapd.bindDn(), slapd.password())) {
            assertThat(count(c, slapd.suffix(), "(objectClass=groupOfNames)")).isEqualTo(10);
            assertThat(count(c, slapd.suffix(), "(objectClass=person)")).isEqualTo(8);
        }
    }

    @Test
    void ldifIsMadeFitForSlapadd() {
        String in = "version: 1\r\n\r\ndn: ou=A,dc=x, dc=y\r\nchangetype: add\r\nou: A\r\nobjectClass: organizationalUnit\r\n";
        assertThat(Slapd.forSlapadd(in))
                .isEqualTo("\ndn: ou=A,dc=x, dc=y\nou: A\nobjectClass: organizationalUnit\n\n");
        assertThatThrownBy(() -> Slapd.forSlapadd("dn: ou=A,dc=x\nchangetype: modify\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LDAPConnectionOptions verifyingHostName() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setConnectTimeoutMillis(5000);
        options.setResponseTimeoutMillis(10000);
        return options;
    }

    private static int count(LDAPConnection c, String base, String filter) throws LDAPException {
        return c.search(base, SearchScope.SUB, filter, "1.1").getEntryCount();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
