package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "cn=Roland Dyke,ou=Human Resources,dc=bitwarden,dc=com",
            "cn=Roland Dyke,ou=Human Resources,dc=bitwarden, dc=com",
            "CN=Roland  Dyke , OU=Human Resources,DC=Bitwarden,DC=COM",
            "uid=user000001,ou=people,dc=example,dc=com",
            "2.5.4.3=Ann,dc=example",
            "CN=O'Brien-Smith (Contractor),CN=Users,DC=corp,DC=example"})
    void plainDnsGetTheSameKeyAsUnboundIdsNormalizedDn(String dn) throws Exception {
        assertThat(DnKey.plain(dn)).isEqualTo(DN.normalize(dn));
        assertThat(DnKey.of(dn)).isEqualTo(DN.normalize(dn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=Smith\\, John,dc=example", "cn=\"quoted\",dc=x", "cn=a+sn=b,dc=x", "cn=#0403,dc=x",
            "cn=Zoë,dc=x", "no equals sign", "cn=,dc=x"})
    void anythingElseGoesToTheFullParser(String dn) {
        assertThat(DnKey.plain(dn)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=Roland  Dyke , OU=Human Resources,DC=Bitwarden,DC=COM", "uid=user000001,ou=people,dc=example,dc=com",
            "cn=Smith\\, John,DC=Example", "CN=Zoë Ünal,dc=x", "cn=a+SN=B,dc=x", "no equals sign", "cn=,dc=x"})
    void aKeyIsItsOwnKey(String dn) {
        String key = DnKey.of(dn);

        assertThat(DnKey.of(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=user000001,ou=people,dc=example,dc=com", "cn=o'brien-smith(contractor),dc=x", "2.5.4.3=ann,dc=x",
            "cn=ann"})
    void aDnInKeyFormIsRecognisedWithoutBuildingItsKey(String dn) {
        assertThat(DnKey.isOwnKey(dn)).isTrue();
        assertThat(DnKey.plain(dn)).isEqualTo(dn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=Ann,dc=x", "cn=ann, dc=x", "cn=ann ,dc=x", "cn=ann  smith,dc=x", "cn=,dc=x", "=ann,dc=x", "cn=ann,",
            ",cn=ann", "cn=ann,,dc=x", "cn=a=b,dc=x", "cn", "", "cn=smith\\, john,dc=x", "cn=a+sn=b,dc=x", "cn=#0403,dc=x",
            "cn=zoë,dc=x", "cn=\"q\",dc=x"})
    void aDnWhoseKeyDiffersOrNeedsTheParserIsNotTakenForItsKey(String dn) {
        assertThat(DnKey.isOwnKey(dn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=roland dyke,ou=human resources,dc=bitwarden,dc=com", "uid=user000001,ou=people,dc=example,dc=com"})
    void aPlainDnInKeyFormIsHeldOnce(String dn) {
        assertThat(DnKey.of(dn)).isSameAs(dn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn=Smith\\, John,DC=Example", "CN=Zoë Ünal,dc=x", "cn=a+SN=B,dc=x"})
    void escapedAndNonAsciiDnsStillCompareCaseInsensitively(String dn) throws Exception {
        assertThat(DnKey.of(dn)).isEqualTo(DnKey.of(dn.toUpperCase(java.util.Locale.ROOT)));
    }
}
