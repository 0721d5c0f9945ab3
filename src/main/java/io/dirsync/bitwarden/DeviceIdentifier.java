package io.dirsync.bitwarden;

import io.dirsync.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The stable device identifier of one dirsync instance, kept beside its state: Bitwarden servers record
 * a device per identifier, so a new one per run would pile up devices.
 */
final class DeviceIdentifier {

    static final String FILE = "device-id";

    private DeviceIdentifier() {
    }

    static synchronized String of(Path stateFolder) {
        Path file = stateFolder.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(stateFolder);
            String created = UUID.randomUUID().toString();
            Files.writeString(file, created + "\n", StandardCharsets.UTF_8);
            return created;
        } catch (IOException e) {
            throw new ConfigurationException("Cannot keep the device identifier in " + file + ": " + e.getMessage()
                    + ". Check state.dir.");
        }
    }
}
