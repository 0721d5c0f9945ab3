package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ImportRequest.Group;
import io.dirsync.model.ImportRequest.Member;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import io.dirsync.sync.ChangeSet.EmailChange;
import io.dirsync.sync.ChangeSet.GroupChange;
import io.dirsync.sync.ChangeSet.GuardFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeSetTest {

    private static final AppliedState NEXT = AppliedState.empty("https://api", "org");
    private static final GuardFacts FACTS = new GuardFacts(100, 150, 13, 0, false, false, false);

    private static List<Member> members(int n, boolean deleted) {
        return IntStream.range(0, n).mapToObj(i -> new Member("u" + i + "@ex.com", "u" + i, deleted)).toList();
    }

    private static List<GroupChange> groupChanges(int n) {
        return IntStream.range(0, n).mapToObj(i -> new GroupChange("g" + i, "G" + i, null, 1, 1, 0)).toList();
    }

    private static List<Group> groups(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Group("G" + i, "g" + i, List.of())).toList();
    }

    /** A change set as the Differ would make it, with the given counts (sent lists sized to match). */
    private static ChangeSet changes(int invited, int removed, int updated, int emptied, int unchangedUsers,
            int unchangedGroups, List<EmailChange> emailChanges, boolean full) {
        List<Member> sent = new ArrayList<>(members(removed, true));
        sent.addAll(members(invited, false));
        return new ChangeSet(sent, groups(updated + emptied), members(invited, false), List.of(), members(removed, true),
                groupChanges(updated), groupChanges(emptied), unchangedUsers, unchangedGroups, emailChanges, List.of(), full,
                full ? "--full" : null, false, ChangeSet.ServerRemovals.NONE, ChangeSet.Held.NONE, FACTS, NEXT, NEXT, null);
    }

    @Nested
    class Summary {

        @Test
        void designsExampleLine() {
            assertThat(changes(3, 2, 4, 1, 95, 12, List.of(), false).summary())
                    .isEqualTo("Synced: 3 invited, 2 removed, 4 groups updated, 1 group emptied; 95 users and 12 groups unchanged");
        }

        @Test
        void singularWordsForOne() {
            assertThat(changes(1, 1, 1, 0, 1, 1, List.of(), false).summary())
                    .isEqualTo("Synced: 1 invited, 1 removed, 1 group updated; 1 user and 1 group unchanged");
        }

        @Test
        void zeroCountsAreShownExceptEmptied() {
            assertThat(changes(1, 0, 0, 0, 0, 0, List.of(), false).summary())
                    .isEqualTo("Synced: 1 invited, 0 removed, 0 groups updated; 0 users and 0 groups unchanged");
            assertThat(changes(0, 0, 0, 2, 5, 0, List.of(), false).summary())
                    .isEqualTo("Synced: 0 invited, 0 removed, 0 groups updated, 2 groups emptied; 5 users and 0 groups unchanged");
        }

        @Test
        void nothingToSync() {
            assertThat(changes(0, 0, 0, 0, 95, 12, List.of(), false).summary()).isEqualTo("Nothing to sync");
        }

        @Test
        void aFullRunSaysSo() {
            ChangeSet full = new ChangeSet(members(3, false), groups(2), List.of(), List.of(), List.of(), List.of(), List.of(),
                    3, 2, List.of(), List.of(), true, "--full", false, ChangeSet.ServerRemovals.NONE, ChangeSet.Held.NONE, FACTS, NEXT, NEXT, null);

            assertThat(full.summary())
                    .isEqualTo("Synced: 0 invited, 0 removed, 0 groups updated; 3 users and 2 groups unchanged (full sync)");
        }

        @Test
        void emailChangesAreCountedEvenWhenNothingIsSent() {
            List<EmailChange> one = List.of(new EmailChange("u1", "a@ex.com", "b@ex.com"));
            List<EmailChange> two = List.of(new EmailChange("u1", "a@ex.com", "b@ex.com"),
                    new EmailChange("u2", "c@ex.com", "d@ex.com"));

            assertThat(changes(0, 0, 0, 0, 95, 12, one, false).summary())
                    .isEqualTo("Nothing to sync; 1 email change not synced");
            assertThat(changes(1, 0, 0, 0, 95, 12, two, false).summary())
                    .isEqualTo("Synced: 1 invited, 0 removed, 0 groups updated; 95 users and 12 groups unchanged;"
                            + " 2 email changes not synced");
        }
    }

    @Nested
    class IsEmpty {

        @Test
        void emptyWhenNothingIsSent() {
            assertThat(changes(0, 0, 0, 0, 1, 1, List.of(), false).isEmpty()).isTrue();
            assertThat(changes(1, 0, 0, 0, 1, 1, List.of(), false).isEmpty()).isFalse();
            assertThat(changes(0, 1, 0, 0, 1, 1, List.of(), false).isEmpty()).isFalse();
            assertThat(changes(0, 0, 0, 1, 1, 1, List.of(), false).isEmpty()).isFalse();
        }

        @Test
        void aFullOverwriteIsNeverEmpty() {
            ChangeSet overwrite = new ChangeSet(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    0, 0, List.of(), List.of(), true, "--full", true, ChangeSet.ServerRemovals.NONE, ChangeSet.Held.NONE, FACTS, NEXT, NEXT, null);
            ChangeSet notFull = new ChangeSet(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    0, 0, List.of(), List.of(), false, null, true, ChangeSet.ServerRemovals.NONE, ChangeSet.Held.NONE, FACTS, NEXT, NEXT, null);

            assertThat(overwrite.isEmpty()).isFalse();
            assertThat(notFull.isEmpty()).isTrue();
        }
    }

    @Nested
    class Plan {

        private final Instant now = Instant.parse("2026-08-14T12:00:00Z");
        private final SyncTarget target = new SyncTarget("https://api", "org", "fp");
        private final DiffSettings settings = new DiffSettings(false, false, true, true, Duration.ofHours(24), false);

        private final AppliedState previous = new AppliedState("https://api", "org", "fp", now, now, now,
                Map.of("cn=alice", "alice@ex.com", "cn=bob", "bob@ex.com", "cn=carol", "carol@ex.com"),
                Map.of("cn=blue", new AppliedState.Group("Blue", List.of("cn=alice", "cn=bob")),
                        "cn=red", new AppliedState.Group("Reds", List.of("cn=carol")),
                        "cn=old", new AppliedState.Group("Old Team", List.of("cn=alice", "cn=bob", "cn=carol")),
                        "cn=same", new AppliedState.Group("Same", List.of("cn=alice"))));

        private final Snapshot directory = new Snapshot(
                List.of(new DirectoryUser("cn=alice", "alice@ex.com", false, false),
                        new DirectoryUser("cn=carol", "carol.new@ex.com", false, false),
                        new DirectoryUser("cn=dave", "dave@ex.com", false, false)),
                List.of(new DirectoryGroup("cn=blue", "Blue", Set.of("cn=alice", "cn=dave"), Set.of()),
                        new DirectoryGroup("cn=red", "Red", Set.of("cn=carol"), Set.of()),
                        new DirectoryGroup("cn=same", "Same", Set.of("cn=alice"), Set.of()),
                        new DirectoryGroup("cn=green", "Green", Set.of("cn=dave"), Set.of())),
                List.of());

        @Test
        void listsEveryChangeWithMemberCounts() {
            ChangeSet changes = Differ.diff(directory, Optional.of(previous), target, settings, now);

            assertThat(changes.plan()).isEqualTo("""
                    Plan:
                    Invite 1 user:
                      + dave@ex.com (cn=dave)
                    Remove 1 user:
                      - bob@ex.com (cn=bob)
                    Update 3 groups:
                      * Blue (cn=blue): 2 members (+1 -1)
                      * Green (cn=green): new, 1 member
                      * Red (cn=red): renamed from "Reds", 1 member
                    Empty 1 group gone from the directory (the API cannot delete groups):
                      * Old Team (cn=old): 0 members (was 3)
                    Unchanged: 2 users and 1 group.
                    Not synced: 1 email changed in the directory; Bitwarden keeps the old address (the API cannot change it):
                      ! cn=carol: carol@ex.com -> carol.new@ex.com
                    """);
            assertThat(changes.summary()).isEqualTo("Synced: 1 invited, 1 removed, 3 groups updated, 1 group emptied;"
                    + " 2 users and 1 group unchanged; 1 email change not synced");
        }

        @Test
        void nothingToSync() {
            ChangeSet changes = Differ.diff(new Snapshot(List.of(new DirectoryUser("cn=alice", "alice@ex.com", false, false)),
                    List.of(), List.of()), Optional.of(new AppliedState("https://api", "org", "fp", now, now, now,
                    Map.of("cn=alice", "alice@ex.com"), Map.of())), target, settings, now);

            assertThat(changes.plan()).isEqualTo("Nothing to sync: 1 user and 0 groups unchanged.\n");
        }

        @Test
        void aFirstFullSyncSaysWhyAndThatKnownMembersAreNotInvitedTwice() {
            ChangeSet changes = Differ.diff(new Snapshot(List.of(new DirectoryUser("cn=alice", "alice@ex.com", false, false)),
                    List.of(), List.of()), Optional.empty(), target, settings, now);

            assertThat(changes.plan()).isEqualTo("""
                    Plan for a full sync (no sync state yet): every current member and group is sent.
                    No member was applied by dirsync yet: those Bitwarden already has are linked or left as they are, not invited twice.
                    Invite 1 user:
                      + alice@ex.com (cn=alice)
                    Unchanged: 0 users and 0 groups.
                    """);
        }

        @Test
        void anOverwriteSaysWhatTheServerWillRemove() {
            ChangeSet changes = Differ.diff(new Snapshot(List.of(), List.of(), List.of()),
                    Optional.of(new AppliedState("https://api", "org", "fp", now, now, now,
                            Map.of("cn=alice", "alice@ex.com"), Map.of())),
                    target, new DiffSettings(false, true, true, false, Duration.ofHours(24), false), now);

            assertThat(changes.plan()).isEqualTo("""
                    Plan for a full sync (sync.overwrite-existing sends the complete snapshot): every current member and group is sent.
                    Sent with overwriteExisting: the server also removes every member it knows by an externalId that is not in this request (the official server never removes owners; Vaultwarden protects only the last confirmed owner).
                    Remove 1 user:
                      - alice@ex.com (cn=alice)
                    Unchanged: 0 users and 0 groups.
                    """);
        }
    }
}
