package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ImportRequest.Group;
import io.dirsync.model.ImportRequest.Member;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import io.dirsync.sync.ChangeSet.EmailChange;
import io.dirsync.sync.ChangeSet.GroupChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DifferTest {

    private static final String API = "https://api.bitwarden.com";
    private static final String ORG = "org-1";
    private static final SyncTarget TARGET = new SyncTarget(API, ORG, "fp-1");
    private static final Instant NOW = Instant.parse("2026-08-14T12:00:00Z");
    private static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));
    private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

    private static final DiffSettings DEFAULTS = new DiffSettings(false, false, true, true, Duration.ofHours(24), false);

    private static DirectoryUser user(String id, String email) {
        return new DirectoryUser(id, email, false, false);
    }

    private static DirectoryUser disabled(String id, String email) {
        return new DirectoryUser(id, email, true, false);
    }

    private static DirectoryUser deleted(String id, String email) {
        return new DirectoryUser(id, email, false, true);
    }

    private static DirectoryGroup group(String id, String name, String... members) {
        return new DirectoryGroup(id, name, Set.of(members), Set.of());
    }

    private static Snapshot snapshot(List<DirectoryUser> users, List<DirectoryGroup> groups) {
        return new Snapshot(users, groups, List.of());
    }

    private static AppliedState.Group applied(String name, String... members) {
        return new AppliedState.Group(name, List.of(members));
    }

    /** Applied an hour ago by a full run with the same settings. */
    private static AppliedState state(Map<String, String> users, Map<String, AppliedState.Group> groups) {
        return new AppliedState(API, ORG, "fp-1", HOUR_AGO, HOUR_AGO, HOUR_AGO, users, groups);
    }

    private static Member invite(String email, String id) {
        return new Member(email, id, false);
    }

    private static Member removal(String email, String id) {
        return new Member(email, id, true);
    }

    private static ChangeSet diff(Snapshot snapshot, AppliedState previous) {
        return diff(snapshot, previous, DEFAULTS);
    }

    private static ChangeSet diff(Snapshot snapshot, AppliedState previous, DiffSettings settings) {
        return Differ.diff(snapshot, Optional.ofNullable(previous), TARGET, settings, NOW);
    }

    /** Alice and Bob in Blue, Carol in Red. */
    private static final Snapshot DIRECTORY = snapshot(
            List.of(user("cn=carol", "carol@ex.com"), user("cn=alice", "alice@ex.com"), user("cn=bob", "bob@ex.com")),
            List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice", "cn=bob")));

    /** What a sync of DIRECTORY leaves behind. */
    private static final AppliedState IN_SYNC = state(
            Map.of("cn=alice", "alice@ex.com", "cn=bob", "bob@ex.com", "cn=carol", "carol@ex.com"),
            Map.of("cn=blue", applied("Blue", "cn=alice", "cn=bob"), "cn=red", applied("Red", "cn=carol")));

    @Nested
    class FirstSync {

        @Test
        void withoutStateEverythingIsSentAndTheRunIsFull() {
            ChangeSet changes = diff(DIRECTORY, null);

            assertThat(changes.members()).containsExactly(
                    invite("alice@ex.com", "cn=alice"), invite("bob@ex.com", "cn=bob"), invite("carol@ex.com", "cn=carol"));
            assertThat(changes.groups()).containsExactly(
                    new Group("Blue", "cn=blue", List.of("cn=alice", "cn=bob")),
                    new Group("Red", "cn=red", List.of("cn=carol")));
            assertThat(changes.invited()).isEqualTo(changes.members());
            assertThat(changes.removed()).isEmpty();
            assertThat(changes.groupsUpdated()).containsExactly(
                    new GroupChange("cn=blue", "Blue", null, 2, 2, 0),
                    new GroupChange("cn=red", "Red", null, 1, 1, 0));
            assertThat(changes.groupsEmptied()).isEmpty();
            assertThat(changes.unchangedUsers()).isZero();
            assertThat(changes.unchangedGroups()).isZero();
            assertThat(changes.full()).isTrue();
            assertThat(changes.fullReason()).isEqualTo("no sync state yet");
            assertThat(changes.overwriteExisting()).isFalse();
            assertThat(changes.guardFacts()).isEqualTo(new ChangeSet.GuardFacts(0, 0, 0, 0, false, false, true));
            assertThat(changes.isEmpty()).isFalse();
        }

        @Test
        void theNextStateHoldsWhatWasSentAndTheSyncTimes() {
            ChangeSet changes = diff(DIRECTORY, null);

            assertThat(changes.nextState()).isEqualTo(new AppliedState(API, ORG, "fp-1", NOW, NOW, NOW,
                    Map.of("cn=alice", "alice@ex.com", "cn=bob", "bob@ex.com", "cn=carol", "carol@ex.com"),
                    Map.of("cn=blue", applied("Blue", "cn=alice", "cn=bob"), "cn=red", applied("Red", "cn=carol"))));
            assertThat(changes.nextState()).isEqualTo(new AppliedState(API, ORG, "fp-1", NOW, NOW, NOW,
                    IN_SYNC.users(), IN_SYNC.groups()));
        }
    }

    @Nested
    class Members {

        @Test
        void noChangeSendsNothingButStillMovesTheSyncTimes() {
            ChangeSet changes = diff(DIRECTORY, IN_SYNC);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.members()).isEmpty();
            assertThat(changes.groups()).isEmpty();
            assertThat(changes.full()).isFalse();
            assertThat(changes.fullReason()).isNull();
            assertThat(changes.unchangedUsers()).isEqualTo(3);
            assertThat(changes.unchangedGroups()).isEqualTo(2);
            assertThat(changes.nextState()).isEqualTo(new AppliedState(API, ORG, "fp-1", HOUR_AGO, NOW, NOW,
                    IN_SYNC.users(), IN_SYNC.groups()));
        }

        @Test
        void aNewUserIsInvitedAlone() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), user("cn=bob", "bob@ex.com"),
                            user("cn=carol", "carol@ex.com"), user("cn=dave", "dave@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice", "cn=bob")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.members()).containsExactly(invite("dave@ex.com", "cn=dave"));
            assertThat(changes.invited()).containsExactly(invite("dave@ex.com", "cn=dave"));
            assertThat(changes.groups()).isEmpty();
            assertThat(changes.unchangedUsers()).isEqualTo(3);
            assertThat(changes.nextState().users()).containsEntry("cn=dave", "dave@ex.com").hasSize(4);
        }

        @Test
        void aUserGoneFromTheDirectoryIsRemovedWithTheAppliedEmailAndLeavesItsGroups() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), user("cn=carol", "carol@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice")));
            AppliedState previous = state(
                    Map.of("cn=alice", "alice@ex.com", "cn=bob", "robert@ex.com", "cn=carol", "carol@ex.com"),
                    IN_SYNC.groups());

            ChangeSet changes = diff(directory, previous);

            assertThat(changes.members()).containsExactly(removal("robert@ex.com", "cn=bob"));
            assertThat(changes.removed()).containsExactly(removal("robert@ex.com", "cn=bob"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")));
            assertThat(changes.groupsUpdated()).containsExactly(new GroupChange("cn=blue", "Blue", "Blue", 1, 0, 1));
            assertThat(changes.unchangedUsers()).isEqualTo(2);
            assertThat(changes.unchangedGroups()).isEqualTo(1);
            assertThat(changes.nextState().users()).containsOnlyKeys("cn=alice", "cn=carol");
            assertThat(changes.nextState().groups().get("cn=blue")).isEqualTo(applied("Blue", "cn=alice"));
        }

        @Test
        void aDeletedUserIsRemovedAndNotAGroupMember() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), deleted("cn=bob", "bob@ex.com"),
                            user("cn=carol", "carol@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice", "cn=bob")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.members()).containsExactly(removal("bob@ex.com", "cn=bob"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")));
        }

        @Test
        void aDeletedUserNeverAppliedIsNotSent() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), user("cn=bob", "bob@ex.com"),
                    user("cn=carol", "carol@ex.com"), deleted("cn=zed", "zed@ex.com")), DIRECTORY.groups());

            assertThat(diff(directory, IN_SYNC).isEmpty()).isTrue();
        }

        @Test
        void aDisabledUserStaysAMemberUnlessRemoveDisabled() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), disabled("cn=bob", "bob@ex.com"),
                    user("cn=carol", "carol@ex.com"), disabled("cn=dave", "dave@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"),
                            group("cn=blue", "Blue", "cn=alice", "cn=bob", "cn=dave")));

            ChangeSet keep = diff(directory, IN_SYNC);
            assertThat(keep.members()).containsExactly(invite("dave@ex.com", "cn=dave"));
            assertThat(keep.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice", "cn=bob", "cn=dave")));

            ChangeSet remove = diff(directory, IN_SYNC, new DiffSettings(true, false, true, true, Duration.ofHours(24), false));
            assertThat(remove.members()).containsExactly(removal("bob@ex.com", "cn=bob"));
            assertThat(remove.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")));
            assertThat(remove.nextState().users()).containsOnlyKeys("cn=alice", "cn=carol");
        }

        @Test
        void aReEnabledUserIsInvitedAgain() {
            AppliedState afterRemoval = state(Map.of("cn=alice", "alice@ex.com", "cn=carol", "carol@ex.com"),
                    Map.of("cn=blue", applied("Blue", "cn=alice"), "cn=red", applied("Red", "cn=carol")));

            ChangeSet changes = diff(DIRECTORY, afterRemoval,
                    new DiffSettings(true, false, true, true, Duration.ofHours(24), false));

            assertThat(changes.members()).containsExactly(invite("bob@ex.com", "cn=bob"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice", "cn=bob")));
        }

        @Test
        void anEmailChangedUnderTheSameExternalIdIsReportedNotSent() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice.smith@ex.com"), user("cn=bob", "bob@ex.com"),
                    user("cn=carol", "carol@ex.com")), DIRECTORY.groups());

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.emailChanges())
                    .containsExactly(new EmailChange("cn=alice", "alice@ex.com", "alice.smith@ex.com"));
            assertThat(changes.unchangedUsers()).isEqualTo(3);
            assertThat(changes.nextState().users()).containsEntry("cn=alice", "alice@ex.com");
        }

        @Test
        void removalsComeFirstThenInvitesEachSortedByExternalId() {
            Snapshot directory = snapshot(List.of(user("u9", "u9@ex.com"), user("u1", "u1@ex.com"),
                    user("u5", "u5@ex.com"), user("u3", "u3@ex.com")), List.of());
            AppliedState previous = state(Map.of("u4", "u4@ex.com", "u5", "u5@ex.com", "u2", "u2@ex.com"), Map.of());

            ChangeSet changes = diff(directory, previous);

            assertThat(changes.members()).containsExactly(removal("u2@ex.com", "u2"), removal("u4@ex.com", "u4"),
                    invite("u1@ex.com", "u1"), invite("u3@ex.com", "u3"), invite("u9@ex.com", "u9"));
        }

        @Test
        void aUserMovedToAnotherExternalIdIsRemovedThenInvited() {
            Snapshot directory = snapshot(List.of(user("cn=bob,ou=new", "bob@ex.com")), List.of());
            AppliedState previous = state(Map.of("cn=bob,ou=old", "bob@ex.com"), Map.of());

            assertThat(diff(directory, previous).members()).containsExactly(
                    removal("bob@ex.com", "cn=bob,ou=old"), invite("bob@ex.com", "cn=bob,ou=new"));
        }
    }

    @Nested
    class Groups {

        @Test
        void aRenamedGroupIsSentWithItsMembers() {
            Snapshot directory = snapshot(DIRECTORY.users(),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue Team", "cn=alice", "cn=bob")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.members()).isEmpty();
            assertThat(changes.groups()).containsExactly(new Group("Blue Team", "cn=blue", List.of("cn=alice", "cn=bob")));
            assertThat(changes.groupsUpdated()).containsExactly(new GroupChange("cn=blue", "Blue Team", "Blue", 2, 0, 0));
            assertThat(changes.groupsUpdated().get(0).isRenamed()).isTrue();
            assertThat(changes.unchangedGroups()).isEqualTo(1);
        }

        @Test
        void aReMemberedGroupIsSentWithItsFullList() {
            Snapshot directory = snapshot(DIRECTORY.users(),
                    List.of(group("cn=red", "Red", "cn=carol", "cn=alice"), group("cn=blue", "Blue", "cn=alice", "cn=bob")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.groups()).containsExactly(new Group("Red", "cn=red", List.of("cn=alice", "cn=carol")));
            assertThat(changes.groupsUpdated()).containsExactly(new GroupChange("cn=red", "Red", "Red", 2, 1, 0));
        }

        @Test
        void aNewGroupIsSent() {
            Snapshot directory = snapshot(DIRECTORY.users(), List.of(group("cn=red", "Red", "cn=carol"),
                    group("cn=blue", "Blue", "cn=alice", "cn=bob"), group("cn=green", "Green")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.groups()).containsExactly(new Group("Green", "cn=green", List.of()));
            assertThat(changes.groupsUpdated()).containsExactly(new GroupChange("cn=green", "Green", null, 0, 0, 0));
            assertThat(changes.nextState().groups()).containsKeys("cn=blue", "cn=green", "cn=red");
        }

        @Test
        void aGroupGoneFromTheDirectoryIsSentEmptyReportedAndForgotten() {
            Snapshot directory = snapshot(DIRECTORY.users(), List.of(group("cn=red", "Red", "cn=carol")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.members()).isEmpty();
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of()));
            assertThat(changes.groupsEmptied()).containsExactly(new GroupChange("cn=blue", "Blue", "Blue", 0, 0, 2));
            assertThat(changes.groupsUpdated()).isEmpty();
            assertThat(changes.nextState().groups()).containsOnlyKeys("cn=red");

            assertThat(diff(directory, changes.nextState()).isEmpty()).isTrue();
        }

        @Test
        void groupMembersAreLimitedToDesiredMembers() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), deleted("cn=bob", "bob@ex.com")),
                    List.of(group("cn=blue", "Blue", "cn=alice", "cn=bob", "cn=unknown")));

            ChangeSet changes = diff(directory, null);

            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")));
        }

        @Test
        void groupsAreSortedByExternalIdWithEmptiedOnesAmongThem() {
            Snapshot directory = snapshot(List.of(), List.of(group("g3", "C"), group("g1", "A")));
            AppliedState previous = state(Map.of(), Map.of("g2", applied("B"), "g4", applied("D")));

            ChangeSet changes = diff(directory, previous);

            assertThat(changes.groups()).extracting(Group::externalId).containsExactly("g1", "g2", "g3", "g4");
        }
    }

    @Nested
    class AfterAFailedRun {

        /** IN_SYNC, after a run that tried to remove bob, invite dave and re-member blue, and failed. */
        private final AppliedState unsure = IN_SYNC.withUnsure(new AppliedState.Unsure(
                Map.of("cn=bob", "bob@ex.com", "cn=dave", "dave@ex.com"), Map.of("cn=blue", "Blue")));

        @Test
        void beforeTheFirstRequestTheStateMarksWhatTheRunChanges() {
            Snapshot changed = snapshot(List.of(user("cn=carol", "carol@ex.com"), user("cn=alice", "alice@ex.com"),
                    user("cn=dave", "dave@ex.com")), List.of(group("cn=red", "Red", "cn=carol"),
                    group("cn=blue", "Blue", "cn=alice", "cn=dave")));

            ChangeSet changes = diff(changed, IN_SYNC);

            assertThat(changes.inFlightState().users()).as("still what was applied").isEqualTo(IN_SYNC.users());
            assertThat(changes.inFlightState().groups()).isEqualTo(IN_SYNC.groups());
            assertThat(changes.inFlightState().unsure()).isEqualTo(new AppliedState.Unsure(
                    Map.of("cn=bob", "bob@ex.com", "cn=dave", "dave@ex.com"), Map.of("cn=blue", "Blue")));
            assertThat(changes.nextState().unsure().isEmpty()).isTrue();
        }

        @Test
        void aRemovalThatMayHaveHappenedIsUndoneWhenThePersonIsBack() {
            // bob is in the directory again: he may have been removed, so he is sent again
            ChangeSet changes = diff(DIRECTORY, unsure);

            assertThat(changes.members()).containsExactly(removal("dave@ex.com", "cn=dave"), invite("bob@ex.com", "cn=bob"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice", "cn=bob")));
            assertThat(changes.invited()).isEmpty();
            assertThat(changes.removed()).containsExactly(removal("dave@ex.com", "cn=dave"));
            assertThat(changes.nextState().users()).isEqualTo(IN_SYNC.users());
            assertThat(changes.nextState().unsure().isEmpty()).as("everything unsure was sent").isTrue();
        }

        @Test
        void whatIsStillNotSentStaysUnsure() {
            DiffSettings usersOnly = new DiffSettings(false, false, true, false, Duration.ofHours(24), false);

            ChangeSet changes = diff(DIRECTORY, unsure, usersOnly);

            assertThat(changes.nextState().unsure()).isEqualTo(new AppliedState.Unsure(Map.of(),
                    Map.of("cn=blue", "Blue")));
        }

        @Test
        void anUnsureGroupGoneFromTheDirectoryIsEmptied() {
            AppliedState triedToCreateGreen = IN_SYNC.withUnsure(new AppliedState.Unsure(Map.of(),
                    Map.of("cn=green", "Green")));

            ChangeSet changes = diff(DIRECTORY, triedToCreateGreen);

            assertThat(changes.groups()).containsExactly(new Group("Green", "cn=green", List.of()));
            assertThat(changes.nextState().groups()).doesNotContainKey("cn=green");
        }
    }

    @Nested
    class LeftOut {

        @Test
        void anAppliedUserLeftOutKeepsItsMembershipAndItsGroups() {
            // carol's mail became invalid: the normalizer left her out, but she is still in red
            Snapshot directory = new Snapshot(
                    List.of(user("cn=alice", "alice@ex.com"), user("cn=bob", "bob@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice", "cn=bob")),
                    List.of(new io.dirsync.model.LeftOut(io.dirsync.model.LeftOut.Kind.USER, "cn=carol", "no email")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.nextState().users()).isEqualTo(IN_SYNC.users());
            assertThat(changes.nextState().groups()).isEqualTo(IN_SYNC.groups());
        }

        @Test
        void aLeftOutUserNeverAppliedIsNotInvitedNorAGroupMember() {
            Snapshot directory = new Snapshot(List.of(user("cn=alice", "alice@ex.com")),
                    List.of(group("cn=blue", "Blue", "cn=alice", "cn=zed")),
                    List.of(new io.dirsync.model.LeftOut(io.dirsync.model.LeftOut.Kind.USER, "cn=zed", "no email")));

            ChangeSet changes = diff(directory, AppliedState.empty(API, ORG).withUnsure(AppliedState.Unsure.NONE));

            assertThat(changes.invited()).containsExactly(invite("alice@ex.com", "cn=alice"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")));
        }

        @Test
        void aLeftOutGroupStaysAsItWasApplied() {
            Snapshot directory = new Snapshot(DIRECTORY.users(), List.of(group("cn=blue", "Blue", "cn=alice", "cn=bob")),
                    List.of(new io.dirsync.model.LeftOut(io.dirsync.model.LeftOut.Kind.GROUP, "cn=red", "no name")));

            ChangeSet changes = diff(directory, IN_SYNC);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.groupsEmptied()).isEmpty();
            assertThat(changes.nextState().groups()).isEqualTo(IN_SYNC.groups());
        }
    }

    @Nested
    class Vaultwarden {

        @Test
        void aFullRunSendsGroupsAndNewInvitationsButNoAppliedMember() {
            DiffSettings vaultwarden = DEFAULTS.withForceFull(true).forVaultwarden();
            Snapshot withDave = snapshot(List.of(user("cn=carol", "carol@ex.com"), user("cn=alice", "alice@ex.com"),
                    user("cn=bob", "bob@ex.com"), user("cn=dave", "dave@ex.com")), DIRECTORY.groups());

            ChangeSet changes = diff(withDave, IN_SYNC, vaultwarden);

            assertThat(changes.full()).isTrue();
            assertThat(changes.members()).containsExactly(invite("dave@ex.com", "cn=dave"));
            assertThat(changes.groups()).hasSize(2);
        }
    }

    @Nested
    class FullRuns {

        private final AppliedState previous = state(
                Map.of("cn=alice", "alice@ex.com", "cn=carol", "carol.old@ex.com", "cn=gone", "gone@ex.com"),
                Map.of("cn=blue", applied("Blue", "cn=alice", "cn=bob"), "cn=red", applied("Red", "cn=carol"),
                        "cn=old", applied("Old", "cn=gone")));

        @Test
        void fullReSendsEverythingWithTheAppliedEmailsAndStillRemoves() {
            ChangeSet changes = diff(DIRECTORY, previous, DEFAULTS.withForceFull(true));

            assertThat(changes.full()).isTrue();
            assertThat(changes.fullReason()).isEqualTo("--full");
            assertThat(changes.members()).containsExactly(removal("gone@ex.com", "cn=gone"),
                    invite("alice@ex.com", "cn=alice"), invite("bob@ex.com", "cn=bob"),
                    invite("carol.old@ex.com", "cn=carol"));
            assertThat(changes.groups()).containsExactly(
                    new Group("Blue", "cn=blue", List.of("cn=alice", "cn=bob")),
                    new Group("Old", "cn=old", List.of()),
                    new Group("Red", "cn=red", List.of("cn=carol")));
            assertThat(changes.invited()).containsExactly(invite("bob@ex.com", "cn=bob"));
            assertThat(changes.removed()).containsExactly(removal("gone@ex.com", "cn=gone"));
            assertThat(changes.groupsUpdated()).isEmpty();
            assertThat(changes.groupsEmptied()).extracting(GroupChange::externalId).containsExactly("cn=old");
            assertThat(changes.unchangedUsers()).isEqualTo(2);
            assertThat(changes.unchangedGroups()).isEqualTo(2);
            assertThat(changes.emailChanges())
                    .containsExactly(new EmailChange("cn=carol", "carol.old@ex.com", "carol@ex.com"));
            assertThat(changes.nextState().lastFullSync()).isEqualTo(NOW);
            assertThat(changes.nextState().users()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "cn=alice", "alice@ex.com", "cn=bob", "bob@ex.com", "cn=carol", "carol.old@ex.com")));
        }

        @Test
        void aStateForAnotherOrganizationIsIgnoredNeverUsedForRemovals() {
            AppliedState otherOrg = new AppliedState(API, "org-2", "fp-1", HOUR_AGO, HOUR_AGO, HOUR_AGO,
                    Map.of("cn=zed", "zed@ex.com", "cn=alice", "alice@ex.com"), Map.of("cn=x", applied("X")));

            ChangeSet changes = diff(DIRECTORY, otherOrg);

            assertThat(changes.full()).isTrue();
            assertThat(changes.fullReason()).isEqualTo("the sync state is for another server or organization");
            assertThat(changes.removed()).isEmpty();
            assertThat(changes.groupsEmptied()).isEmpty();
            assertThat(changes.invited()).hasSize(3);
            assertThat(changes.guardFacts().appliedMembers()).isZero();
            assertThat(changes.nextState().organizationId()).isEqualTo(ORG);
            assertThat(changes.nextState().users()).doesNotContainKey("cn=zed");
            assertThat(changes.nextState().groups()).doesNotContainKey("cn=x");
        }

        @Test
        void aStateForAnotherServerIsIgnoredToo() {
            AppliedState otherServer = new AppliedState("https://api.bitwarden.eu", ORG, "fp-1", HOUR_AGO, HOUR_AGO,
                    HOUR_AGO, Map.of("cn=zed", "zed@ex.com"), Map.of());

            ChangeSet changes = diff(DIRECTORY, otherServer);

            assertThat(changes.fullReason()).isEqualTo("the sync state is for another server or organization");
            assertThat(changes.removed()).isEmpty();
            assertThat(changes.nextState().apiUrl()).isEqualTo(API);
        }

        @Test
        void changedSettingsMakeTheRunFull() {
            AppliedState otherSettings = new AppliedState(API, ORG, "fp-0", HOUR_AGO, HOUR_AGO, HOUR_AGO,
                    IN_SYNC.users(), IN_SYNC.groups());

            ChangeSet changes = diff(DIRECTORY, otherSettings);

            assertThat(changes.fullReason()).isEqualTo("settings changed since the last sync");
            assertThat(changes.members()).hasSize(3);
            assertThat(changes.groups()).hasSize(2);
            assertThat(changes.invited()).isEmpty();
            assertThat(changes.nextState().settingsFingerprint()).isEqualTo("fp-1");
        }

        @Test
        void fullEveryCountsFromTheLastFullSync() {
            AppliedState fullAt = new AppliedState(API, ORG, "fp-1", YESTERDAY, HOUR_AGO, HOUR_AGO,
                    IN_SYNC.users(), IN_SYNC.groups());
            AppliedState justBefore = new AppliedState(API, ORG, "fp-1", YESTERDAY.plusSeconds(1), HOUR_AGO, HOUR_AGO,
                    IN_SYNC.users(), IN_SYNC.groups());
            AppliedState neverFull = new AppliedState(API, ORG, "fp-1", null, HOUR_AGO, HOUR_AGO,
                    IN_SYNC.users(), IN_SYNC.groups());

            assertThat(diff(DIRECTORY, fullAt).fullReason())
                    .isEqualTo("sync.full-every=1d has passed since the last full sync");
            assertThat(diff(DIRECTORY, justBefore).full()).isFalse();
            assertThat(diff(DIRECTORY, justBefore).nextState().lastFullSync()).isEqualTo(YESTERDAY.plusSeconds(1));
            assertThat(diff(DIRECTORY, neverFull).fullReason()).isEqualTo("no full sync recorded yet");

            DiffSettings every90m = new DiffSettings(false, false, true, true, Duration.ofMinutes(90), false);
            assertThat(diff(DIRECTORY, justBefore, every90m).fullReason())
                    .isEqualTo("sync.full-every=90m has passed since the last full sync");

            DiffSettings never = new DiffSettings(false, false, true, true, Duration.ZERO, false);
            assertThat(diff(DIRECTORY, fullAt, never).full()).isFalse();
            assertThat(diff(DIRECTORY, neverFull, never).full()).isFalse();
        }
    }

    @Nested
    class WhatIsSynced {

        @Test
        void withUsersOffMembersAreNeitherSentNorForgottenAndGroupsKeepTheirReadMembers() {
            // the normalizer leaves users out of the snapshot when sync.users=false
            Snapshot directory = snapshot(List.of(), List.of(group("cn=red", "Red", "cn=carol", "cn=dave"),
                    group("cn=blue", "Blue", "cn=alice", "cn=bob")));
            DiffSettings groupsOnly = new DiffSettings(false, false, false, true, Duration.ofHours(24), false);

            ChangeSet changes = diff(directory, IN_SYNC, groupsOnly);

            assertThat(changes.members()).isEmpty();
            assertThat(changes.removed()).isEmpty();
            assertThat(changes.groups()).containsExactly(new Group("Red", "cn=red", List.of("cn=carol", "cn=dave")));
            assertThat(changes.unchangedUsers()).isZero();
            assertThat(changes.guardFacts()).isEqualTo(new ChangeSet.GuardFacts(3, 3, 2, 0, false, false, false));
            assertThat(changes.nextState()).isEqualTo(new AppliedState(API, ORG, "fp-1", HOUR_AGO, HOUR_AGO, NOW,
                    IN_SYNC.users(), Map.of("cn=blue", applied("Blue", "cn=alice", "cn=bob"),
                            "cn=red", applied("Red", "cn=carol", "cn=dave"))));
        }

        @Test
        void withGroupsOffGroupsAreNeitherSentNorEmptied() {
            Snapshot directory = snapshot(DIRECTORY.users(), List.of());
            DiffSettings usersOnly = new DiffSettings(false, false, true, false, Duration.ofHours(24), false);

            ChangeSet changes = diff(directory, IN_SYNC, usersOnly);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.groupsEmptied()).isEmpty();
            assertThat(changes.guardFacts()).isEqualTo(new ChangeSet.GuardFacts(3, 3, 2, 0, false, false, false));
            assertThat(changes.nextState()).isEqualTo(new AppliedState(API, ORG, "fp-1", HOUR_AGO, NOW, HOUR_AGO,
                    IN_SYNC.users(), IN_SYNC.groups()));
        }

        @Test
        void anEmptyReadIsRecordedForTheGuard() {
            ChangeSet changes = diff(snapshot(List.of(), List.of()), IN_SYNC);

            assertThat(changes.guardFacts()).isEqualTo(new ChangeSet.GuardFacts(3, 3, 2, 0, true, true, false));
            assertThat(changes.removed()).hasSize(3);
            assertThat(changes.groupsEmptied()).hasSize(2);
        }
    }

    @Nested
    class OverwriteExisting {

        private final DiffSettings overwrite = new DiffSettings(false, true, true, true, Duration.ofHours(24), false);

        @Test
        void withoutAChangeNothingIsSent() {
            ChangeSet changes = diff(DIRECTORY, IN_SYNC, overwrite);

            assertThat(changes.isEmpty()).isTrue();
            assertThat(changes.overwriteExisting()).isTrue();
            assertThat(changes.full()).isFalse();
        }

        @Test
        void anyChangeSendsTheCompleteSnapshotAndTheRemovals() {
            Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), user("cn=carol", "carol@ex.com")),
                    List.of(group("cn=red", "Red", "cn=carol"), group("cn=blue", "Blue", "cn=alice")));

            ChangeSet changes = diff(directory, IN_SYNC, overwrite);

            assertThat(changes.overwriteExisting()).isTrue();
            assertThat(changes.full()).isTrue();
            assertThat(changes.fullReason()).isEqualTo("sync.overwrite-existing sends the complete snapshot");
            assertThat(changes.members()).containsExactly(removal("bob@ex.com", "cn=bob"),
                    invite("alice@ex.com", "cn=alice"), invite("carol@ex.com", "cn=carol"));
            assertThat(changes.groups()).containsExactly(new Group("Blue", "cn=blue", List.of("cn=alice")),
                    new Group("Red", "cn=red", List.of("cn=carol")));
            assertThat(changes.removed()).hasSize(1);
            assertThat(changes.nextState().lastFullSync()).isEqualTo(NOW);
        }

        @Test
        void aFullRunWithNothingDesiredStillSendsTheEmptyOverwrite() {
            ChangeSet changes = diff(snapshot(List.of(), List.of()), null, overwrite);

            assertThat(changes.members()).isEmpty();
            assertThat(changes.groups()).isEmpty();
            assertThat(changes.isEmpty()).isFalse();
        }

        @Test
        void moreThan2000EntriesAreRefusedWithBwdcsMessage() {
            List<DirectoryUser> users = new ArrayList<>();
            for (int i = 0; i < 1999; i++) {
                users.add(user("u" + i, "u" + i + "@ex.com"));
            }
            List<DirectoryGroup> groups = List.of(group("g1", "G1"));
            assertThat(diff(snapshot(users, groups), null, overwrite).members()).hasSize(1999);

            List<DirectoryGroup> twoGroups = List.of(group("g1", "G1"), group("g2", "G2"));
            assertThatThrownBy(() -> diff(snapshot(users, twoGroups), null, overwrite))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("You cannot use the 'Remove and re-add organization users during the next sync' option"
                            + " with large imports. This sync has 2001 members and groups (at most 2000 go in one"
                            + " request): set sync.overwrite-existing=false.");
        }

        @Test
        void removalsCountTowardsTheLimit() {
            List<DirectoryUser> users = new ArrayList<>();
            Map<String, String> applied = new HashMap<>();
            for (int i = 0; i < 2000; i++) {
                users.add(user("u" + i, "u" + i + "@ex.com"));
                applied.put("u" + i, "u" + i + "@ex.com");
            }
            applied.put("gone", "gone@ex.com");

            assertThatThrownBy(() -> diff(snapshot(users, List.of()), state(applied, Map.of()), overwrite))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("This sync has 2001 members and groups");
        }

        @Test
        void withUsersOffItIsRefused() {
            DiffSettings groupsOnly = new DiffSettings(false, true, false, true, Duration.ofHours(24), false);

            assertThatThrownBy(() -> diff(DIRECTORY, IN_SYNC, groupsOnly))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Settings sync.overwrite-existing=true and sync.users=false do not go"
                            + " together");
        }
    }

    @Nested
    class AsABean {

        /** A run against IN_SYNC, with {@code sync --full} or not. */
        private SyncRun run(boolean full) {
            return new SyncRun(new SyncOptions(full, false, false), NOW, Optional.of(IN_SYNC), TARGET);
        }

        @Test
        void fixedSettingsAndForceFull() {
            Differ differ = new Differ(DEFAULTS);

            assertThat(differ.diff(DIRECTORY, run(false)).isEmpty()).isTrue();
            assertThat(differ.diff(DIRECTORY, run(true)).fullReason()).isEqualTo("--full");
        }

        @Test
        void readsItsSettingsFromTheContextAtEachCall() throws Exception {
            try (CamelContext context = new DefaultCamelContext()) {
                Differ differ = new Differ();
                differ.setCamelContext(context);
                Snapshot directory = snapshot(List.of(user("cn=alice", "alice@ex.com"), disabled("cn=bob", "bob@ex.com"),
                        user("cn=carol", "carol@ex.com")), DIRECTORY.groups());

                assertThat(differ.diff(directory, run(false)).removed()).isEmpty();

                context.getPropertiesComponent().addInitialProperty("sync.remove-disabled", "true");
                assertThat(differ.diff(directory, run(false)).removed())
                        .containsExactly(removal("bob@ex.com", "cn=bob"));
                assertThat(differ.getCamelContext()).isSameAs(context);
            }
        }

        @Test
        void withoutAContextOrSettingsItSaysSo() {
            assertThatThrownBy(() -> new Differ().diff(DIRECTORY, new SyncRun(SyncOptions.DEFAULT, NOW, Optional.empty(), TARGET)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
