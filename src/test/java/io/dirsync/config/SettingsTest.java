package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private enum Kind { LDAP, ENTRA }

    @Test
    void blankValuesCountAsUnset() {
        Settings settings = Settings.of(Map.of("a", "  "));

        assertThat(settings.optional("a")).isEmpty();
        assertThat(settings.string("a", "fallback")).isEqualTo("fallback");
    }

    @Test
    void badBooleanNamesTheKey() {
        assertThatThrownBy(() -> Settings.of(Map.of("ldap.start-tls", "maybe")).bool("ldap.start-tls", false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting ldap.start-tls=maybe: expected true or false.");
    }

    @Test
    void numbersOutOfRangeNameTheRange() {
        assertThatThrownBy(() -> Settings.of(Map.of("ldap.page-size", "0")).integer("ldap.page-size", 1000, 1, 100_000))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting ldap.page-size=0: expected a whole number from 1 to 100000.");
        assertThat(Settings.of(Map.of("ldap.page-size", "250")).integer("ldap.page-size", 1000, 1, 100_000)).isEqualTo(250);
    }

    @Test
    void choicesListTheAllowedValues() {
        assertThat(Settings.of(Map.of("k", "Entra")).choice("k", Kind.LDAP)).isEqualTo(Kind.ENTRA);
        assertThatThrownBy(() -> Settings.of(Map.of("k", "okta")).choice("k", Kind.LDAP))
                .hasMessage("Invalid setting k=okta: expected ldap|entra.");
    }

    @Test
    void missingRequiredKeySaysWhatToSetItTo() {
        assertThatThrownBy(() -> Settings.of(Map.of()).required("ldap.url", "the directory's URL"))
                .hasMessage("Missing setting ldap.url: set it to the directory's URL.");
    }

    @Test
    void aReferenceThatResolvesToNothingIsShownAsWritten() {
        Settings settings = new Settings(key -> java.util.Optional.empty(),
                key -> java.util.Optional.of("{{env:LDAP_PASSWORD}}"));

        assertThatThrownBy(() -> settings.required("ldap.password", "the password"))
                .hasMessage("Missing setting ldap.password: {{env:LDAP_PASSWORD}} resolves to nothing (is that environment"
                        + " variable or system property set?).");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Settings.of(Map.of("ldap.ca-file", "/no/such/ca.pem")).readableFile("ldap.ca-file"))
                .hasMessage("Invalid setting ldap.ca-file=/no/such/ca.pem: no readable file there.");
    }

    @Test
    void secretsNeverPrintTheirValue() {
        Secret secret = Settings.of(Map.of("ldap.password", "hunter2")).secret("ldap.password").orElseThrow();

        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret.toString()).doesNotContain("hunter2");
    }
}
