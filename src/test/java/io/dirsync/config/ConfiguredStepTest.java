package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ConfiguredStepTest {

    /** A step that reads one key, as a route's would. */
    static final class Limit extends ConfiguredStep<Integer> {
        @Override
        protected Integer settingsFrom(Settings settings) {
            return settings.integer("sync.max-deletions", 10, 0, 100);
        }

        int limit() {
            return settings();
        }
    }

    @Test
    void whatTheRouteDeclaresWinsOverTheContext() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "50");
            Limit step = new Limit();
            step.setCamelContext(context);
            step.setSettings(Map.of("sync.max-deletions", "20"));

            assertThat(step.limit()).isEqualTo(20);
        }
    }

    @Test
    void aKeyTheRouteLeavesUnsetIsReadFromTheContextAtEachCallElseDefaults() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Limit step = new Limit();
            step.setCamelContext(context);

            assertThat(step.limit()).isEqualTo(10);
            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "50");
            assertThat(step.limit()).isEqualTo(50);
        }
    }

    @Test
    void keysCamelsBindingCamelCasedAreWrittenAsDirsyncWritesThem() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Limit step = new Limit();
            step.setCamelContext(context);
            step.getSettings().put("sync.maxDeletions", "30");

            assertThat(step.getSettings()).containsOnlyKeys("sync.max-deletions");
            assertThat(step.limit()).isEqualTo(30);
        }
    }

    @Test
    void recordsEveryKeyItReadsAndListsTheSecretsItNames() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Limit step = new Limit();
            step.setCamelContext(context);
            step.setSecrets("bitwarden.client-secret, ldap.password");

            assertThat(step.keysRead()).isEmpty();
            step.limit();
            assertThat(step.keysRead()).containsExactly("sync.max-deletions");
            assertThat(step.getSecrets()).containsExactly("bitwarden.client-secret", "ldap.password");
        }
    }
}
