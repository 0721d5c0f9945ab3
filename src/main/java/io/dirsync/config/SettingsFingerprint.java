package io.dirsync.config;

import io.dirsync.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A digest of the settings that decide what a read returns and how it maps to members and groups. When it differs
 * from the one saved with the applied state, the run is full: the state then describes another selection of the
 * directory, and only a full run brings the organization in line with the new one.
 *
 * <p>Secrets are not part of it (a changed password selects the same entries, and the state file must not carry
 * anything derived from a secret); neither are scheduling, guard and transport settings. The server and
 * organization are compared separately ({@link SyncTarget}).
 */
public final class SettingsFingerprint {

    /** The keys digested, in this order (sorted by name): those the registry marks as selecting. */
    public static final List<String> KEYS = SettingsKeys.all().values().stream().filter(Key::fingerprint)
            .map(Key::name).toList();

    private SettingsFingerprint() {
    }

    /** {@code sha256:} and the hex SHA-256 of {@code key=value} lines of the set {@link #KEYS}. */
    public static String of(Settings settings) {
        StringBuilder text = new StringBuilder();
        for (String key : KEYS) {
            Optional<String> value = settings.optional(key);
            value.ifPresent(v -> text.append(key).append('=').append(v.replace("\n", "\\n")).append('\n'));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
