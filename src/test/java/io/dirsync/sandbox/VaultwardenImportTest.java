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
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Vaultwarden's import semantics. */
class VaultwardenImportTest {

    private static final String OWNER = "owner@example.com";

    private TestSandbox sandbox;
    private SandboxClient client;

    private void start(UnaryOperator<TestSandbox.Builder> settings) {
        sandbox = settings.apply(TestSandbox.builder().mode(ServerMode.VAULTWARDEN)).start();
        client = new SandboxClient(sandbox);
    }

    private void start() {
        start(builder -> builder);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    private Member member(String email) {
        return sandbox.member(email).orElseThrow();
    }

    @Nested
    class Members {

        @Test
        void areMatchedByEmailAndTakeTheImportedExternalId() {
            start();
            sandbox.addMember("ann@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, "old-id", true);

            assertOk(client.importRequest(members(active("ANN@x.com", "new-id"))));

            assertThat(sandbox.members()).hasSize(2);
            assertThat(member("ann@x.com").externalId()).isEqualTo("new-id");
            assertThat(member("ann@x.com").type()).isEqualTo(MemberType.ADMIN);
        }

        @Test
        void newOnesAreInvitedAsUsersWithoutEvents() {
            start();

            assertOk(client.importRequest(members(active("New@x.com", "cn=new"))));

            Member invited = member("new@x.com");
            assertThat(invited.status()).isEqualTo(MemberStatus.INVITED);
            assertThat(invited.type()).isEqualTo(MemberType.USER);
            assertThat(invited.externalId()).isEqualTo("cn=new");
            assertThat(sandbox.events()).isEmpty();
        }

        @Test
        void deletedOnesAreRevokedNotRemovedAndRestoredWhenBack() {
            start();
            sandbox.addMember("ann@x.com", MemberType.USER, MemberStatus.CONFIRMED, "a", true);

            assertOk(client.importRequest(members(deleted("ann@x.com", "a-2"))));
            assertThat(member("ann@x.com").status()).isEqualTo(MemberStatus.REVOKED);
            assertThat(member("ann@x.com").externalId()).isEqualTo("a-2");

            assertOk(client.importRequest(members(active("ann@x.com", "a"))));
            assertThat(member("ann@x.com").status()).isEqualTo(MemberStatus.CONFIRMED);
            assertThat(member("ann@x.com").externalId()).isEqualTo("a");
        }

        @Test
        void aDeletedEntryMatchingNoEmailDoesNothing() {
            start();
            assertOk(client.importRequest(members(deleted("nobody@x.com", "n"))));
            assertThat(sandbox.members()).hasSize(1);
        }

        @Test
        void theLastConfirmedOwnerIsNotRevokedButOtherOwnersAre() {
            start();
            assertOk(client.importRequest(members(deleted(OWNER, "o"))));
            assertThat(member(OWNER).status()).isEqualTo(MemberStatus.CONFIRMED);

            sandbox.addMember("second@x.com", MemberType.OWNER, MemberStatus.CONFIRMED, null, true);
            assertOk(client.importRequest(members(deleted("second@x.com", "s"))));
            assertThat(member("second@x.com").status()).isEqualTo(MemberStatus.REVOKED);
        }

        @Test
        void noLimitsApply() {
            start(builder -> builder.seats(1).useDirectory(false));
            List<ImportRequest.Member> many = java.util.stream.IntStream.range(0, 2001)
                    .mapToObj(i -> active("u" + i + "@x.com", "u" + i)).toList();

            assertOk(client.importRequest(request(List.of(), many, false)));
            assertThat(sandbox.members()).hasSize(2002);
        }

        @Test
        void stagingDoesNotExist() {
            start(builder -> builder.stagedStatusFlag(true));
            assertOk(client.importRequest(new ImportRequest(List.of(), List.of(active("s@x.com", "s")), false, false,
                    false)));
            assertThat(member("s@x.com").status()).isEqualTo(MemberStatus.INVITED);
        }
    }

    @Nested
    class Groups {

        @Test
        void areIgnoredUnlessEnabled() {
            start();
            assertOk(client.importRequest(request(List.of(group("G", "g", "a")), List.of(active("a@x.com", "a")),
                    false)));
            assertThat(sandbox.groups()).isEmpty();
            assertThat(sandbox.member("a@x.com")).isPresent();
        }

        @Test
        void whenEnabledAreCreatedNeverRenamedAndTheirMembershipReplaced() {
            start(builder -> builder.orgGroupsEnabled(true));
            sandbox.addMember("hand@x.com", MemberType.USER, MemberStatus.CONFIRMED, null, true);

            assertOk(client.importRequest(request(List.of(group("Red", "g-red", "a")),
                    List.of(active("a@x.com", "a"), active("b@x.com", "b")), false)));
            Group red = sandbox.groupByExternalId("g-red").orElseThrow();
            assertThat(red.memberEmails()).containsExactly("a@x.com");
            sandbox.addToGroup(red.id(), member("hand@x.com").id());

            assertOk(client.importRequest(request(List.of(group("Crimson", "g-red", "b")), List.of(), false)));

            Group after = sandbox.groupByExternalId("g-red").orElseThrow();
            assertThat(after.name()).isEqualTo("Red");
            assertThat(after.memberEmails()).containsExactly("b@x.com");
            assertThat(sandbox.events()).isEmpty();
        }
    }

    @Nested
    class OverwriteExisting {

        @Test
        void removesEveryExternalMemberNotListedButTheLastConfirmedOwner() {
            start();
            sandbox.addMember("admin@x.com", MemberType.ADMIN, MemberStatus.CONFIRMED, "admin", true);
            sandbox.addMember("owner2@x.com", MemberType.OWNER, MemberStatus.INVITED, "owner2", false);
            sandbox.addMember("sso@x.com", MemberType.USER, MemberStatus.CONFIRMED, "sso", false);
            sandbox.addMember("revoked@x.com", MemberType.USER, MemberStatus.CONFIRMED, "rev", true);
            sandbox.addMember("manual@x.com", MemberType.USER, MemberStatus.CONFIRMED, null, true);
            sandbox.addMember("boss@x.com", MemberType.OWNER, MemberStatus.CONFIRMED, "boss", true);

            // The default owner has no externalId; boss is then not the last confirmed owner and goes too.
            assertOk(client.importRequest(request(List.of(),
                    List.of(deleted("revoked@x.com", "rev"), active("keep@x.com", "keep")), true)));

            assertThat(sandbox.members()).extracting(Member::email)
                    .containsExactly(OWNER, "revoked@x.com", "manual@x.com", "keep@x.com");
            assertThat(member("revoked@x.com").status()).isEqualTo(MemberStatus.REVOKED);
        }

        @Test
        void keepsTheLastConfirmedOwnerEvenWhenExternal() {
            start(builder -> builder.initialOwner(null));
            sandbox.addMember("boss@x.com", MemberType.OWNER, MemberStatus.CONFIRMED, "boss", true);

            assertOk(client.importRequest(request(List.of(), List.of(), true)));

            assertThat(sandbox.members()).extracting(Member::email).containsExactly("boss@x.com");
        }
    }

    @Nested
    class StrictBody {

        private void assertRejected(String body, int status) {
            HttpResponse<String> response = client.importJson(body);
            assertThat(response.statusCode()).as(body).isEqualTo(status);
            assertThat(json(response.body()).at("/error/code").asInt()).isEqualTo(status);
            assertThat(sandbox.members()).hasSize(1);
        }

        @Test
        void aNullEmailIsRefused() {
            start();
            assertRejected("""
                    {"groups":[],"members":[{"email":null,"externalId":"a","deleted":true}],"overwriteExisting":false}""",
                    422);
        }

        @Test
        void everyFieldIsRequired() {
            start();
            assertRejected("""
                    {"groups":[],"members":[{"email":"a@x.com","externalId":"a"}],"overwriteExisting":false}""", 422);
            assertRejected("""
                    {"groups":[{"name":"G","externalId":"g"}],"members":[],"overwriteExisting":false}""", 422);
            assertRejected("""
                    {"groups":[],"members":[]}""", 422);
        }

        @Test
        void fieldNamesAreCaseSensitive() {
            start();
            assertRejected("""
                    {"Groups":[],"Members":[{"email":"a@x.com","externalId":"a","deleted":false}],"OverwriteExisting":false}""",
                    422);
        }

        @Test
        void typesAreNotCoerced() {
            start();
            assertRejected("""
                    {"groups":[],"members":[{"email":"a@x.com","externalId":12,"deleted":false}],"overwriteExisting":false}""",
                    422);
        }

        @Test
        void aBodyThatIsNotJsonIs400() {
            start();
            assertRejected("{not json", 400);
            assertRejected("", 400);
        }

        @Test
        void unknownFieldsAreIgnored() {
            start();
            assertOk(client.importJson("""
                    {"groups":[],"members":[{"email":"a@x.com","externalId":"a","deleted":false,"x":1}],
                     "overwriteExisting":false,"largeImport":true,"inviteUsersAfterProvisioning":false}"""));
            assertThat(sandbox.member("a@x.com")).isPresent();
        }
    }

    @Test
    void thereAreNoReadBackEndpoints() {
        start();
        HttpResponse<String> response = client.get(sandbox.apiUrl() + "/public/members");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body())).isEqualTo(json("""
                {"error":{"code":404,"reason":"Not Found","description":"The requested resource could not be found."}}"""));
    }
}
