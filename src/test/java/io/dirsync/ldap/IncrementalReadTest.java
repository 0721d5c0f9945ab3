package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When an incremental read may follow its cache, and why not when it may not (the LDAP side is in the Samba tests). */
class IncrementalReadTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final String NTDS = "CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,"
            + "CN=Configuration,DC=example,DC=test";
    private static final DirectoryCache.Cursor NOW_CURSOR = new DirectoryCache.Cursor(NTDS, "inv-1", 5000);
    private static final LdapSettings AD = LdapSettings.from(Settings.of(Map.of("ldap.url", "ldap://127.0.0.1:389",
            "ldap.root-path", "DC=example,DC=test", "ldap.active-directory", "true", "ldap.incremental", "true")));

    private static IncrementalRead reader(Duration fullEvery, boolean forceFull) {
        return new IncrementalRead(AD, new SyncSettings(true, true), new IncrementalRead.Options(
                new DirectoryCacheFile(Path.of("unused")), "sha256:now", fullEvery, forceFull,
                Clock.fixed(NOW, java.time.ZoneOffset.UTC)));
    }

    private static String whyFull(DirectoryCache cache) {
        return reader(Duration.ofHours(24), false).whyFull(Optional.of(cache), NOW_CURSOR, NOW);
    }

    private static DirectoryCache cache(DirectoryCache.Cursor cursor, String fingerprint, Instant fullReadAt) {
        return new DirectoryCache(DirectoryCache.FORMAT_VERSION, cursor, fingerprint, fullReadAt.toString(), List.of(),
                List.of(), Map.of());
    }

    private static DirectoryCache good() {
        return cache(new DirectoryCache.Cursor(NTDS.toLowerCase(), "INV-1", 4000), "sha256:now", NOW.minusSeconds(3600));
    }

    @Test
    void aCacheOfTheSameDomainControllerAndSettingsYoungerThanFullEveryIsFollowed() {
        assertThat(whyFull(good())).isNull();
        assertThat(whyFull(cache(new DirectoryCache.Cursor(NTDS, "inv-1", 5000), "sha256:now", NOW.minusSeconds(60))))
                .as("nothing happened since").isNull();
    }

    @Test
    void everyDoubtIsAFullReadWithItsReason() {
        assertThat(reader(Duration.ofHours(24), true).whyFull(Optional.of(good()), NOW_CURSOR, NOW))
                .isEqualTo("asked for (sync --full)");
        assertThat(reader(Duration.ofHours(24), false).whyFull(Optional.empty(), NOW_CURSOR, NOW))
                .isEqualTo("no directory cache yet");
        assertThat(whyFull(new DirectoryCache(DirectoryCache.FORMAT_VERSION + 1, good().cursor(), "sha256:now",
                good().fullReadAt(), List.of(), List.of(), Map.of()))).startsWith("the directory cache has format");
        assertThat(whyFull(cache(good().cursor(), "sha256:before", NOW.minusSeconds(60))))
                .isEqualTo("settings changed since the directory cache was read");
        assertThat(whyFull(cache(new DirectoryCache.Cursor(NTDS.replace("DC1", "DC2"), "inv-1", 4000), "sha256:now",
                NOW.minusSeconds(60)))).startsWith("domain controller changed (" + NTDS);
        assertThat(whyFull(cache(new DirectoryCache.Cursor(NTDS, "inv-0", 4000), "sha256:now", NOW.minusSeconds(60))))
                .startsWith("the domain controller's invocationId changed");
        assertThat(whyFull(cache(new DirectoryCache.Cursor(NTDS, "inv-1", 6000), "sha256:now", NOW.minusSeconds(60))))
                .isEqualTo("the domain controller's highestCommittedUSN went back from 6000 to 5000");
        assertThat(whyFull(cache(good().cursor(), "sha256:now", NOW.minus(Duration.ofHours(24)))))
                .isEqualTo("the last full read was at 2030-05-31T12:00:00Z (a full read every sync.full-every, 1d)");
        assertThat(whyFull(cache(good().cursor(), "sha256:now", NOW.plusSeconds(60)))).contains("in the future");
    }

    @Test
    void aCacheIsFollowedForAtMostThirtyDaysWhateverFullEverySays() {
        DirectoryCache weekOld = cache(good().cursor(), "sha256:now", NOW.minus(Duration.ofDays(7)));
        DirectoryCache monthOld = cache(good().cursor(), "sha256:now", NOW.minus(Duration.ofDays(30)));
        for (Duration fullEvery : List.of(Duration.ZERO, Duration.ofDays(90))) {
            IncrementalRead reader = reader(fullEvery, false);
            assertThat(reader.whyFull(Optional.of(weekOld), NOW_CURSOR, NOW)).as("%s", fullEvery).isNull();
            assertThat(reader.whyFull(Optional.of(monthOld), NOW_CURSOR, NOW)).as("%s", fullEvery)
                    .isEqualTo("the last full read was at 2030-05-02T12:00:00Z (a full read every 30d)");
        }
        assertThat(reader(Duration.ofMinutes(90), false).whyFull(Optional.of(good()), NOW_CURSOR, NOW))
                .isNull();
        assertThat(reader(Duration.ofMinutes(30), false).whyFull(Optional.of(good()), NOW_CURSOR, NOW))
                .endsWith("(a full read every sync.full-every, 30m)");
    }
}
