package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Set one setting in the instance's application.properties (created from the documented"
                + " template when missing). Comments and other settings are kept.",
                "Keep secrets out of the file with a reference: dirsync config ldap.password '{{env:LDAP_PASSWORD}}'"})
final class ConfigCommand implements Callable<Integer> {

    /** The documented template: config/application.properties, bundled in the jar. */
    static final String TEMPLATE = "/dirsync/application.properties";
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*#?\\s*([a-z][a-z0-9.-]*)\\s*[=:].*$");

    @Mixin
    InstanceOptions options;

    @Parameters(index = "0", paramLabel = "KEY", description = "A key documented in config/application.properties.")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The new value.")
    String value;

    @Override
    public Integer call() {
        List<String> template = template();
        if (!knownKeys(template).contains(key) && !key.startsWith("camel.")) {
            throw new ConfigurationException("Unknown setting " + key
                    + ": see the keys documented in config/application.properties.");
        }
        Path file = options.instance().propertiesFile();
        try {
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : template;
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".application", ".tmp");
            Files.write(temp, withSetting(lines, key, value), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e.getMessage() + ".");
        }
        System.err.println("Saved " + key + " in " + file + ".");
        return 0;
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

    static Set<String> knownKeys(List<String> template) {
        Set<String> keys = new TreeSet<>();
        for (String line : template) {
            Matcher matcher = KEY_LINE.matcher(line);
            if (matcher.matches()) {
                keys.add(matcher.group(1));
            }
        }
        return keys;
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
