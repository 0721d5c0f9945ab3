package io.dirsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/** Proves the Samba AD harness: binds, TLS with the generated CA, the fixture, ranges, paging, tombstones. */
class SambaAdTest {

    private static SambaAd ad;

    /** Per test, not in a @BeforeAll: where Samba cannot run, each test is then counted as skipped. */
    @BeforeEach
    void start() {
        ad = SambaAd.shared();
    }

    @Test
    void simpleBindOverPlainLdap() throws Exception {
        assertThat(ad.ldapUrl()).isEqualTo("ldap://127.0.0.1:389");
        assertThat(ad.ldapsUrl()).isEqualTo("ldaps://127.0.0.1:636");
        assertThat(ad.bindDn()).isEqualTo("CN=Administrator,CN=Users,DC=example,DC=test");
        assertThat(ad.baseDn()).isEqualTo("DC=example,DC=test");
        assertThat(SambaAd.shared()).isSameAs(ad);
        try (LDAPConnection c = new LDAPConnection(ad.host(), ad.ldapPort(), ad.bindDn(), ad.password())) {
            assertThat(c.getSSLSession()).isNull();
            assertThat(c.getRootDSE().getAttributeValue("defaultNamingContext")).isEqualTo(ad.baseDn());
            assertThat(c.getEntry(SambaAd.ALICE_DN, "sAMAccountName").getAttributeValue("sAMAccountName"))
                    .isEqualTo("alice");
        }
        // the fixture's users can bind too (enabled ones)
        try (LDAPConnection c = new LDAPConnection(ad.host(), ad.ldapPort(), SambaAd.ALICE_DN, SambaAd.USER_PASSWORD)) {
            assertThat(c.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> new LDAPConnection(ad.host(), ad.ldapPort(), ad.bindDn(), "wrong").close())
                .isInstanceOf(LDAPException.class)
                .extracting(e -> ((LDAPException) e).getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }

    @Test
    void ldapsVerifiesAgainstTheCaFile() throws Exception {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(ad.caFile().toFile()));
        for (String host : List.of("127.0.0.1", "localhost")) { // both are in the certificate
            try (LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), SambaAd.connectionOptions(),
                    host, ad.ldapsPort(), ad.bindDn(), ad.password())) {
                assertThat(c.getSSLSession()).isNotNull();
                assertThat(c.getEntry(SambaAd.BOB_DN, "mail").getAttributeValue("mail")).isEqualTo("bob@example.test");
            }
        }
        try (LDAPConnection c = ad.connectLdaps()) {
            assertThat(c.getSSLSession()).isNotNull();
        }
    }

    @Test
    void startTlsVerifiesAgainstTheCaFile() throws Exception {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(ad.caFile().toFile()));
        try (LDAPConnection c = new LDAPConnection(SambaAd.connectionOptions(), ad.host(), ad.ldapPort())) {
            ExtendedResult started = c.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLSocketFactory()));
            assertThat(started.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(c.getSSLSession()).extracting(SSLSession::getProtocol).asString().startsWith("TLS");
            c.bind(ad.bindDn(), ad.password());
            assertThat(c.getEntry(SambaAd.ERIN_DN, "mail").getAttributeValue("mail")).isEqualTo("erin@example.test");
        }
    }

    @Test
    void ldapsAndStartTlsFailWithAnotherCa() throws Exception {
        assertThat(ad.untrustedCaFile()).isNotEqualTo(ad.caFile()).exists();
        SSLUtil wrong = new SSLUtil(new PEMFileTrustManager(ad.untrustedCaFile().toFile()));
        assertThatThrownBy(() -> {
            try (LDAPConnection c = new LDAPConnection(wrong.createSSLSocketFactory(), SambaAd.connectionOptions(),
                    ad.host(), ad.ldapsPort(), ad.bindDn(), ad.password())) {
                c.getRootDSE();
            }
        }).isInstanceOf(LDAPException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
        try (LDAPConnection c = new LDAPConnection(SambaAd.connectionOptions(), ad.host(), ad.ldapPort())) {
            assertThatThrownBy(() -> c.processExtendedOperation(new StartTLSExtendedRequest(wrong.createSSLSocketFactory())))
                    .isInstanceOf(LDAPException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
        }
    }

    @Test
    void theFixtureIsThere() throws Exception {
        try (LDAPConnection c = ad.connect()) {
            for (String dn : List.of(SambaAd.ALICE_DN, SambaAd.BOB_DN, SambaAd.CAROL_DN, SambaAd.DAVE_DN,
                    SambaAd.ERIN_DN, SambaAd.bulkUserDn(1), SambaAd.bulkUserDn(SambaAd.BULK_USERS))) {
                SearchResultEntry user = c.getEntry(dn, "objectGUID", "objectSid", "userAccountControl");
                assertThat(user).as(dn).isNotNull();
                assertThat(user.getAttributeValueBytes("objectGUID")).as(dn).hasSize(16);
            }
            assertThat(uac(c, SambaAd.ALICE_DN) & 0x2).isZero();
            assertThat(uac(c, SambaAd.CAROL_DN) & 0x2).isEqualTo(0x2);
            assertThat(c.getEntry(SambaAd.DAVE_DN, "mail").hasAttribute("mail")).isFalse();
            assertThat(c.getEntry(SambaAd.bulkUserDn(42), "mail").getAttributeValue("mail"))
                    .isEqualTo("bulk0042@example.test");

            assertThat(members(c, SambaAd.DEVS_DN)).containsExactlyInAnyOrder(SambaAd.ALICE_DN, SambaAd.BOB_DN);
            assertThat(members(c, SambaAd.STAFF_DN)).containsExactlyInAnyOrder(SambaAd.DEVS_DN, SambaAd.CAROL_DN);
            assertThat(members(c, SambaAd.PLATFORM_DN))
                    .containsExactlyInAnyOrder(SambaAd.ERIN_DN, SambaAd.STAFF_DN, SambaAd.OPS_DN);
            assertThat(members(c, SambaAd.OPS_DN)).containsExactly(SambaAd.PLATFORM_DN);
            // AD keeps memberOf (back links) and answers the transitive matching rule across the cycle
            assertThat(c.getEntry(SambaAd.STAFF_DN, "memberOf").getAttributeValues("memberOf"))
                    .containsExactly(SambaAd.PLATFORM_DN);
            // (over groups: the same rule over users walks all 3,000 bulk users and takes seconds)
            SearchResult transitive = c.search(ad.baseDn(), SearchScope.SUB,
                    "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=" + SambaAd.ALICE_DN + "))", "1.1");
            assertThat(dns(transitive)).containsExactlyInAnyOrder(
                    SambaAd.DEVS_DN, SambaAd.STAFF_DN, SambaAd.PLATFORM_DN, SambaAd.OPS_DN);
        }
    }

    @Test
    void bigGroupHasAllMembersAndHonoursExplicitRanges() throws Exception {
        try (LDAPConnection c = ad.connect()) {
            SearchResultEntry all = c.getEntry(SambaAd.BIG_DN, "member;range=0-*");
            assertThat(all.getAttributes()).extracting(Attribute::getName).containsExactly("member;range=0-*");
            assertThat(all.getAttribute("member;range=0-*").getValues()).hasSize(SambaAd.BULK_USERS);

            SearchResultEntry first = c.getEntry(SambaAd.BIG_DN, "member;range=0-999");
            assertThat(first.getAttributes()).extracting(Attribute::getName).containsExactly("member;range=0-999");
            Set<String> seen = new HashSet<>(List.of(first.getAttribute("member;range=0-999").getValues()));
            assertThat(seen).hasSize(1000);

            SearchResultEntry rest = c.getEntry(SambaAd.BIG_DN, "member;range=1000-*");
            assertThat(rest.getAttributes()).extracting(Attribute::getName).containsExactly("member;range=1000-*");
            seen.addAll(List.of(rest.getAttribute("member;range=1000-*").getValues()));
            assertThat(seen).hasSize(SambaAd.BULK_USERS).contains(SambaAd.bulkUserDn(1), SambaAd.bulkUserDn(3000));

            // no range: Samba, unlike Windows (1,500 per page), sends every value
            assertThat(c.getEntry(SambaAd.BIG_DN, "member").getAttributeValues("member")).hasSize(SambaAd.BULK_USERS);
        }
    }

    @Test
    void pagedSearchFindsEveryUser() throws Exception {
        try (LDAPConnection c = ad.connect()) {
            SearchRequest request = new SearchRequest(ad.baseDn(), SearchScope.SUB,
                    "(&(objectCategory=person)(objectClass=user))", "sAMAccountName", "objectGUID");
            Set<String> names = new HashSet<>();
            int pages = 0;
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(500, cookie));
                SearchResult page = c.search(request);
                pages++;
                assertThat(page.getEntryCount()).isLessThanOrEqualTo(500);
                page.getSearchEntries().forEach(e -> names.add(e.getAttributeValue("sAMAccountName")));
                SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
                assertThat(response).isNotNull();
                cookie = response.moreResultsToReturn() ? response.getCookie() : null;
            } while (cookie != null);
            // 3,000 bulk users, alice..erin, and provisioning's Administrator, Guest, krbtgt, dns-dc1
            assertThat(names.stream().filter(n -> n.matches("bulk\\d{4}"))).hasSize(SambaAd.BULK_USERS)
                    .contains("bulk0001", "bulk3000");
            assertThat(names.stream().filter(n -> !n.matches("bulk\\d{4}")))
                    .containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "erin", "Administrator", "Guest", "krbtgt",
                            "dns-dc1");
            assertThat(pages).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void showDeletedFindsTheTombstone() throws Exception {
        try (LDAPConnection c = ad.connect()) {
            Filter gone = Filter.create("(sAMAccountName=gone)");
            assertThat(c.search(ad.baseDn(), SearchScope.SUB, gone, "1.1").getEntryCount()).isZero();

            SearchRequest request = new SearchRequest(ad.baseDn(), SearchScope.SUB, gone,
                    "isDeleted", "lastKnownParent", "objectGUID", "mail");
            request.addControl(new Control(SambaAd.SHOW_DELETED_OID, true));
            SearchResult result = c.search(request);
            assertThat(result.getEntryCount()).isEqualTo(1);
            SearchResultEntry tombstone = result.getSearchEntries().get(0);
            assertThat(tombstone.getParentDNString()).isEqualToIgnoringCase(SambaAd.DELETED_OBJECTS_DN);
            assertThat(tombstone.getDN()).startsWith("CN=gone\\0ADEL:");
            assertThat(tombstone.getAttributeValue("isDeleted")).isEqualTo("TRUE");
            assertThat(tombstone.getAttributeValue("lastKnownParent")).isEqualToIgnoringCase(SambaAd.USERS_DN);
            assertThat(tombstone.getAttributeValueBytes("objectGUID")).hasSize(16);
            assertThat(tombstone.hasAttribute("mail")).isFalse();
        }
    }

    @Test
    void testsCanMakeChangesInTheirOwnOu() throws Exception {
        String ou = ad.scratchOu("SambaAdTest");
        String user = "CN=temp," + ou;
        try (LDAPConnection c = ad.connect()) {
            // no password over plain LDAP: the account must be disabled (546 = disabled, password not required)
            c.add(new Entry(user, new Attribute("objectClass", "user"), new Attribute("sAMAccountName", "temp"),
                    new Attribute("userAccountControl", "546")));
            c.modify(user, new Modification(ModificationType.REPLACE, "mail", "temp@example.test"));
            c.modify(SambaAd.DEVS_DN, new Modification(ModificationType.ADD, "member", user));
            assertThat(members(c, SambaAd.DEVS_DN)).contains(user);
            c.modify(SambaAd.DEVS_DN, new Modification(ModificationType.DELETE, "member", user));
        }
        try (LDAPConnection tls = ad.connectLdaps()) {
            // passwords only over an encrypted connection
            tls.modify(user, new Modification(ModificationType.REPLACE, "unicodePwd", SambaAd.unicodePwd("T3mp!pass")),
                    new Modification(ModificationType.REPLACE, "userAccountControl", "512"));
        }
        try (LDAPConnection asTemp = new LDAPConnection(ad.host(), ad.ldapPort(), user, "T3mp!pass")) {
            assertThat(asTemp.getEntry(user, "mail").getAttributeValue("mail")).isEqualTo("temp@example.test");
        }
        ad.deleteSubtree(ou);
        try (LDAPConnection c = ad.connect()) {
            assertThat(c.getEntry(ou)).isNull();
            assertThat(members(c, SambaAd.DEVS_DN)).containsExactlyInAnyOrder(SambaAd.ALICE_DN, SambaAd.BOB_DN);
        }
    }

    private static int uac(LDAPConnection c, String dn) throws LDAPException {
        return c.getEntry(dn, "userAccountControl").getAttributeValueAsInteger("userAccountControl");
    }

    private static List<String> members(LDAPConnection c, String dn) throws LDAPException {
        return List.of(c.getEntry(dn, "member").getAttributeValues("member"));
    }

    private static List<String> dns(SearchResult result) {
        return result.getSearchEntries().stream().map(SearchResultEntry::getDN).toList();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
