package io.dirsync.config;

import io.dirsync.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{file:PATH}}}: the content of a file, trimmed, for secrets that a container platform or systemd hands over as
 * files. A PATH starting with {@code $CREDENTIALS_DIRECTORY} is taken in the folder where systemd puts a unit's
 * {@code LoadCredential=} files. Camel finds the function by its name
 * ({@code META-INF/services/org/apache/camel/properties-function/file}), in every Camel context that has dirsync on
 * its class path.
 */
public final class FileSecretFunction implements PropertiesFunction {

    public static final String NAME = "file";
    static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

    private final UnaryOperator<String> environment;

    public FileSecretFunction() {
        this(System::getenv);
    }

    FileSecretFunction(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String apply(String remainder) {
        Path path = path(remainder.trim());
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw unreadable(remainder, path + " does not exist");
        } catch (IOException e) {
            throw unreadable(remainder, path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Path path(String written) {
        String variable = "$" + CREDENTIALS_DIRECTORY;
        if (written.equals(variable) || written.startsWith(variable + "/")) {
            String folder = environment.apply(CREDENTIALS_DIRECTORY);
            if (folder == null || folder.isBlank()) {
                throw unreadable(written, "$" + CREDENTIALS_DIRECTORY + " is not set (systemd sets it for a service"
                        + " with LoadCredential=)");
            }
            return Path.of(folder + written.substring(variable.length()));
        }
        return Path.of(written);
    }

    private static ConfigurationException unreadable(String remainder, String why) {
        return new ConfigurationException("cannot read {{" + NAME + ":" + remainder + "}}: " + why + ".");
    }
}
