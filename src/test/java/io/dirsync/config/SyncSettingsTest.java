package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

    private static SyncSettings read(Map<String, String> values) {
        return SyncSettings.from(Settings.of(values));
    }

    @Test
    void defaultsFollowBwdcsNewInstalls() {
        SyncSettings settings = read(Map.of());

        assertThat(settings).isEqualTo(new SyncSettings(true, true, false, false, false, false,
                Duration.ofHours(24)));
        assertThat(settings).isEqualTo(new SyncSettings(true, true));
    }

    @Test
    void everyKeyIsRead() {
        SyncSettings settings = read(Map.of(
                "sync.users", "false",
                "sync.groups", "no",
                "sync.remove-disabled", "true",
                "sync.overwrite-existing", "yes",
                "sync.large-import", "on",
                "sync.invite-users-after-provisioning", "true",
                "sync.full-every", "90m"));

        assertThat(settings).isEqualTo(new SyncSettings(false, false, true, true, true, true,
                Duration.ofMinutes(90)));
    }

    @Test
    void fullEveryAcceptsUnitsZeroAndIso() {
        assertThat(read(Map.of("sync.full-every", "24h")).fullEvery()).isEqualTo(Duration.ofHours(24));
        assertThat(read(Map.of("sync.full-every", "2d")).fullEvery()).isEqualTo(Duration.ofDays(2));
        assertThat(read(Map.of("sync.full-every", "90m")).fullEvery()).isEqualTo(Duration.ofMinutes(90));
        assertThat(read(Map.of("sync.full-every", "45s")).fullEvery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(read(Map.of("sync.full-every", " 12H ")).fullEvery()).isEqualTo(Duration.ofHours(12));
        assertThat(read(Map.of("sync.full-every", "0")).fullEvery()).isEqualTo(Duration.ZERO);
        assertThat(read(Map.of("sync.full-every", "PT1H30M")).fullEvery()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void badFullEveryNamesTheKey() {
        for (String bad : new String[] {"24", "1w", "-1h", "h", "PT-1H", "soon"}) {
            assertThatThrownBy(() -> read(Map.of("sync.full-every", bad)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Invalid setting sync.full-every=" + bad
                            + ": expected a duration such as 90m, 24h or 2d (0 for none).");
        }
    }

    @Test
    void badBooleanNamesTheKey() {
        assertThatThrownBy(() -> read(Map.of("sync.remove-disabled", "maybe")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting sync.remove-disabled=maybe: expected true or false.");
    }
}
