package io.dirsync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets an instance's {@code application.properties} may hold, and the warning due when one is written there in
 * clear while the file is readable by others than its owner.
 */
public final class LiteralSecrets {

    /** Every secret key dirsync knows, for the directories it reads and for those it will. */
    public static final List<String> KEYS = SettingsKeys.all().values().stream().filter(Key::secret).map(Key::name)
            .toList();

    /** A value that is one reference, resolved at run time: {@code {{env:NAME}}}, {@code {{file:PATH}}}, a vault's. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{[^{}]+}}");

    private LiteralSecrets() {
    }

    /**
     * The warning for {@code file}, if it holds a secret in clear and its group or others may read it; empty on a file
     * system without POSIX permissions. The file must be readable (the caller has checked).
     */
    public static Optional<String> warning(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!permissions.contains(PosixFilePermission.GROUP_READ) && !permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<String> inClear = KEYS.stream().filter(key -> isLiteral(properties.getProperty(key))).toList();
        if (inClear.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(file + " holds " + String.join(", ", inClear) + " in clear and is readable by "
                + (permissions.contains(PosixFilePermission.OTHERS_READ) ? "others" : "its group") + " ("
                + PosixFilePermissions.toString(permissions) + "): chmod 600 it, or refer to the secret with"
                + " {{env:NAME}} or {{file:PATH}}.");
    }

    static boolean isLiteral(String value) {
        return value != null && !value.isBlank() && !REFERENCE.matcher(value.strip()).matches();
    }
}
