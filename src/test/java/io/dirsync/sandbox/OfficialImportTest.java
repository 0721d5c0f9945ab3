package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.active;
import static io.dirsync.sandbox.SandboxClient.deleted;
import static io.dirsync.sandbox.SandboxClient.group;
import static io.dirsync.sandbox.SandboxClient.json;
import static io.dirsync.sandbox.SandboxClient.members;
import static io.dirsync.sandbox.SandboxClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.model.ImportRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The official server's import semantics, step by step as its import command applies them. */
class OfficialImportTest {

    private static final String OWNER = "owner@example.com";

    private TestSandbox sandbox;
    private SandboxClient client;

    private void start(UnaryOperator<TestSandbox.Builder> settings) {
        sandbox = settings.apply(TestSandbox.builder()).start();
        client = new SandboxClient(sandbox);
    }

    private void start() {
        start(builder -> builder);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    private void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body())).isEqualTo(json(
                "{\"object\":\"error\",\"message\":" + SandboxClient.toJson(message) + ",\"errors\":null}"));
    }

    private void assertUnhandled(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response.body()).get("message").asText()).isEqualTo("An unhandled server error has occurred.");
    }

    private List<String> emails() {
        return sandbox.members().stream().map(Member::email).toList();
    }

    private static List<ImportRequest.Member> manyMembers(int count) {
        return IntStream.range(0, count).mapToObj(i -> active("u" + i + "@x.com", "u" + i)).toList();
    }

    @Nested
    class SizeLimit {

        @Test
        void theCloudRefusesMoreThan2000ActiveMembersWithoutLargeImport() {
            start(builder -> builder.cloud(true));

            assertBadRequest(client.importRequest(request(List.of(), manyMembers(2001), false)),
                    "You cannot import this much data at once.");
            assertThat(sandbox.members()).hasSize(1);
        }

        @Test
        void deletedEntriesDoNotCount() {
            start(builder -> builder.cloud(true));
            List<ImportRequest.Member> members = new ArrayList<>(manyMembers(2000));
            members.add(deleted("gone@x.com", "gone"));

            assertOk(client.importRequest(request(List.of(), members, false)));
            assertThat(sandbox.members()).hasSize(2001);
        }

        @Test
        void theCloudRefusesMoreThan2000Groups() {
            start(builder -> builder.cloud(true));
            List<ImportRequest.Group> groups = IntStream.range(0, 2001).mapToObj(i -> group("G" + i, "g" + i)).toList();

            assertBadRequest(client.importRequest(request(groups, List.of(), false)),
                    "You cannot import this much data at once.");
        }

        @Test
        void largeImportLiftsTheLimit() {
            start(builder -> builder.cloud(true));
            assertOk(client.importRequest(new ImportRequest(List.of(), manyMembers(2001), false, true, true)));
        }

        @Test
        void selfHostedHasNoLimit() {
            start();
            assertOk(client.importRequest(request(List.of(), manyMembers(2001), false)));
            assertThat(sandbox.members()).hasSize(2002);
        }
    }

    @Nested
    class OrganizationFlags {

        @Test
        void withoutUseDirectoryNothingIsImported() {
            start(builder -> builder.useDirectory(false));

            assertBadRequest(client.importRequest(members(active("a@x.com", "a"))),
                    "Organization cannot use directory syncing.");
            assertThat(emails()).containsExactly(OWNER);
        }

        @Test
        void withoutUseGroupsTheMembersAreImportedBeforeTheGroupsAreRefused() {
            start(builder -> builder.useGroups(false));

            assertBadRequest(client.importRequest(request(List.of(group("G", "g", "a")),
                    List.of(active("a@x.com", "a")), false)), "Organization cannot use groups.");
            assertThat(emails()).containsExactly(OWNER, "a@x.com");
            assertThat(sandbox.groups()).isEmpty();
        }

        @Test
        void withoutUseGroupsAnEmptyGroupListIsFine() {
            start(builder -> builder.useGroups(false));
            assertOk(client.importRequest(members(active("a@x.com", "a"))));
        }
    }

    @Nested
    class DeletedEntries {

        @Test
        void removeMembersByExternalIdButNeverOwners() {
            start();
            sandbox.addMember("admin@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, "cn=admin", true);
            sandbox.addMember("user@x.com", MemberType.USER, MemberStatus.CONFIRMED, "cn=user", false);
            sandbox.addMember("custom@x.com", MemberType.CUSTOM, MemberStatus.INVITED, "cn=custom", false);
            sandbox.addMember("boss@x.com", MemberType.OWNER, MemberStatus.CONFIRMED, "cn=boss", true);
            Member admin = sandbox.member("admin@x.com").orElseThrow();

            assertOk(client.importRequest(members(
                    deleted("whatever@x.com", "cn=admin"), // the email is not looked at
                    deleted(null, "cn=user"),
                    deleted("custom@x.com", "cn=custom"),
                    deleted("boss@x.com", "cn=boss"),
                    deleted("nobody@x.com", "cn=nobody"))));

            assertThat(emails()).containsExactly(OWNER, "boss@x.com");
            assertThat(sandbox.events()).filteredOn(event -> event.type() == EventType.MEMBER_REMOVED)
                    .hasSize(3)
                    .anySatisfy(event -> {
                        assertThat(event.memberId()).isEqualTo(admin.id());
                        assertThat(event.systemUser()).isEqualTo(3);
                        assertThat(event.type().code()).isEqualTo(1503);
                    });
        }

        @Test
        void anExternalIdAlsoImportedAsActiveIsKept() {
            start();
            sandbox.addMember("a@x.com", MemberType.USER, MemberStatus.CONFIRMED, "cn=a", true);

            assertOk(client.importRequest(members(deleted("a@x.com", "cn=a"), active("a@x.com", "cn=a"))));

            assertThat(emails()).containsExactly(OWNER, "a@x.com");
        }

        @Test
        void membersWithoutExternalIdAreNotMatched() {
            start();
            sandbox.addMember("manual@x.com", MemberType.USER, MemberStatus.CONFIRMED, null, true);

            assertOk(client.importRequest(members(deleted("manual@x.com", "cn=manual"))));

            assertThat(emails()).contains("manual@x.com");
        }
    }

    @Nested
    class OverwriteExisting {

        @Test
        void removesExternalNonOwnersMissingFromTheImportOnly() {
            start();
            sandbox.addMember("boss@x.com", MemberType.OWNER, MemberStatus.CONFIRMED, "cn=boss", true);
            sandbox.addMember("admin@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, "cn=admin", true);
            sandbox.addMember("custom@x.com", MemberType.CUSTOM, MemberStatus.CONFIRMED, "cn=custom", true);
            sandbox.addMember("keep@x.com", MemberType.USER, MemberStatus.CONFIRMED, "cn=keep", true);
            sandbox.addMember("manual@x.com", MemberType.USER, MemberStatus.CONFIRMED, null, false);

            assertOk(client.importRequest(request(List.of(), List.of(active("keep@x.com", "cn=keep")), true)));

            assertThat(emails()).containsExactly(OWNER, "boss@x.com", "keep@x.com", "manual@x.com");
            assertThat(sandbox.events()).extracting(Event::type)
                    .containsExactly(EventType.MEMBER_REMOVED, EventType.MEMBER_REMOVED);
        }

        @Test
        void refusesTheWholeRequestWhenOneToRemoveHasNoMasterPassword() {
            start();
            sandbox.addMember("admin@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, "cn=admin", true);
            sandbox.addMember("sso@x.com", MemberType.USER, MemberStatus.CONFIRMED, "cn=sso", false);

            assertBadRequest(client.importRequest(request(List.of(), List.of(active("new@x.com", "cn=new")), true)),
                    "Sync failed. To proceed, disable the 'Remove and re-add users during next sync' setting and"
                            + " try again.");

            assertThat(emails()).containsExactly(OWNER, "admin@x.com", "sso@x.com");
            assertThat(sandbox.events()).isEmpty();
        }

        @Test
        void aPendingInviteeCountsAsHavingNoMasterPassword() {
            start();
            assertOk(client.importRequest(members(active("pending@x.com", "cn=pending"))));

            assertBadRequest(client.importRequest(request(List.of(), List.of(active("new@x.com", "cn=new")), true)),
                    "Sync failed. To proceed, disable the 'Remove and re-add users during next sync' setting and"
                            + " try again.");
            assertThat(emails()).containsExactly(OWNER, "pending@x.com");
        }

        @Test
        void aDeletedEntryWithoutMasterPasswordIsRemovedFirstAndThenTripsTheGuard() {
            start();
            sandbox.addMember("sso@x.com", MemberType.USER, MemberStatus.CONFIRMED, "cn=sso", false);

            assertBadRequest(client.importRequest(request(List.of(), List.of(deleted("sso@x.com", "cn=sso")), true)),
                    "Sync failed. To proceed, disable the 'Remove and re-add users during next sync' setting and"
                            + " try again.");

            // No transaction: step 3 already removed the member, and its event (logged last) was never written.
            assertThat(emails()).containsExactly(OWNER);
            assertThat(sandbox.events()).isEmpty();
        }

        @Test
        void neverDeletesGroups() {
            start();
            assertOk(client.importRequest(request(List.of(group("G", "g")), List.of(), false)));

            assertOk(client.importRequest(request(List.of(), List.of(), true)));

            assertThat(sandbox.groups()).extracting(Group::externalId).containsExactly("g");
        }
    }

    @Nested
    class LinkByEmail {

        @Test
        void aMemberWithoutExternalIdGetsTheImportedOneAndKeepsEverythingElse() {
            start();
            sandbox.addMember("bob@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, null, true);

            assertOk(client.importRequest(members(active("Bob@X.com", "cn=bob"))));

            assertThat(sandbox.members()).hasSize(2);
            Member bob = sandbox.member("bob@x.com").orElseThrow();
            assertThat(bob.externalId()).isEqualTo("cn=bob");
            assertThat(bob.type()).isEqualTo(MemberType.ADMIN);
            assertThat(bob.status()).isEqualTo(MemberStatus.CONFIRMED);
            assertThat(sandbox.events()).isEmpty();
        }

        @Test
        void aMemberWithAnotherExternalIdIsNeitherRelinkedNorInvitedAgain() {
            start();
            sandbox.addMember("bob@x.com", MemberType.USER, MemberStatus.CONFIRMED, "old-id", true);

            assertOk(client.importRequest(members(active("bob@x.com", "new-id"))));

            assertThat(sandbox.members()).hasSize(2);
            assertThat(sandbox.member("bob@x.com").orElseThrow().externalId()).isEqualTo("old-id");
            assertThat(sandbox.events()).isEmpty();
        }
    }

    @Nested
    class NewMembers {

        @Test
        void areInvitedAsUsers() {
            start();

            assertOk(client.importRequest(members(active("New@X.com", "cn=new"))));

            Member invited = sandbox.member("new@x.com").orElseThrow();
            assertThat(invited.email()).isEqualTo("new@x.com");
            assertThat(invited.externalId()).isEqualTo("cn=new");
            assertThat(invited.type()).isEqualTo(MemberType.USER);
            assertThat(invited.status()).isEqualTo(MemberStatus.INVITED);
            assertThat(invited.userId()).isNull();
            assertThat(sandbox.events()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.MEMBER_INVITED);
                assertThat(event.type().code()).isEqualTo(1500);
                assertThat(event.memberId()).isEqualTo(invited.id());
                assertThat(event.systemUser()).isEqualTo(3);
            });
        }

        @Test
        void areStagedWhenTheFlagIsOnAndInvitingIsDeferred() {
            start(builder -> builder.stagedStatusFlag(true));

            assertOk(client.importRequest(new ImportRequest(List.of(), List.of(active("s@x.com", "cn=s")), false,
                    false, false)));

            assertThat(sandbox.member("s@x.com").orElseThrow().status()).isEqualTo(MemberStatus.STAGED);
            assertThat(sandbox.events()).extracting(event -> event.type().code()).containsExactly(1523);
        }

        @Test
        void areInvitedWhenTheFlagIsOff() {
            start();
            assertOk(client.importRequest(new ImportRequest(List.of(), List.of(active("s@x.com", "cn=s")), false,
                    false, false)));
            assertThat(sandbox.member("s@x.com").orElseThrow().status()).isEqualTo(MemberStatus.INVITED);
        }

        @Test
        void areInvitedWhenTheRequestAsksForInvites() {
            start(builder -> builder.stagedStatusFlag(true));
            assertOk(client.importRequest(members(active("s@x.com", "cn=s"))));
            assertThat(sandbox.member("s@x.com").orElseThrow().status()).isEqualTo(MemberStatus.INVITED);
        }

        @Test
        void anEmailTheOrganizationKnowsIsSkippedSilently() {
            start();
            sandbox.addMember("known@x.com", MemberType.USER, MemberStatus.REVOKED, "cn=other", true);

            assertOk(client.importRequest(members(active("KNOWN@x.com", "cn=known"))));

            assertThat(sandbox.members()).hasSize(2);
            assertThat(sandbox.events()).isEmpty();
        }

        @Test
        void needAConfirmedOwner() {
            start(builder -> builder.initialOwner(null));

            assertBadRequest(client.importRequest(members(active("a@x.com", "a"))),
                    "Organization must have at least one confirmed owner.");
        }

        @Test
        void duplicateEmailsAmongActiveMembersAreAnUnhandledError() {
            start();
            assertUnhandled(client.importRequest(members(active("a@x.com", "1"), active("A@x.com", "2"))));
            assertThat(sandbox.members()).hasSize(1);
        }
    }

    @Nested
    class Seats {

        @Test
        void selfHostedCannotAutoscale() {
            start(builder -> builder.seats(2)); // the owner takes one

            assertBadRequest(client.importRequest(members(active("a@x.com", "a"), active("b@x.com", "b"))),
                    "Cannot autoscale on self-hosted instance.");
            assertThat(sandbox.members()).hasSize(1);
        }

        @Test
        void theCloudStopsAtItsAutoscaleLimit() {
            start(builder -> builder.cloud(true).seats(2));

            assertBadRequest(client.importRequest(members(active("a@x.com", "a"), active("b@x.com", "b"))),
                    "Seat limit has been reached.");
        }

        @Test
        void theCloudBuysSeatsUpToItsAutoscaleLimit() {
            start(builder -> builder.cloud(true).seats(2).maxAutoscaleSeats(10));

            assertOk(client.importRequest(members(active("a@x.com", "a"), active("b@x.com", "b"))));

            assertThat(sandbox.seats()).isEqualTo(3);
        }

        @Test
        void revokedAndStagedMembersAndKnownEmailsTakeNoSeat() {
            start(builder -> builder.seats(2));
            sandbox.addMember("revoked@x.com", MemberType.USER, MemberStatus.REVOKED, "r", true);
            sandbox.addMember("staged@x.com", MemberType.USER, MemberStatus.STAGED, "s", false);

            assertOk(client.importRequest(members(active("a@x.com", "a"), active("revoked@x.com", "r2"))));
            assertThat(emails()).contains("a@x.com");
        }

        @Test
        void stagingChecksNoSeats() {
            start(builder -> builder.seats(1).stagedStatusFlag(true));

            assertOk(client.importRequest(new ImportRequest(List.of(),
                    List.of(active("a@x.com", "a"), active("b@x.com", "b")), false, false, false)));
            assertThat(sandbox.members()).hasSize(3);
        }
    }

    @Nested
    class Groups {

        @Test
        void areCreatedWithTheImportedMembers() {
            start();
            sandbox.addMember("old@x.com", MemberType.USER, MemberStatus.CONFIRMED, "u-old", true);

            assertOk(client.importRequest(request(List.of(group("Red", "g-red", "u-new", "u-old", "u-unknown")),
                    List.of(active("new@x.com", "u-new")), false)));

            Group red = sandbox.groupByExternalId("g-red").orElseThrow();
            assertThat(red.name()).isEqualTo("Red");
            assertThat(red.memberExternalIds()).containsExactlyInAnyOrder("u-new", "u-old");
            assertThat(red.memberEmails()).containsExactlyInAnyOrder("new@x.com", "old@x.com");
            assertThat(sandbox.events()).extracting(event -> event.type().code()).containsExactly(1500, 1400);
            assertThat(sandbox.events().get(1).groupId()).isEqualTo(red.id());
        }

        @Test
        void areRenamedAndTheirMembershipReplaced() {
            start();
            sandbox.addMember("a@x.com", MemberType.USER, MemberStatus.CONFIRMED, "a", true);
            sandbox.addMember("b@x.com", MemberType.USER, MemberStatus.CONFIRMED, "b", true);
            Member byHand = sandbox.addMember("hand@x.com", MemberType.USER, MemberStatus.CONFIRMED, null, true);
            Group red = sandbox.addGroup("Red", "g-red");
            sandbox.addToGroup(red.id(), sandbox.member("a@x.com").orElseThrow().id(), byHand.id());

            assertOk(client.importRequest(request(List.of(group("Crimson", "g-red", "b")), List.of(), false)));

            Group after = sandbox.groupByExternalId("g-red").orElseThrow();
            assertThat(after.id()).isEqualTo(red.id());
            assertThat(after.name()).isEqualTo("Crimson");
            assertThat(after.memberEmails()).containsExactly("b@x.com");
            assertThat(sandbox.events()).singleElement().satisfies(event -> {
                assertThat(event.type().code()).isEqualTo(1401);
                assertThat(event.groupId()).isEqualTo(red.id());
            });
        }

        @Test
        void anUnchangedGroupStillLogsAnUpdate() {
            start();
            sandbox.addGroup("Red", "g-red");
            assertOk(client.importRequest(request(List.of(group("Red", "g-red")), List.of(), false)));
            assertThat(sandbox.events()).extracting(event -> event.type().code()).containsExactly(1401);
        }

        @Test
        void areNeverDeletedAndGroupsMadeByHandAreNotTouched() {
            start();
            sandbox.addMember("a@x.com", MemberType.USER, MemberStatus.CONFIRMED, "a", true);
            String a = sandbox.member("a@x.com").orElseThrow().id();
            sandbox.addToGroup(sandbox.addGroup("Old", "g-old").id(), a);
            sandbox.addToGroup(sandbox.addGroup("Hand made", null).id(), a);

            assertOk(client.importRequest(request(List.of(group("New", "g-new")), List.of(), false)));

            assertThat(sandbox.groups()).extracting(Group::name).containsExactly("Old", "Hand made", "New");
            assertThat(sandbox.groups()).filteredOn(group -> !group.name().equals("New"))
                    .allSatisfy(group -> assertThat(group.memberIds()).containsExactly(a));
        }

        @Test
        void duplicateGroupExternalIdsAreAnUnhandledErrorAfterTheMembersWereImported() {
            start();

            assertUnhandled(client.importRequest(request(List.of(group("A", "g"), group("B", "g")),
                    List.of(active("a@x.com", "a")), false)));

            assertThat(emails()).contains("a@x.com");
            assertThat(sandbox.groups()).isEmpty();
        }

        @Test
        void removedMembersLeaveTheirGroups() {
            start();
            sandbox.addMember("a@x.com", MemberType.USER, MemberStatus.CONFIRMED, "a", true);
            assertOk(client.importRequest(request(List.of(group("G", "g", "a")), List.of(), false)));

            assertOk(client.importRequest(members(deleted("a@x.com", "a"))));

            assertThat(sandbox.groupByExternalId("g").orElseThrow().memberIds()).isEmpty();
        }
    }

    @Test
    void eventsFollowTheServersOrderRemovalsLast() {
        start();
        sandbox.addMember("gone@x.com", MemberType.USER, MemberStatus.CONFIRMED, "gone", true);
        sandbox.addGroup("Old", "g-old");

        assertOk(client.importRequest(request(List.of(group("New", "g-new", "n"), group("Old", "g-old")),
                List.of(active("n@x.com", "n"), deleted("gone@x.com", "gone")), false)));

        assertThat(sandbox.events()).extracting(event -> event.type().code()).containsExactly(1500, 1400, 1401, 1503);
    }
}
