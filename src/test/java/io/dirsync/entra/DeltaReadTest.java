package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.config.Settings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a delta read may follow its links, what it asks Graph for, and what it leaves for the commit to write. */
class DeltaReadTest {

    /** A sync's read, as the run asks for it: with the fingerprint the run took of its settings. */
    private static final ReadOptions RUN = new ReadOptions(false, false, "sha256:now");
    private static final ReadOptions FULL_RUN = new ReadOptions(true, false, "sha256:now");

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeltaRead.Rounds BOTH = new DeltaRead.Rounds(true, true);

    @TempDir
    Path state;

    /** Graph's delta rounds, scripted: the first round of each list, then one change, then nothing. */
    private final List<URI> asked = new ArrayList<>();
    private boolean refuseLinks;

    private DeltaRound round(URI start) {
        asked.add(start);
        String list = start.getPath().contains("/users/") ? "users" : "groups";
        String token = start.getQuery() != null && start.getQuery().contains("$deltatoken=")
                ? start.getQuery().substring(start.getQuery().indexOf("$deltatoken=") + 12) : null;
        if (token != null && refuseLinks) {
            throw new DeltaRound.LinkRefused("Microsoft Graph answered 410 to GET " + start + ".");
        }
        String items = switch (list + (token == null ? "" : ":" + token)) {
            case "users" -> "[{\"id\":\"u1\",\"mail\":\"ann@x.com\",\"accountEnabled\":true},"
                    + "{\"id\":\"u2\",\"mail\":\"bob@x.com\",\"accountEnabled\":true}]";
            case "groups" -> "[{\"id\":\"g1\",\"displayName\":\"Team\",\"members@delta\":["
                    + "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"}]}]";
            case "users:1" -> "[{\"id\":\"u2\",\"accountEnabled\":false}]";
            case "groups:1" -> "[{\"id\":\"g1\",\"members@delta\":[{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u2\"}]}]";
            default -> "[]";
        };
        List<JsonNode> nodes = new ArrayList<>();
        try {
            JSON.readTree(items).forEach(nodes::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int next = token == null ? 1 : Integer.parseInt(token) + 1;
        return new DeltaRound(nodes, "https://graph.example/v1.0/" + list + "/delta?$deltatoken=" + next);
    }

    private DeltaRead reader(Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("entra.tenant", "contoso.onmicrosoft.com",
                "entra.application-id", "app", "entra.key", "secret", "entra.graph-url", "https://graph.example",
                "entra.delta", "true", "state.dir", state.toString()));
        settings.putAll(more);
        return new DeltaRead(Settings.of(settings), this::round, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aFirstReadIsFullAndItsCacheWaitsForTheCommit() {
        DeltaRead.Outcome first = reader(Map.of()).read(RUN);

        assertThat(first.fullReadReason()).isEqualTo("no delta links yet");
        assertThat(asked).extracting(URI::toString).containsExactly(
                "https://graph.example/v1.0/users/delta?$select=id,mail,userPrincipalName,accountEnabled",
                "https://graph.example/v1.0/groups/delta?$select=displayName,members");
        assertThat(first.read().users()).extracting(DirectoryUser::externalId).containsExactly("u1", "u2");
        assertThat(first.read().groups()).containsExactly(new DirectoryGroup("g1", "Team", Set.of("u1"), Set.of()));
        assertThat(first.update().file()).isEqualTo(state.resolve("cache").resolve("entra-delta.json"));
        assertThat(first.update().file()).as("written when the run commits, not by the read").doesNotExist();
    }

    @Test
    void aReadFromCommittedLinksAsksOnlyForChangesAndMergesThem() {
        reader(Map.of()).read(RUN).update().write();
        asked.clear();

        DeltaRead.Outcome next = reader(Map.of()).read(RUN);

        assertThat(next.fullReadReason()).isNull();
        assertThat(asked).extracting(URI::toString).containsExactly(
                "https://graph.example/v1.0/users/delta?$deltatoken=1", "https://graph.example/v1.0/groups/delta?$deltatoken=1");
        assertThat(next.read().users()).containsExactly(new DirectoryUser("u1", "ann@x.com", false, false),
                new DirectoryUser("u2", "bob@x.com", true, false));
        assertThat(next.read().groups()).containsExactly(new DirectoryGroup("g1", "Team", Set.of("u1", "u2"), Set.of()));

        // not committed: the same links again
        asked.clear();
        reader(Map.of()).read(RUN);
        assertThat(asked).extracting(URI::toString).allMatch(url -> url.endsWith("$deltatoken=1"));
    }

    @Test
    void aRefusedLinkIsAFullReadButARefusalOfAFullReadFailsIt() {
        reader(Map.of()).read(RUN).update().write();
        refuseLinks = true;
        asked.clear();

        DeltaRead.Outcome refused = reader(Map.of()).read(RUN);

        assertThat(refused.fullReadReason()).startsWith("Microsoft Graph refused the delta link (Microsoft Graph"
                + " answered 410 to GET https://graph.example/v1.0/users/delta?$deltatoken=1");
        assertThat(asked).extracting(URI::toString).filteredOn(url -> url.contains("$select")).hasSize(2);
        assertThat(refused.read().users()).hasSize(2);
    }

    @Test
    void onlyTheListsTheReadNeedsAreFollowed() {
        DeltaRead.Outcome usersOnly = reader(Map.of("sync.groups", "false")).read(RUN);
        assertThat(asked).extracting(URI::getPath).containsExactly("/v1.0/users/delta");
        assertThat(usersOnly.read().groups()).isEmpty();

        asked.clear();
        reader(Map.of("sync.groups", "false", "sync.user-filter", "excludeGroup:Team")).read(RUN);
        assertThat(asked).extracting(URI::getPath).as("excludeGroup needs the groups' members")
                .containsExactly("/v1.0/users/delta", "/v1.0/groups/delta");
    }

    @Test
    void deltaAppliesToASyncsReadOfTheWholeTenantOnly() {
        assertThat(reader(Map.of()).applies(RUN)).isTrue();
        assertThat(reader(Map.of()).applies(null)).as("a route called with no run").isFalse();
        assertThat(reader(Map.of()).applies(ReadOptions.SYNC)).as("a read no run fingerprinted").isFalse();
        assertThat(reader(Map.of()).applies(FULL_RUN)).as("sync --full").isTrue();
        assertThat(reader(Map.of()).applies(ReadOptions.forTest())).as("dirsync test").isFalse();
        assertThat(reader(Map.of("sync.user-filter", "includeGroup:Team")).applies(RUN)).isFalse();
        assertThat(reader(Map.of("entra.delta", "false")).applies(RUN)).isFalse();
    }

    private static DeltaCache cache(String fingerprint, Instant fullReadAt) {
        return new DeltaCache(DeltaCache.FORMAT_VERSION, fingerprint, fullReadAt.toString(), "u", "g", List.of(), List.of());
    }

    private static String whyFull(ReadOptions options, DeltaCache cache, DeltaRead.Rounds needed, Duration fullEvery) {
        return DeltaRead.whyFull(options, Optional.ofNullable(cache), "sha256:now", needed, fullEvery, NOW);
    }

    @Test
    void everyDoubtIsAFullReadWithItsReason() {
        Duration day = Duration.ofHours(24);
        DeltaCache good = cache("sha256:now", NOW.minusSeconds(3600));
        assertThat(whyFull(RUN, good, BOTH, day)).isNull();

        assertThat(whyFull(FULL_RUN, good, BOTH, day)).isEqualTo("asked for (sync --full)");
        assertThat(whyFull(RUN, null, BOTH, day)).isEqualTo("no delta links yet");
        assertThat(whyFull(RUN, new DeltaCache(2, "sha256:now", good.fullReadAt(), "u", "g", List.of(),
                List.of()), BOTH, day)).isEqualTo("the delta cache has format 2, this dirsync writes 1");
        assertThat(whyFull(RUN, cache("sha256:before", NOW.minusSeconds(60)), BOTH, day))
                .isEqualTo("settings changed since the delta links were kept");
        assertThat(whyFull(RUN, good, new DeltaRead.Rounds(true, false), day))
                .isEqualTo("the delta cache follows other lists than this read needs");
        assertThat(whyFull(RUN, cache("sha256:now", NOW.minus(day)), BOTH, day))
                .isEqualTo("the last full read was at 2030-05-31T12:00:00Z (a full read every sync.full-every, 1d)");
        assertThat(whyFull(RUN, cache("sha256:now", NOW.plusSeconds(60)), BOTH, day)).contains("future");
        assertThat(whyFull(RUN, cache("sha256:now", NOW.minus(Duration.ofDays(30))), BOTH, Duration.ZERO))
                .isEqualTo("the last full read was at 2030-05-02T12:00:00Z (a full read every 30d)");
        assertThat(whyFull(RUN, cache("sha256:now", NOW.minus(Duration.ofDays(29))), BOTH, Duration.ZERO))
                .isNull();
    }

    @Test
    void anUnreadableCacheIsAReasonNotAnError() throws Exception {
        Path file = state.resolve("cache").resolve("entra-delta.json");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "{\"formatVersion\":1,\"settingsFingerprint\":");

        DeltaRead.Outcome outcome = reader(Map.of()).read(RUN);

        assertThat(outcome.fullReadReason()).startsWith("the delta cache " + file + " is unreadable (");
    }

    @Test
    void aKeptLinkToAnotherOriginIsNotFollowed() throws Exception {
        DeltaRead.Outcome first = reader(Map.of()).read(RUN);
        String content = new String(first.update().content()).replace("https://graph.example/v1.0/users/delta",
                "https://elsewhere.example/v1.0/users/delta");
        java.nio.file.Files.createDirectories(first.update().file().getParent());
        java.nio.file.Files.writeString(first.update().file(), content);

        assertThatThrownBy(() -> reader(Map.of()).read(RUN)).hasMessageContaining("another origin")
                .hasMessageContaining("entra.graph-url");
    }
}
