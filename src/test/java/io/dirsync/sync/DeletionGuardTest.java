package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dirsync.ConfigurationException;
import io.dirsync.bitwarden.BitwardenSettings.ServerKind;
import io.dirsync.bitwarden.OrganizationMember;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ImportRequest.Member;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The guard on plans the {@link Differ} made: an organization of {@code u0 … u99} in groups of ten
 * ({@code g0} = u0–u9, …), applied with the settings fingerprint {@code fp}.
 */
class DeletionGuardTest {

    private static final DeletionGuard TEN_PERCENT = new DeletionGuard(MaxDeletions.parse("10%"));
    private static final SyncTarget TARGET = new SyncTarget("https://api", "org", "fp");
    private static final DiffSettings SETTINGS = new DiffSettings(false, false, true, true, Duration.ZERO, false);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DeletionGuard.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(DeletionGuard.class)).detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String id(int i) {
        return "u" + i;
    }

    /** Users {@code from} … {@code to - 1}. */
    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** The directory with these users, each in its group of ten ({@code g<i/10>}); groups without users are gone. */
    private static Snapshot directory(List<Integer> users) {
        Map<String, Set<String>> groups = new TreeMap<>();
        List<DirectoryUser> read = new ArrayList<>();
        for (int i : users) {
            read.add(new DirectoryUser(id(i), id(i) + "@ex.com", false, false));
            groups.computeIfAbsent("g" + i / 10, g -> new TreeSet<>()).add(id(i));
        }
        List<DirectoryGroup> read2 = new ArrayList<>();
        groups.forEach((g, members) -> read2.add(new DirectoryGroup(g, g.toUpperCase(), members, Set.of())));
        return new Snapshot(read, read2, List.of());
    }

    /** What a sync of {@code directory(range(0, members))} left applied. */
    private static AppliedState applied(int members, String fingerprint) {
        ChangeSet first = Differ.diff(directory(range(0, members)), Optional.empty(), TARGET, SETTINGS, Instant.EPOCH);
        AppliedState state = first.nextState();
        return new AppliedState(state.apiUrl(), state.organizationId(), fingerprint, state.lastFullSync(),
                state.lastUserSync(), state.lastGroupSync(), state.users(), state.groups());
    }

    private static ChangeSet plan(Snapshot directory, AppliedState applied) {
        return plan(directory, applied, SETTINGS);
    }

    private static ChangeSet plan(Snapshot directory, AppliedState applied, DiffSettings settings) {
        return Differ.diff(directory, Optional.of(applied), TARGET, settings, Instant.EPOCH.plusSeconds(60));
    }

    private static List<Integer> without(List<Integer> users, int... gone) {
        List<Integer> kept = new ArrayList<>(users);
        for (int i : gone) {
            kept.remove(Integer.valueOf(i));
        }
        return kept;
    }

    @Test
    void removalsWithinTheLimitGoThroughAsPlanned() {
        ChangeSet changes = plan(directory(range(10, 100)), applied(100, "fp"));

        ChangeSet checked = TEN_PERCENT.check(changes, false);

        assertThat(checked.removed()).hasSize(10);
        assertThat(checked.held().isEmpty()).isTrue();
        assertThat(checked.input()).as("the plan leaves the guard without its inputs").isNull();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void overTheMemberLimitEveryRemovalIsHeldAndAdditionsStillGo() {
        // 54 of 60 leave; 3 new hires in a new group g10, u100 also in g1
        List<Integer> now = new ArrayList<>(range(54, 60));
        now.addAll(List.of(100, 101, 102));
        Snapshot directory = directory(now);
        Snapshot withNewHireInG1 = new Snapshot(directory.users(), addTo(directory.groups(), "g1", "u100"),
                List.of());

        ChangeSet held = TEN_PERCENT.check(plan(withNewHireInG1, applied(60, "fp")), false);

        assertThat(held.removed()).isEmpty();
        assertThat(held.members()).extracting(Member::externalId).containsExactly("u100", "u101", "u102");
        assertThat(held.members()).noneMatch(Member::deleted);
        assertThat(held.groupsEmptied()).isEmpty();
        assertThat(held.nextState().users()).hasSize(63).containsKeys("u0", "u53", "u100");
        assertThat(held.nextState().groups().get("g1").memberExternalIds())
                .as("g1 keeps its ten and gains the new hire").hasSize(11).contains("u10", "u100");
        assertThat(held.held().members()).hasSize(54);
        assertThat(held.held().reason()).isEqualTo("Held 54 member removals: this run would"
                + " remove 54 of 60 members (limit 10%, sync.max-deletions). Invitations and new memberships were"
                + " applied; nobody was removed and no membership taken away. Check the directory and filters; if"
                + " intended, run 'dirsync sync --allow-deletions'.");
        assertThat(held.summary()).isEqualTo("Synced: 3 invited, 0 removed, 2 groups updated; 6 users and 1 group"
                + " unchanged; held: 54 member removals");
        assertThat(warnings()).containsExactly(held.held().reason());
    }

    private static List<DirectoryGroup> addTo(List<DirectoryGroup> groups, String group, String user) {
        List<DirectoryGroup> result = new ArrayList<>();
        boolean found = false;
        for (DirectoryGroup g : groups) {
            if (g.externalId().equals(group)) {
                Set<String> members = new TreeSet<>(g.memberUserIds());
                members.add(user);
                result.add(new DirectoryGroup(group, g.name(), members, Set.of()));
                found = true;
            } else {
                result.add(g);
            }
        }
        if (!found) {
            result.add(new DirectoryGroup(group, group.toUpperCase(), Set.of(user), Set.of()));
        }
        return result;
    }

    @Test
    void membershipsTakenFromPeopleWhoStayAreCountedOnTheirOwn() {
        // everyone stays, but 7 of the 8 groups vanish: 70 of 80 memberships
        AppliedState applied = applied(80, "fp");
        Snapshot directory = directory(range(0, 80));
        Snapshot oneGroupLeft = new Snapshot(directory.users(), directory.groups().subList(0, 1), List.of());

        ChangeSet changes = plan(oneGroupLeft, applied);
        assertThat(changes.removed()).isEmpty();
        assertThat(changes.guardFacts().membershipsRemoved()).isEqualTo(70);
        assertThat(changes.guardFacts().appliedMemberships()).isEqualTo(80);

        ChangeSet held = TEN_PERCENT.check(changes, false);

        assertThat(held.isEmpty()).as("nothing to send: every group keeps its members").isTrue();
        assertThat(held.nextState().groups()).isEqualTo(applied.groups());
        assertThat(held.held().memberships()).isEqualTo(70);
        assertThat(held.held().groups()).hasSize(7);
        assertThat(held.held().reason()).startsWith("Held 70 membership removals: this run would take 70 of 80 group"
                + " memberships from people who stay (limit 10%, sync.max-deletions).");

        ChangeSet allowed = TEN_PERCENT.check(plan(oneGroupLeft, applied), true);
        assertThat(allowed.groupsEmptied()).extracting(ChangeSet.GroupChange::externalId)
                .containsExactly("g1", "g2", "g3", "g4", "g5", "g6", "g7");
    }

    @Test
    void aRemovedMembersMembershipsAreNotCountedAgain() {
        ChangeSet changes = plan(directory(without(range(0, 100), 5)), applied(100, "fp"));

        assertThat(changes.removed()).extracting(Member::externalId).containsExactly("u5");
        assertThat(changes.guardFacts().membershipsRemoved()).isZero();
    }

    @Test
    void membersDroppedFromAGroupCount() {
        AppliedState applied = applied(100, "fp");
        Snapshot directory = directory(range(0, 100));
        List<DirectoryGroup> groups = new ArrayList<>(directory.groups());
        groups.set(0, new DirectoryGroup("g0", "G0", Set.of("u0"), Set.of()));

        ChangeSet changes = plan(new Snapshot(directory.users(), groups, List.of()), applied);

        assertThat(changes.guardFacts().membershipsRemoved()).isEqualTo(9);
        assertThat(TEN_PERCENT.check(changes, false).held().isEmpty()).as("9 of 100 is within 10%").isTrue();
    }

    @Test
    void theLimitIsRoundedUpAndAFixedNumberIgnoresTheSize() {
        assertThat(TEN_PERCENT.check(plan(directory(range(1, 5)), applied(5, "fp")), false).removed()).hasSize(1);
        assertThat(TEN_PERCENT.check(plan(directory(range(2, 5)), applied(5, "fp")), false).held().members())
                .hasSize(2);

        DeletionGuard twentyFive = new DeletionGuard(MaxDeletions.count(25));
        assertThat(twentyFive.check(plan(directory(range(25, 30)), applied(30, "fp")), false).removed()).hasSize(25);
        assertThat(twentyFive.check(plan(directory(range(26, 100)), applied(100, "fp")), false).held().members())
                .hasSize(26);
    }

    @Test
    void withChangedSettingsALimitThatTripsRefusesTheRun() {
        ChangeSet changes = plan(directory(range(50, 100)), applied(100, "an older fingerprint"));

        assertThatThrownBy(() -> TEN_PERCENT.check(changes, false))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessage("Refused, nothing sent: this run would remove 50 of 100 members (limit 10%,"
                        + " sync.max-deletions), and the source settings changed since the last sync (or there is"
                        + " none), so the removals may come from the new settings. Check the directory and filters;"
                        + " if intended, run 'dirsync sync --allow-deletions'.")
                .satisfies(e -> assertThat(((GuardRefusedException) e).exitCode()).isEqualTo(3));
    }

    @Test
    void anOverwriteRunIsRefusedWholeSinceTheServerRemoves() {
        DiffSettings overwrite = new DiffSettings(false, true, true, true, Duration.ZERO, false);
        ChangeSet changes = plan(directory(range(0, 61)), applied(60, "fp"), overwrite);
        List<OrganizationMember> listed = new ArrayList<>();
        range(0, 60).forEach(i -> listed.add(new OrganizationMember("m" + i, id(i) + "@ex.com", id(i), 2, 2)));
        range(0, 18).forEach(i -> listed.add(new OrganizationMember("x" + i, "left" + i + "@ex.com", "left" + i, 2, 2)));
        listed.add(new OrganizationMember("owner", "owner@ex.com", "an-owner", 0, 2));
        ChangeSet counted = new ServerMembers(ServerKind.BITWARDEN).learn(changes, listed);

        assertThat(counted.removals()).isEqualTo(18);
        DeletionGuard ten = new DeletionGuard(MaxDeletions.count(10));
        assertThatThrownBy(() -> ten.check(counted, false))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessage("Refused, nothing sent: this run would remove 18 of 78 members (limit 10,"
                        + " sync.max-deletions). With sync.overwrite-existing the server itself removes, so no"
                        + " removal can be held back. Check the directory and filters; if intended, run 'dirsync"
                        + " sync --allow-deletions'.");
        assertThat(ten.check(counted, true).summary()).startsWith("Synced: 1 invited, 18 removed,");
    }

    @Test
    void anOverwriteToVaultwardenCannotBeCountedSoItNeedsAllowDeletions() {
        DiffSettings overwrite = new DiffSettings(false, true, true, true, Duration.ZERO, false).forVaultwarden();
        ChangeSet changes = plan(directory(range(0, 61)), applied(60, "fp"), overwrite);

        assertThat(new ServerMembers(ServerKind.VAULTWARDEN).needed(changes)).isFalse();
        assertThatThrownBy(() -> TEN_PERCENT.check(changes, false))
                .hasMessageStartingWith("Refused, nothing sent: the members an overwrite run removes on the server"
                        + " cannot be counted, since the server cannot list its members (bitwarden.server=vaultwarden).");
        assertThat(TEN_PERCENT.check(changes, true).invited()).hasSize(1);
        assertThat(TEN_PERCENT.check(plan(directory(range(0, 60)), applied(60, "fp"), overwrite), false).isEmpty())
                .as("an overwrite run with nothing to send is not refused").isTrue();
    }

    @Test
    void allowDeletionsLetsEveryRemovalThroughWithAWarning() {
        ChangeSet checked = TEN_PERCENT.check(plan(directory(range(90, 100)), applied(100, "fp")), true);

        assertThat(checked.removed()).hasSize(90);
        assertThat(checked.held().isEmpty()).isTrue();
        assertThat(warnings()).containsExactly(
                "Allowed by --allow-deletions: this run would remove 90 of 100 members (limit 10%, sync.max-deletions)");
    }

    @Test
    void anEmptyReadWhereMembersWereAppliedIsRefused() {
        assertThatThrownBy(() -> TEN_PERCENT.check(plan(directory(List.of()), applied(100, "fp")), false))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessage("Refused, nothing sent: the directory returned no users and no groups, but 100 members"
                        + " and 10 groups were synced before. Check the directory and filters; if intended, run"
                        + " 'dirsync sync --allow-deletions'.");
        Snapshot noUsers = new Snapshot(List.of(), directory(range(0, 1)).groups(), List.of());
        assertThatThrownBy(() -> TEN_PERCENT.check(plan(noUsers, applied(1, "fp")), false))
                .hasMessageStartingWith("Refused, nothing sent: the directory returned no users, but 1 member was"
                        + " synced before.");
    }

    @Test
    void anEmptyReadIsFineWhenNothingWasApplied() {
        AppliedState nothing = new AppliedState("https://api", "org", "fp", null, null, null, Map.of(), Map.of());

        assertThat(TEN_PERCENT.check(plan(directory(List.of()), nothing), false).isEmpty()).isTrue();
    }

    @Test
    void anAllowedEmptyReadIsStillWarnedAbout() {
        TEN_PERCENT.check(plan(directory(List.of()), applied(10, "fp")), true);

        assertThat(warnings()).containsExactly(
                "Allowed by --allow-deletions: the directory returned no users and no groups, but 10 members and"
                        + " 1 group were synced before",
                "Allowed by --allow-deletions: this run would remove 10 of 10 members (limit 10%, sync.max-deletions)");
    }

    @Test
    void readsTheLimitFromTheContextAtEachCall() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            DeletionGuard guard = new DeletionGuard();
            guard.setCamelContext(context);

            assertThat(guard.check(plan(directory(range(11, 100)), applied(100, "fp")), false).held().members())
                    .hasSize(11);

            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "50");
            assertThat(guard.check(plan(directory(range(50, 100)), applied(100, "fp")), false).removed()).hasSize(50);

            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "lots");
            assertThatThrownBy(() -> guard.check(plan(directory(range(0, 100)), applied(100, "fp")), false))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting sync.max-deletions=lots:");
        }
    }
}
