package io.dirsync.config;

import io.dirsync.ConfigurationException;
import io.dirsync.DirsyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed, validated access to dirsync's properties. Every reader of configuration goes through here, so a
 * wrong value always gets the same one-line message naming its key. Blank values count as unset.
 */
public final class Settings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])", Pattern.CASE_INSENSITIVE);

    private final Function<String, Optional<String>> lookup;
    private final Function<String, Optional<String>> unresolved;

    public Settings(Function<String, Optional<String>> lookup) {
        this(lookup, key -> Optional.empty());
    }

    /** @param unresolved the values as written, before placeholders resolve: only read to explain a missing value */
    public Settings(Function<String, Optional<String>> lookup, Function<String, Optional<String>> unresolved) {
        this.lookup = lookup;
        this.unresolved = unresolved;
    }

    /** Properties as the Camel context resolves them: instance file, overrides, {{env:…}} and friends. */
    public static Settings of(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        return new Settings(key -> resolve(properties, key),
                key -> Optional.ofNullable(properties.loadProperties().getProperty(key)));
    }

    /**
     * These settings under what a route declares: a declared value wins; any other key is looked up here. Every key
     * asked for is told to {@code reading}.
     */
    public Settings under(Map<String, String> declared, Consumer<String> reading) {
        return new Settings(key -> {
            reading.accept(key);
            return declared.containsKey(key) ? Optional.ofNullable(declared.get(key)) : lookup.apply(key);
        }, unresolved);
    }

    /** A reference that cannot be resolved (the file of a {@code {{file:…}}} is missing) is named with its key. */
    private static Optional<String> resolve(PropertiesComponent properties, String key) {
        try {
            return properties.resolveProperty(key);
        } catch (RuntimeException e) {
            Optional<DirsyncException> cause = DirsyncException.within(e);
            if (cause.isPresent() && cause.get() instanceof ConfigurationException) {
                throw new ConfigurationException("Invalid setting " + key + ": " + cause.get().getMessage());
            }
            throw e;
        }
    }

    /**
     * Names the key behind a route that cannot load. A route resolves the settings it declares as it loads, so a
     * setting that refers to what is not there ({@code {{env:NAME}}} unset, {@code {{file:PATH}}} missing) fails the
     * load, with Camel's message naming the reference but not the key: this is the one-line error a call would give.
     */
    public static Optional<ConfigurationException> keyBehind(Throwable loadFailure, CamelContext context) {
        if (context == null) {
            return Optional.empty();
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = loadFailure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        Settings settings = of(context);
        for (Key key : SettingsKeys.all().values()) {
            Optional<String> raw = settings.unresolved.apply(key.name()).map(String::trim);
            if (raw.isEmpty() || !raw.get().contains("{{") || !messages.toString().contains(raw.get())) {
                continue;
            }
            try {
                if (settings.optional(key.name()).isEmpty()) {
                    return Optional.of(new ConfigurationException(settings.missing(key.name(), "a value")));
                }
            } catch (ConfigurationException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Fixed values, for tests and for commands that bring their own settings. */
    public static Settings of(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }

    public Optional<String> optional(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Whether the key is there at all, even blank: {@code sync.user-path=} means "the whole domain" in AD mode. */
    public boolean isSet(String key) {
        return lookup.apply(key).isPresent();
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String required(String key, String what) {
        return optional(key).orElseThrow(() -> new ConfigurationException(missing(key, what)));
    }

    /** Says why a required key has no value: never set, or set to a reference that resolves to nothing. */
    public String missing(String key, String what) {
        return unresolved.apply(key).filter(raw -> raw.contains("{{"))
                .map(raw -> "Missing setting " + key + ": " + raw.trim() + " resolves to nothing (is that environment"
                        + " variable or system property set?).")
                .orElse("Missing setting " + key + ": set it to " + what + ".");
    }

    public Optional<Secret> secret(String key) {
        return optional(key).map(Secret::of);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(
                    "Invalid setting " + key + "=" + value.get() + ": expected true or false.");
        };
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid setting " + key + "=" + value.get()
                    + ": expected a whole number from " + min + " to " + max + ".");
        }
    }

    /**
     * A length of time: a whole number with a unit ({@code 90s}, {@code 90m}, {@code 24h}, {@code 2d}), {@code 0}
     * for none, or ISO-8601 ({@code PT1H30M}). Negative durations are refused.
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.get());
        if (parsed == null || parsed.isNegative()) {
            throw new ConfigurationException("Invalid setting " + key + "=" + value.get()
                    + ": expected a duration such as 90m, 24h or 2d (0 for none).");
        }
        return parsed;
    }

    private static Duration parseDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher simple = SIMPLE_DURATION.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (Character.toLowerCase(simple.group(2).charAt(0))) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** A path to a file that must exist and be readable. */
    public Optional<Path> readableFile(String key) {
        return optional(key).map(v -> {
            Path path = Path.of(v);
            if (!Files.isReadable(path) || Files.isDirectory(path)) {
                throw new ConfigurationException("Invalid setting " + key + "=" + v + ": no readable file there.");
            }
            return path;
        });
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Class<E> type = defaultValue.getDeclaringClass();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.get())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : "|").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigurationException("Invalid setting " + key + "=" + value.get() + ": expected " + allowed + ".");
    }
}
