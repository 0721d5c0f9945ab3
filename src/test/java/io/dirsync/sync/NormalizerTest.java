package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dirsync.SourceException;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NormalizerTest {

    private static final SyncSettings USERS_AND_GROUPS = new SyncSettings(true, true);

    private final Normalizer normalizer = new Normalizer(USERS_AND_GROUPS);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(Normalizer.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(Normalizer.class)).detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static DirectoryUser active(String externalId, String email) {
        return new DirectoryUser(externalId, email, false, false);
    }

    private static DirectoryUser deleted(String externalId, String email) {
        return new DirectoryUser(externalId, email, false, true);
    }

    private static DirectoryGroup group(String externalId, String name, Set<String> users, Set<String> groups) {
        return new DirectoryGroup(externalId, name, users, groups);
    }

    private Snapshot normalizeUsers(DirectoryUser... users) {
        return normalizer.normalize(new DirectoryRead(List.of(users), List.of()));
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    @Nested
    class Users {

        @Test
        void emailIsTrimmedAndLowerCased() {
            Snapshot snapshot = normalizeUsers(new DirectoryUser("cn=A", "  Alice.Smith@Example.COM\t", true, false));

            assertThat(snapshot.users()).containsExactly(new DirectoryUser("cn=A", "alice.smith@example.com", true, false));
            assertThat(snapshot.leftOut()).isEmpty();
            assertThat(warnings()).isEmpty();
        }

        @Test
        void lowerCasingIgnoresTheDefaultLocale() {
            Locale before = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is a dotless ı
            try {
                Snapshot snapshot = normalizeUsers(active("cn=I", "IDA@X.COM"));

                assertThat(snapshot.users()).extracting(DirectoryUser::email).containsExactly("ida@x.com");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        void entriesSharingAnExternalIdAreAllLeftOut() {
            Snapshot snapshot = normalizeUsers(
                    active("E-100", "ann@x.com"),
                    active("E-100", "bob@x.com"),
                    active("E-200", "cat@x.com"));

            assertThat(snapshot.users()).extracting(DirectoryUser::email).containsExactly("cat@x.com");
            assertThat(snapshot.leftOut()).extracting(LeftOut::externalId).containsExactly("E-100", "E-100");
            assertThat(snapshot.leftOut().get(0).reason()).isEqualTo("externalId shared by 2 users (this one is ann@x.com); none of them is synced");
        }

        @Test
        void userWithoutEmailIsLeftOutAndReported() {
            Snapshot snapshot = normalizeUsers(
                    active("cn=None,dc=x", null),
                    active("cn=Blank,dc=x", "   "),
                    deleted("cn=Gone,dc=x", null),
                    active("cn=Ok,dc=x", "ok@x.com"));

            // a deleted entry (an AD tombstone) keeps no email: it is listed, never invited
            assertThat(snapshot.users()).containsExactly(deleted("cn=Gone,dc=x", null), active("cn=Ok,dc=x", "ok@x.com"));
            assertThat(snapshot.leftOut()).containsExactly(
                    new LeftOut(LeftOut.Kind.USER, "cn=None,dc=x", "no email"),
                    new LeftOut(LeftOut.Kind.USER, "cn=Blank,dc=x", "no email"));
            assertThat(warnings()).containsExactly(
                    "Left out user cn=None,dc=x: no email",
                    "Left out user cn=Blank,dc=x: no email");
        }

        @Test
        void emailOver256CharactersIsLeftOut() {
            String longest = repeat('a', 250) + "@x.com"; // 256
            String tooLong = repeat('b', 251) + "@x.com"; // 257

            Snapshot snapshot = normalizeUsers(active("cn=Longest", longest), active("cn=TooLong", tooLong));

            assertThat(snapshot.users()).containsExactly(active("cn=Longest", longest));
            assertThat(snapshot.leftOut()).containsExactly(
                    new LeftOut(LeftOut.Kind.USER, "cn=TooLong", "email longer than 256 characters (257)"));
            assertThat(warnings()).containsExactly("Left out user cn=TooLong: email longer than 256 characters (257)");
        }

        @Test
        void lengthIsCountedAfterTrimming() {
            String email = repeat('a', 250) + "@x.com";

            Snapshot snapshot = normalizeUsers(active("cn=A", "  " + email + "  "));

            assertThat(snapshot.users()).containsExactly(active("cn=A", email));
        }

        @Test
        void invalidAddressesAreLeftOut() {
            Snapshot snapshot = normalizeUsers(
                    active("cn=NoAt", "alice.example.com"),
                    active("cn=TwoAts", "alice@home@example.com"),
                    active("cn=NoLocalPart", "@example.com"),
                    active("cn=NoDomain", "alice@"),
                    active("cn=Space", "alice smith@example.com"),
                    active("cn=NoBreakSpace", "alice\u00a0smith@example.com"),
                    active("cn=Fine", "a@b"));

            assertThat(snapshot.users()).containsExactly(active("cn=Fine", "a@b"));
            assertThat(snapshot.leftOut()).extracting(LeftOut::toString).containsExactly(
                    "user cn=NoAt: not a valid email address: \"alice.example.com\"",
                    "user cn=TwoAts: not a valid email address: \"alice@home@example.com\"",
                    "user cn=NoLocalPart: not a valid email address: \"@example.com\"",
                    "user cn=NoDomain: not a valid email address: \"alice@\"",
                    "user cn=Space: not a valid email address: \"alice smith@example.com\"",
                    "user cn=NoBreakSpace: not a valid email address: \"alice\u00a0smith@example.com\"");
            assertThat(warnings()).hasSize(6);
        }

        @Test
        void emailsWithInvisibleOrControlCharactersAreLeftOutAndNamed() {
            Snapshot snapshot = normalizeUsers(
                    active("cn=Bidi", "alice\u202e@example.com"),
                    active("cn=ZeroWidth", "bo\u200bb@example.com"),
                    active("cn=Nul", "carol\u0000@example.com"),
                    active("cn=Control", "dave\u0007@example.com"),
                    active("cn=Bom", "\ufeffeve@example.com"),
                    active("cn=Fine", "frank@example.com"));

            assertThat(snapshot.users()).containsExactly(active("cn=Fine", "frank@example.com"));
            assertThat(snapshot.leftOut()).extracting(LeftOut::toString).containsExactly(
                    "user cn=Bidi: email with an invisible or control character (U+202E, RIGHT-TO-LEFT OVERRIDE):"
                            + " \"alice\\u202E@example.com\"",
                    "user cn=ZeroWidth: email with an invisible or control character (U+200B, ZERO WIDTH SPACE):"
                            + " \"bo\\u200Bb@example.com\"",
                    "user cn=Nul: email with an invisible or control character (U+0000, NULL): \"carol\\u0000@example.com\"",
                    "user cn=Control: email with an invisible or control character (U+0007, BEL):"
                            + " \"dave\\u0007@example.com\"",
                    "user cn=Bom: email with an invisible or control character (U+FEFF, ZERO WIDTH NO-BREAK SPACE):"
                            + " \"\\uFEFFeve@example.com\"");
        }

        @Test
        void externalIdOver300CharactersIsLeftOut() {
            String longest = repeat('x', 300);
            String tooLong = repeat('y', 301);

            Snapshot snapshot = normalizeUsers(active(longest, "a@x.com"), active(tooLong, "b@x.com"));

            assertThat(snapshot.users()).containsExactly(active(longest, "a@x.com"));
            assertThat(snapshot.leftOut()).containsExactly(
                    new LeftOut(LeftOut.Kind.USER, tooLong, "externalId longer than 300 characters (301)"));
            assertThat(warnings()).containsExactly(
                    "Left out user " + tooLong + ": externalId longer than 300 characters (301)");
        }

        @Test
        void anEntryIsReportedOnceWithItsFirstProblem() {
            Snapshot snapshot = normalizeUsers(active(repeat('y', 301), "not an address"));

            assertThat(snapshot.leftOut()).extracting(LeftOut::reason)
                    .containsExactly("not a valid email address: \"not an address\"");
            assertThat(warnings()).hasSize(1);
        }
    }

    @Nested
    class DuplicateEmails {

        @Test
        void identicalActiveEntriesMerge() {
            Snapshot snapshot = normalizeUsers(
                    active("cn=A", "a@x.com"),
                    active("cn=A", " A@X.com"),
                    active("cn=B", "b@x.com"));

            assertThat(snapshot.users()).containsExactly(active("cn=A", "a@x.com"), active("cn=B", "b@x.com"));
        }

        @Test
        void conflictingActiveEntriesFailTheRun() {
            assertThatThrownBy(() -> normalizeUsers(
                    active("cn=A,dc=x", "a@x.com"),
                    active("cn=B,dc=x", "A@x.com")))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Emails must be unique: 1 address is used by more than one directory entry: "
                            + "a@x.com (cn=A,dc=x; cn=B,dc=x). Fix the directory or narrow sync.user-filter.");
        }

        @Test
        void sameEntryDifferingOnlyInDisabledIsAConflict() {
            assertThatThrownBy(() -> normalizeUsers(
                    new DirectoryUser("cn=A", "a@x.com", false, false),
                    new DirectoryUser("cn=A", "a@x.com", true, false)))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("a@x.com (cn=A)");
        }

        @Test
        void activeEntryAfterADeletedOneIsAConflict() {
            assertThatThrownBy(() -> normalizeUsers(
                    deleted("cn=Old", "a@x.com"),
                    active("cn=New", "a@x.com")))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Emails must be unique: 1 address is used by more than one directory entry: "
                            + "a@x.com (cn=Old; cn=New). Fix the directory or narrow sync.user-filter.");
        }

        @Test
        void deletedEntriesSharingAnEmailAreAllKept() {
            Snapshot snapshot = normalizeUsers(
                    deleted("cn=Old1", "a@x.com"),
                    deleted("cn=Old2", "a@x.com"));

            assertThat(snapshot.users()).containsExactly(deleted("cn=Old1", "a@x.com"), deleted("cn=Old2", "a@x.com"));
        }

        @Test
        void deletedEntryAfterAnActiveOneIsSkippedSilently() {
            Snapshot snapshot = normalizeUsers(
                    active("cn=Alice", "a@x.com"),
                    deleted("cn=Alice-tombstone", "a@x.com"));

            assertThat(snapshot.users()).containsExactly(active("cn=Alice", "a@x.com"));
            assertThat(snapshot.leftOut()).isEmpty();
            assertThat(warnings()).isEmpty();
        }

        @Test
        void listsThreeAddressesAndCountsTheRest() {
            assertThatThrownBy(() -> normalizeUsers(
                    active("cn=A1", "a@x.com"), active("cn=A2", "a@x.com"), active("cn=A3", "a@x.com"),
                    active("cn=B1", "b@x.com"), active("cn=B2", "b@x.com"),
                    active("cn=C1", "c@x.com"), active("cn=C2", "c@x.com"),
                    active("cn=D1", "d@x.com"), active("cn=D2", "d@x.com"),
                    active("cn=E1", "e@x.com"), deleted("cn=E2", "e@x.com"),
                    deleted("cn=F1", "f@x.com"), active("cn=F2", "f@x.com")))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Emails must be unique: 5 addresses are used by more than one directory entry: "
                            + "a@x.com (cn=A1; cn=A2; cn=A3), b@x.com (cn=B1; cn=B2), c@x.com (cn=C1; cn=C2) "
                            + "and 2 more. Fix the directory or narrow sync.user-filter.");
        }

        @Test
        void invalidEntriesAreLeftOutBeforeDuplicatesAreLookedFor() {
            String longId = repeat('z', 301);

            Snapshot snapshot = normalizeUsers(active(longId, "a@x.com"), active("cn=A", "a@x.com"));

            assertThat(snapshot.users()).containsExactly(active("cn=A", "a@x.com"));
            assertThat(snapshot.leftOut()).extracting(LeftOut::externalId).containsExactly(longId);
        }
    }

    @Nested
    class Groups {

        @Test
        void groupsAreFlattenedAndLimitedToTheSnapshotsUsersAndThoseLeftOut() {
            Snapshot snapshot = normalizer.normalize(new DirectoryRead(
                    List.of(active("u1", "one@x.com"), active("u2", null), active("u3", "three@x.com"),
                            deleted("u4", "four@x.com"), deleted("u1-tombstone", "one@x.com")),
                    List.of(group("g-parent", "Parent", Set.of("u1", "u2"), Set.of("g-child")),
                            group("g-child", "Child", Set.of("u3", "u4", "u1-tombstone", "not-read"), Set.of()))));

            // u2 has no email: left out, but still in the directory, so still in its group (as bwdc lists it)
            assertThat(snapshot.groups()).containsExactly(
                    group("g-parent", "Parent", Set.of("u1", "u2", "u3", "u4"), Set.of()),
                    group("g-child", "Child", Set.of("u3", "u4"), Set.of()));
        }

        @Test
        void membershipFlowsThroughALeftOutGroup() {
            Snapshot snapshot = normalizer.normalize(new DirectoryRead(
                    List.of(active("u1", "one@x.com"), active("u2", "two@x.com")),
                    List.of(group("g-top", "Top", Set.of("u1"), Set.of("g-unnamed")),
                            group("g-unnamed", " ", Set.of("u2"), Set.of()))));

            assertThat(snapshot.groups()).containsExactly(group("g-top", "Top", Set.of("u1", "u2"), Set.of()));
            assertThat(snapshot.leftOut()).containsExactly(new LeftOut(LeftOut.Kind.GROUP, "g-unnamed", "no name"));
        }

        @Test
        void groupsTheServerWouldRefuseAreLeftOutAndReported() {
            String name100 = repeat('n', 100);
            String name101 = repeat('m', 101);
            String id300 = repeat('i', 300);
            String id301 = repeat('j', 301);

            Snapshot snapshot = normalizer.normalize(new DirectoryRead(List.of(), List.of(
                    group("g-null", null, Set.of(), Set.of()),
                    group("g-blank", "", Set.of(), Set.of()),
                    group("g-100", name100, Set.of(), Set.of()),
                    group("g-101", name101, Set.of(), Set.of()),
                    group(id300, "Id300", Set.of(), Set.of()),
                    group(id301, "Id301", Set.of(), Set.of()))));

            assertThat(snapshot.groups()).extracting(DirectoryGroup::externalId).containsExactly("g-100", id300);
            assertThat(snapshot.leftOut()).containsExactly(
                    new LeftOut(LeftOut.Kind.GROUP, "g-null", "no name"),
                    new LeftOut(LeftOut.Kind.GROUP, "g-blank", "no name"),
                    new LeftOut(LeftOut.Kind.GROUP, "g-101", "name longer than 100 characters (101)"),
                    new LeftOut(LeftOut.Kind.GROUP, id301, "externalId longer than 300 characters (301)"));
            assertThat(warnings()).containsExactly(
                    "Left out group g-null: no name",
                    "Left out group g-blank: no name",
                    "Left out group g-101: name longer than 100 characters (101)",
                    "Left out group " + id301 + ": externalId longer than 300 characters (301)");
        }

        @Test
        void everyGroupWithADuplicatedExternalIdIsLeftOut() {
            Snapshot snapshot = normalizer.normalize(new DirectoryRead(
                    List.of(active("u1", "one@x.com")),
                    List.of(group("g-dup", "Blue", Set.of("u1"), Set.of()),
                            group("g-ok", "Green", Set.of(), Set.of()),
                            group("g-dup", "Red", Set.of(), Set.of()))));

            assertThat(snapshot.groups()).extracting(DirectoryGroup::name).containsExactly("Green");
            assertThat(warnings()).containsExactly(
                    "Left out group g-dup: externalId shared by 2 groups (this one is named \"Blue\"); none of them is synced",
                    "Left out group g-dup: externalId shared by 2 groups (this one is named \"Red\"); none of them is synced");
            assertThat(snapshot.leftOut()).hasSize(2);
        }
    }

    @Nested
    class WhatIsSynced {

        private final DirectoryRead read = new DirectoryRead(
                List.of(active("u1", "One@x.com"), active("u2", null)),
                List.of(group("g1", "Team", Set.of("u1", "u2"), Set.of()), group("g2", "", Set.of(), Set.of())));

        @Test
        void usersOffKeepsGroupMembers() {
            Snapshot snapshot = new Normalizer(new SyncSettings(false, true)).normalize(read);

            assertThat(snapshot.users()).isEmpty();
            assertThat(snapshot.groups()).containsExactly(group("g1", "Team", Set.of("u1", "u2"), Set.of()));
            assertThat(snapshot.leftOut()).extracting(LeftOut::toString)
                    .containsExactly("user u2: no email", "group g2: no name");
        }

        @Test
        void groupsOffLeavesGroupsOutWithoutReportingThem() {
            Snapshot snapshot = new Normalizer(new SyncSettings(true, false)).normalize(read);

            assertThat(snapshot.users()).containsExactly(active("u1", "one@x.com"));
            assertThat(snapshot.groups()).isEmpty();
            assertThat(snapshot.leftOut()).extracting(LeftOut::toString).containsExactly("user u2: no email");
        }

        @Test
        void emptyRead() {
            Snapshot snapshot = normalizer.normalize(new DirectoryRead(List.of(), List.of()));

            assertThat(snapshot).isEqualTo(new Snapshot(List.of(), List.of(), List.of()));
        }
    }

    @Nested
    class InACamelContext {

        @Test
        void readsItsSettingsFromTheContextAtEachCall() throws Exception {
            try (CamelContext context = new DefaultCamelContext()) {
                context.getPropertiesComponent().addInitialProperty("sync.groups", "false");
                Normalizer fromCamel = new Normalizer();
                fromCamel.setCamelContext(context);
                DirectoryRead read = new DirectoryRead(List.of(active("u1", "a@x.com")),
                        List.of(group("g1", "Team", Set.of("u1"), Set.of())));

                Snapshot snapshot = fromCamel.normalize(read);

                assertThat(fromCamel.getCamelContext()).isSameAs(context);
                assertThat(snapshot.users()).hasSize(1);
                assertThat(snapshot.groups()).isEmpty();
            }
        }

        @Test
        void withoutAContextOrSettingsItSaysSo() {
            assertThatThrownBy(() -> new Normalizer().normalize(new DirectoryRead(List.of(), List.of())))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
