package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchBaseTest {

    @Test
    void pathIsPlacedInFrontOfTheRootPath() {
        assertThat(SearchBase.of("dc=bitwarden,dc=com", "ou=Human Resources")).isEqualTo("ou=Human Resources,dc=bitwarden,dc=com");
    }

    @Test
    void noPathSearchesTheWholeDomain() {
        assertThat(SearchBase.of("dc=bitwarden,dc=com", "")).isEqualTo("dc=bitwarden,dc=com");
        assertThat(SearchBase.of("dc=bitwarden,dc=com", null)).isEqualTo("dc=bitwarden,dc=com");
    }

    @Test
    void anOuInTheRootPathIsIgnoredAsBwdcDoes() {
        assertThat(SearchBase.of("ou=Staff,DC=corp,DC=example", "CN=Users")).isEqualTo("CN=Users,DC=corp,DC=example");
        assertThat(SearchBase.ignoredPrefix("ou=Staff,DC=corp,DC=example")).isEqualTo("ou=Staff");
        assertThat(SearchBase.ignoredPrefix("dc=corp,dc=example")).isEmpty();
    }

    @Test
    void aRootPathWithoutDcMakesThePathAbsolute() {
        assertThat(SearchBase.of("o=corp", "ou=people,o=corp")).isEqualTo("ou=people,o=corp");
        assertThat(SearchBase.of("o=corp", "")).isEqualTo("o=corp");
    }
}
