package io.dirsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.config.Key;
import io.dirsync.config.SettingsKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * deploy/ cannot be run here (no container engine, no cluster, no systemd): what can be checked is that what its
 * files tell the jar is what the jar accepts. The command lines parse as 'dirsync run', every setting they make names
 * a key dirsync or Camel knows, and the parts an operator relies on are there.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final String STATE = "/var/lib/dirsync";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the arguments after {@code -jar JAR} as the jar would, and checks they start 'run' on /etc/dirsync. */
    private static CommandLine.ParseResult assertRunCommand(List<String> args) {
        String[] line = args.toArray(new String[0]);
        CommandLine.ParseResult parsed = DirsyncCommand.commandLine(line).parseArgs(line);
        assertThat(parsed.subcommand()).as("a command in %s", args).isNotNull();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(parsed.subcommand().matchedOptionValue("--config", (Path) null)).isEqualTo(Path.of("/etc/dirsync"));
        return parsed;
    }

    private static List<String> afterJar(List<String> command) {
        int jar = command.indexOf("-jar");
        assertThat(jar).as("java -jar in %s", command).isNotNegative();
        return command.subList(jar + 2, command.size());
    }

    /** Camel's and dirsync's keys, by the environment variable that sets each (CAMEL_MANAGEMENT_PORT, STATE_DIR). */
    private static Set<String> variablesKnown() throws IOException {
        Set<String> known = new HashSet<>();
        SettingsKeys.all().values().stream().map(Key::environmentVariable).forEach(known::add);
        camelKeys().forEach(key -> known.add(key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)
                .replace('.', '_')));
        return known;
    }

    private static Set<String> camelKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        try (InputStream metadata = DeployFilesTest.class.getResourceAsStream(
                "/META-INF/camel-main-configuration-metadata.json")) {
            for (JsonNode property : JSON.readTree(metadata).get("properties")) {
                keys.add(property.get("name").asText());
            }
        }
        return keys;
    }

    @Test
    void theSystemdUnitRunsTheInstanceSandboxedAndStopsCleanly() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("systemd/dirsync.service"));
        Map<String, List<String>> unit = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            Matcher setting = Pattern.compile("^([A-Za-z]+)=(.*)$").matcher(line);
            if (setting.matches()) {
                unit.computeIfAbsent(setting.group(1), k -> new ArrayList<>()).add(setting.group(2));
            }
        }

        assertThat(unit.get("ExecStart")).hasSize(1);
        assertRunCommand(afterJar(Arrays.asList(unit.get("ExecStart").get(0).split("\\s+"))));
        assertThat(unit.get("SuccessExitStatus")).as("the JVM's exit on SIGTERM").containsExactly("143");
        assertThat(unit.get("ProtectSystem")).containsExactly("strict");
        assertThat(unit.get("NoNewPrivileges")).containsExactly("true");
        assertThat(unit.get("ReadWritePaths")).containsExactly(STATE);
        assertThat(unit).containsKey("EnvironmentFile");
        assertThat(unit.get("User")).containsExactly("dirsync");
        Set<String> known = variablesKnown();
        for (String environment : unit.get("Environment")) {
            String name = environment.substring(0, environment.indexOf('='));
            assertThat(known).as("the key %s sets", name).contains(name);
        }
        assertThat(unit.get("Environment")).contains("STATE_DIR=" + STATE);
    }

    @Test
    void systemdHasNothingToSayAboutTheUnit() throws IOException, InterruptedException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Process verify = new ProcessBuilder(analyze.toString(), "verify", "--man=no",
                DEPLOY.resolve("systemd/dirsync.service").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(verify.waitFor()).isZero();
        assertThat(said).as("what systemd-analyze verify says (a misspelt key, a bad value)").isBlank();
    }

    @Test
    void theImageRunsTheInstanceAsAnotherUserThanRoot() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        List<String> command = new ArrayList<>(jsonArray(dockerfile, "ENTRYPOINT"));
        command.addAll(jsonArray(dockerfile, "CMD"));
        assertRunCommand(afterJar(command));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").doesNotStartWith("root");
        assertThat(jsonArray(dockerfile, "VOLUME")).containsExactlyInAnyOrder("/etc/dirsync", STATE);
        Matcher env = Pattern.compile("(?m)^(?:ENV|    )\\s*([A-Z_]+)=(\\S+)").matcher(dockerfile);
        Set<String> known = variablesKnown();
        Properties set = new Properties();
        while (env.find()) {
            assertThat(known).as("the key %s sets", env.group(1)).contains(env.group(1));
            set.setProperty(env.group(1), env.group(2));
        }
        assertThat(set).containsEntry("STATE_DIR", STATE).containsEntry("CAMEL_MANAGEMENT_HOST", "0.0.0.0");
        assertThat(dockerfile).contains("EXPOSE " + set.getProperty("CAMEL_MANAGEMENT_PORT"));
    }

    private static List<String> jsonArray(String dockerfile, String instruction) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + instruction + " (\\[.*])$").matcher(dockerfile);
        assertThat(matcher.find()).as(instruction).isTrue();
        List<String> values = new ArrayList<>();
        JSON.readTree(matcher.group(1)).forEach(v -> values.add(v.asText()));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        Load yaml = new Load(LoadSettings.builder().build());
        try (var files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.sorted().toList()) {
                for (Object document : yaml.loadAllFromString(Files.readString(file))) {
                    if (document instanceof Map<?, ?> map && map.containsKey("kind")) {
                        documents.add((Map<String, Object>) map);
                    }
                }
            }
        }
        return documents;
    }

    private static Map<String, Object> one(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
            assertThat(current).as("%s in %s", step, String.join(".", path)).isNotNull();
        }
        return (T) current;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesManifestsRunTwoReplicasThatElectALeaderThroughALease() throws IOException {
        List<Map<String, Object>> manifests = manifests();
        Map<String, Object> deployment = one(manifests, "Deployment");
        assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(2);
        Map<String, Object> pod = at(deployment, "spec", "template", "spec");
        Map<String, Object> container = at(pod, "containers", "0");

        CommandLine.ParseResult parsed = assertRunCommand((List<String>) container.get("args"));
        Path routes = parsed.subcommand().matchedOptionValue("--routes", (Path) null);

        Map<String, String> env = new java.util.HashMap<>();
        Set<String> known = variablesKnown();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
            assertThat(known).as("the key %s sets", variable.get("name")).contains((String) variable.get("name"));
            env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        int port = Integer.parseInt(env.get("CAMEL_MANAGEMENT_PORT"));
        assertThat(env).containsEntry("CAMEL_MANAGEMENT_HOST", "0.0.0.0").containsEntry("STATE_DIR", STATE);
        assertThat((Integer) at(container, "ports", "0", "containerPort")).isEqualTo(port);
        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/observe/health/live");
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/observe/health/ready");
        assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();

        Map<String, String> mounts = new java.util.HashMap<>();
        for (Map<String, Object> mount : (List<Map<String, Object>>) container.get("volumeMounts")) {
            mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
        }
        Map<String, Map<String, Object>> volumes = new java.util.HashMap<>();
        for (Map<String, Object> volume : (List<Map<String, Object>>) pod.get("volumes")) {
            volumes.put((String) volume.get("name"), volume);
        }
        String claim = at(volumes.get(mounts.get(STATE)), "persistentVolumeClaim", "claimName");
        Map<String, Object> pvc = one(manifests, "PersistentVolumeClaim");
        assertThat((String) at(pvc, "metadata", "name")).isEqualTo(claim);
        assertThat((List<String>) at(pvc, "spec", "accessModes")).containsExactly("ReadWriteMany");
        assertThat((String) at(volumes.get(mounts.get(routes.toString())), "configMap", "name")).isEqualTo("dirsync-routes");

        // the instance's settings: every key known, the Kubernetes leader election on
        String configMap = at(volumes.get(mounts.get("/etc/dirsync")), "configMap", "name");
        Map<String, Object> config = manifests.stream().filter(m -> "ConfigMap".equals(m.get("kind"))
                && configMap.equals(at(m, "metadata", "name"))).findFirst().orElseThrow();
        Properties settings = new Properties();
        settings.load(new StringReader(at(config, "data", "application.properties")));
        settings.stringPropertyNames().forEach(key -> SettingsKeys.requireKnown(key, "the ConfigMap"));
        assertThat(settings).containsEntry("cluster.type", "kubernetes");
        String secret = at(container, "envFrom", "0", "secretRef", "name");
        Map<String, Object> secrets = one(manifests, "Secret");
        assertThat((String) at(secrets, "metadata", "name")).isEqualTo(secret);
        for (String reference : settings.stringPropertyNames().stream().map(settings::getProperty)
                .filter(v -> v.startsWith("{{env:")).toList()) {
            assertThat(((Map<String, Object>) at(secrets, "stringData")).keySet())
                    .contains(reference.substring("{{env:".length(), reference.length() - 2));
        }

        // the service account may use Leases
        String account = (String) pod.get("serviceAccountName");
        assertThat((String) at(one(manifests, "ServiceAccount"), "metadata", "name")).isEqualTo(account);
        Map<String, Object> binding = one(manifests, "RoleBinding");
        assertThat((String) at(binding, "subjects", "0", "name")).isEqualTo(account);
        Map<String, Object> role = one(manifests, "Role");
        assertThat((String) at(binding, "roleRef", "name")).isEqualTo(at(role, "metadata", "name"));
        List<Map<String, Object>> rules = at(role, "rules");
        assertThat(rules).anySatisfy(rule -> {
            assertThat((List<String>) rule.get("apiGroups")).containsExactly("coordination.k8s.io");
            assertThat((List<String>) rule.get("resources")).containsExactly("leases");
            assertThat((List<String>) rule.get("verbs")).contains("get", "create", "update");
        });
    }
}
