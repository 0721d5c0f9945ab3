package io.dirsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dirsync.config.BundledRoutes;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Key;
import io.dirsync.config.SettingsKeys;
import io.dirsync.config.StateFolder;
import io.dirsync.demo.DemoDirectory;
import io.dirsync.entra.GraphFake;
import io.dirsync.google.GoogleFake;
import io.dirsync.model.ReadOptions;
import io.dirsync.okta.OktaFake;
import io.dirsync.onelogin.OneLoginFake;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.sync.SyncOptions;
import io.dirsync.testing.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every knob a route step turns is shown in its route: the bundled routes run (a sync from the sample directory to the
 * sandbox, a dry run, {@code dirsync test}, a read from each cloud source's fake, each API's retry), each step
 * recording the keys it reads, and every key read must be declared on that step's bean in the YAML.
 */
class RouteKnobsTest extends CamelMainTestSupport {

    private static final Pattern DECLARED = Pattern.compile("settings\\[(.+)]");

    // started before the test instance: the override properties are taken in the constructor
    private static final DemoDirectory DIRECTORY = DemoDirectory.start();
    private static final TestSandbox SANDBOX = TestSandbox.builder().start();
    private static final GraphFake GRAPH = GraphFake.start(2);
    private static final GoogleFake GOOGLE = GoogleFake.start(2);
    private static final OktaFake OKTA = OktaFake.start(2);
    private static final OneLoginFake ONELOGIN = OneLoginFake.start(2);
    private static final Path STATE = stateFolder();

    private static Path stateFolder() {
        try {
            return Files.createTempDirectory("route-knobs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        DIRECTORY.close();
        SANDBOX.close();
        GRAPH.close();
        GOOGLE.close();
        OKTA.close();
        ONELOGIN.close();
        FileTrees.delete(STATE);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.setRoutesIncludePattern("classpath:dirsync/routes/*.camel.yaml");
        configuration.setRoutesExcludePattern("**/schedule.camel.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.putAll(GRAPH.settings());
        properties.putAll(GOOGLE.settings());
        properties.putAll(OKTA.settings());
        properties.putAll(ONELOGIN.settings());
        properties.put("google.private-key", GoogleFake.privateKeyPem(GoogleFake.KEYS));
        properties.putAll(DIRECTORY.settings());
        properties.put("bitwarden.url", SANDBOX.baseUrl());
        properties.put("bitwarden.client-id", SANDBOX.clientId());
        properties.put("bitwarden.client-secret", SANDBOX.clientSecret());
        properties.put("state.dir", STATE.toString());
        return properties;
    }

    @Test
    void everyKeyAStepReadsIsDeclaredOnItsBean() {
        Map<String, Set<String>> declared = declaredByBean();
        runEveryRoute();

        Map<String, ConfiguredStep> steps = new TreeMap<>(context.getRegistry().findByTypeWithName(ConfiguredStep.class));
        assertThat(steps.keySet()).as("the steps that read settings").containsExactlyInAnyOrderElementsOf(declared.keySet());
        steps.forEach((name, step) -> {
            assertThat(step.keysRead()).as("the keys %s read (did the routes run it?)", name).isNotEmpty();
            assertThat(declared.get(name)).as("the keys the bean %s declares in its route", name)
                    .containsAll(step.keysRead());
        });
    }

    @Test
    void aStepDeclaresASettingByReferenceWithoutADefaultAndASecretByNameOnly() {
        beansOfEveryRoute().forEach((name, bean) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = bean.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                Matcher setting = DECLARED.matcher(property.getKey());
                if (setting.matches()) {
                    String key = setting.group(1);
                    assertThat(property.getValue().asText()).as("%s's %s", name, key).isEqualTo("{{?" + key + "}}");
                    assertThat(known(key)).as("%s declares %s, a key dirsync knows", name, key).isTrue();
                    assertThat(SettingsKeys.find(key).map(Key::secret)).as("%s spells the secret %s", name, key)
                            .isNotEqualTo(Optional.of(true));
                } else if (property.getKey().equals("secrets")) {
                    for (String secret : property.getValue().asText().split(",")) {
                        assertThat(SettingsKeys.find(secret.strip()).map(Key::secret)).as("%s's secret %s", name, secret)
                                .contains(true);
                    }
                }
            }
        });
    }

    private static boolean known(String key) {
        return SettingsKeys.find(key).isPresent() || key.equals(StateFolder.INSTANCE_DIR);
    }

    /** A sync (and its members' list from the server), a dry run, dirsync test, each cloud read, each API retried. */
    private void runEveryRoute() {
        SANDBOX.failNextWith401();
        succeeds(request("direct:sync", SyncOptions.PROPERTY, new SyncOptions(false, false, false)));
        // a 401 renews the token without asking how long to retry: a 503 does
        SANDBOX.failNext(1, 503, "0");
        succeeds(request("direct:sync", SyncOptions.PROPERTY, new SyncOptions(true, false, false)));
        succeeds(request("direct:sync", SyncOptions.PROPERTY, new SyncOptions(true, true, false)));
        succeeds(request("direct:test", ReadOptions.PROPERTY, null));
        GRAPH.failNext("/v1.0/users", 1, 503, "0");
        succeeds(request("direct:read-entra", ReadOptions.PROPERTY, ReadOptions.SYNC));
        GOOGLE.failNext("/admin/directory/v1/users", 1, 503, "0", "backendError");
        succeeds(request("direct:read-google", ReadOptions.PROPERTY, ReadOptions.SYNC));
        OKTA.throttleNext("/api/v1/users", 1, 0);
        succeeds(request("direct:read-okta", ReadOptions.PROPERTY, ReadOptions.SYNC));
        ONELOGIN.throttleNext("/api/1/users", 1, 0);
        succeeds(request("direct:read-onelogin", ReadOptions.PROPERTY, ReadOptions.SYNC));
    }

    private Exchange request(String endpoint, String property, Object value) {
        return template.request(endpoint, exchange -> exchange.setProperty(property, value));
    }

    private static void succeeds(Exchange exchange) {
        assertThat(exchange.getException()).as(exchange.getFromRouteId()).isNull();
    }

    /** The keys (settings and secrets) each bean of the bundled routes declares, by bean name. */
    private static Map<String, Set<String>> declaredByBean() {
        Map<String, Set<String>> declared = new TreeMap<>();
        beansOfEveryRoute().forEach((name, bean) -> {
            Set<String> keys = new TreeSet<>();
            bean.path("properties").fieldNames().forEachRemaining(property -> {
                Matcher setting = DECLARED.matcher(property);
                if (setting.matches()) {
                    keys.add(setting.group(1));
                }
            });
            for (String secret : bean.path("properties").path("secrets").asText("").split(",")) {
                if (!secret.isBlank()) {
                    keys.add(secret.strip());
                }
            }
            if (!keys.isEmpty()) {
                declared.put(name, keys);
            }
        });
        return declared;
    }

    private static Map<String, JsonNode> beansOfEveryRoute() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, JsonNode> beans = new LinkedHashMap<>();
        for (String file : BundledRoutes.files()) {
            if (file.equals("schedule.camel.yaml")) {
                continue;
            }
            try (InputStream in = RouteKnobsTest.class.getResourceAsStream("/" + BundledRoutes.LOCATION.replace("classpath:", "") + file)) {
                for (JsonNode element : yaml.readTree(in)) {
                    for (JsonNode bean : element.path("beans")) {
                        beans.put(bean.path("name").asText(), bean);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return beans;
    }
}
