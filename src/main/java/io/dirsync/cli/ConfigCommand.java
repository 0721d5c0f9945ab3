package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.Messages;
import io.dirsync.config.AtomicFile;
import io.dirsync.config.DirectoryType;
import io.dirsync.config.Key;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        subcommands = {ConfigCommand.Get.class, ConfigCommand.ListSettings.class, ConfigCommand.Unset.class},
        description = {"Set one setting in the instance's application.properties (created from the documented"
                + " template when missing). Comments and other settings are kept; the value is checked first.",
                "Keep secrets out of the file with a reference: dirsync config ldap.password '{{env:LDAP_PASSWORD}}'"})
final class ConfigCommand implements Callable<Integer> {

    /** The documented template: config/application.properties, bundled in the jar. */
    static final String TEMPLATE = "/dirsync/application.properties";
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*#?\\s*([a-z][a-z0-9.-]*)\\s*[=:].*$");
    private static final Pattern DOCUMENTED_DEFAULT = Pattern.compile("^# ([a-z][a-z0-9.-]*)=(.*)$");
    private static final String MASK = "********";

    @Mixin
    InstanceOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY",
            description = "A key documented in config/application.properties.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The new value.")
    String value;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (key == null || value == null) {
            throw new ParameterException(spec.commandLine(), "Missing KEY and VALUE: dirsync config KEY VALUE (or"
                    + " config get KEY, config list, config unset KEY).");
        }
        requireKnown(key);
        if (!value.contains("{{")) {
            // a key several sources read is checked as the instance's source reads it
            Map<String, String> checked = new HashMap<>();
            Value type = values(options.instance()).get(DirectoryType.KEY);
            if (type != null) {
                checked.put(DirectoryType.KEY, type.value());
            }
            checked.put(key, value);
            SettingsKeys.find(key).ifPresent(known -> known.check().accept(Settings.of(checked)));
        }
        Path file = options.instance().propertiesFile();
        List<String> lines = Files.isRegularFile(file) ? readLines(file) : template();
        write(file, withSetting(lines, key, value));
        System.err.println("Saved " + key + " in " + file + ".");
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print the value the instance uses for KEY: from its application.properties, an environment"
                    + " variable, or the documented default; nothing when unset. Secrets are masked."})
    static final class Get implements Callable<Integer> {
        @Mixin
        InstanceOptions options;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            requireKnown(key);
            Value found = values(options.instance()).get(key);
            if (found != null) {
                System.out.println(found.shown());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every setting the instance has a value for, with where the value comes from"
                    + " (file, environment, default). Secrets are masked."})
    static final class ListSettings implements Callable<Integer> {
        @Mixin
        InstanceOptions options;

        @Override
        public Integer call() {
            values(options.instance()).forEach((name, found) ->
                    System.out.println(name + "=" + found.shown() + "  # " + found.origin()));
            return 0;
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = {"Remove KEY from the instance's application.properties: it goes back to its default."})
    static final class Unset implements Callable<Integer> {
        @Mixin
        InstanceOptions options;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            requireKnown(key);
            Path file = options.instance().requirePropertiesFile();
            List<String> lines = readLines(file);
            List<String> kept = lines.stream().filter(line -> !isSetting(line, key)).toList();
            if (kept.size() == lines.size()) {
                System.err.println(key + " is not set in " + file + ".");
                return 0;
            }
            write(file, kept);
            System.err.println("Removed " + key + " from " + file + ".");
            return 0;
        }
    }

    /** A value of the instance, as it would be read, and where it comes from. */
    record Value(String value, String origin, boolean secret) {
        String shown() {
            return secret ? MASK : value;
        }
    }

    /** Every setting that has a value, by key: the file's, else an environment variable's, else the default. */
    static Map<String, Value> values(Instance instance) {
        Map<String, Value> values = new TreeMap<>();
        documentedDefaults().forEach((name, documented) -> values.put(name, new Value(documented, "default",
                SettingsKeys.find(name).map(Key::secret).orElse(false))));
        for (Key known : SettingsKeys.all().values()) {
            String fromEnvironment = System.getenv(known.environmentVariable());
            if (fromEnvironment != null) {
                values.put(known.name(), new Value(fromEnvironment, "environment " + known.environmentVariable(),
                        known.secret()));
            }
        }
        Path file = instance.propertiesFile();
        if (Files.isRegularFile(file)) {
            Properties properties = DirsyncRuntime.readable(file);
            for (String name : properties.stringPropertyNames()) {
                if (values.containsKey(name) && values.get(name).origin().startsWith("environment")) {
                    continue;
                }
                boolean secret = SettingsKeys.find(name).map(Key::secret).orElse(false);
                values.put(name, new Value(properties.getProperty(name), file.toString(), secret));
            }
        }
        values.values().removeIf(found -> found.value() == null || found.value().isBlank());
        return values;
    }

    /** The template's commented defaults: {@code # key=value}. */
    static Map<String, String> documentedDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        for (String line : template()) {
            Matcher matcher = DOCUMENTED_DEFAULT.matcher(line);
            if (matcher.matches() && !matcher.group(2).isBlank()) {
                defaults.put(matcher.group(1), matcher.group(2).trim());
            }
        }
        return defaults;
    }

    private static void requireKnown(String name) {
        if (!SettingsKeys.isOurs(name) && !name.startsWith("camel.")) {
            throw new ConfigurationException("Unknown setting " + name + ": dirsync's keys start with one of "
                    + String.join(", ", new TreeSet<>(SettingsKeys.NAMESPACES)) + " and Camel's with camel.");
        }
        SettingsKeys.requireKnown(name, "the command line");
    }

    private static boolean isSetting(String line, String name) {
        Matcher matcher = KEY_LINE.matcher(line);
        return matcher.matches() && matcher.group(1).equals(name) && !line.trim().startsWith("#");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + Messages.describe(e) + ".");
        }
    }

    /** Replaces the instance's file at once, readable by its owner only (it may hold secrets). */
    private static void write(Path file, List<String> lines) {
        try {
            AtomicFile.createFolder(file.getParent());
            AtomicFile.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + Messages.describe(e) + ".");
        }
    }

    /** Replaces the key's line (or its commented default), else appends it; every other line stays. */
    static List<String> withSetting(List<String> lines, String key, String value) {
        String line = key + "=" + escape(value);
        List<String> result = new ArrayList<>(lines);
        int commented = -1;
        for (int i = 0; i < result.size(); i++) {
            Matcher matcher = KEY_LINE.matcher(result.get(i));
            if (matcher.matches() && matcher.group(1).equals(key)) {
                if (!result.get(i).trim().startsWith("#")) {
                    result.set(i, line);
                    return result;
                }
                if (commented < 0) {
                    commented = i;
                }
            }
        }
        if (commented >= 0) {
            result.add(commented + 1, line);
        } else {
            result.add(line);
        }
        return result;
    }

    static List<String> template() {
        try (InputStream in = ConfigCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
