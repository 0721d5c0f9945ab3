package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.model.ImportRequest.Group;
import io.dirsync.model.ImportRequest.Member;
import io.dirsync.model.ImportRequest;
import io.dirsync.state.AppliedState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ImportBatcherTest {

    private static List<Member> members(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Member("u" + i + "@ex.com", "u" + i, false)).toList();
    }

    private static List<Group> groups(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Group("G" + i, "g" + i, List.of("u" + i))).toList();
    }

    private static ChangeSet sending(List<Member> members, List<Group> groups, boolean overwrite, boolean full) {
        return new ChangeSet(members, groups, members, List.of(), List.of(), List.of(), List.of(), 0, 0, List.of(),
                List.of(), full,
                full ? "--full" : null, overwrite, ChangeSet.ServerRemovals.NONE, ChangeSet.Held.NONE,
                new ChangeSet.GuardFacts(0, 0, 0, 0, false, false, false), AppliedState.empty("https://api", "org"),
                AppliedState.empty("https://api", "org"), null);
    }

    private static ChangeSet sending(List<Member> members, List<Group> groups) {
        return sending(members, groups, false, false);
    }

    @Test
    void nothingToSendMeansNoRequest() {
        assertThat(ImportBatcher.requests(sending(List.of(), List.of()), false)).isEmpty();
    }

    @Test
    void upTo2000EntriesGoInOneRequestWithoutLargeImport() {
        List<Member> members = members(1500);
        List<Group> groups = groups(500);

        List<ImportRequest> requests = ImportBatcher.requests(sending(members, groups), false);

        assertThat(requests).containsExactly(new ImportRequest(groups, members, false, false, false));
    }

    @Test
    void aSmallRequestCarriesBothKinds() {
        Member alice = new Member("alice@ex.com", "cn=alice", false);
        Member bob = new Member("bob@ex.com", "cn=bob", true);
        Group blue = new Group("Blue", "cn=blue", List.of("cn=alice"));

        assertThat(ImportBatcher.requests(sending(List.of(bob, alice), List.of(blue)), true))
                .containsExactly(new ImportRequest(List.of(blue), List.of(bob, alice), false, false, true));
    }

    @Test
    void moreThan2000AreSplitMembersFirstThenGroupsNeverMixed() {
        List<Member> members = members(2001);
        List<Group> groups = groups(1);

        List<ImportRequest> requests = ImportBatcher.requests(sending(members, groups), false);

        assertThat(requests).containsExactly(
                new ImportRequest(List.of(), members.subList(0, 2000), false, true, false),
                new ImportRequest(List.of(), members.subList(2000, 2001), false, true, false),
                new ImportRequest(groups, List.of(), false, true, false));
    }

    @Test
    void bwdcsOwnCase11000UsersAnd11000GroupsMake12Requests() {
        List<Member> members = members(11_000);
        List<Group> groups = groups(11_000);

        List<ImportRequest> requests = ImportBatcher.requests(sending(members, groups), false);

        assertThat(requests).hasSize(12);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.largeImport()).isTrue();
            assertThat(r.overwriteExisting()).isFalse();
            assertThat(r.members().isEmpty() != r.groups().isEmpty()).as("never mixed").isTrue();
        });
        assertThat(requests).extracting(r -> r.members().size())
                .containsExactly(2000, 2000, 2000, 2000, 2000, 1000, 0, 0, 0, 0, 0, 0);
        assertThat(requests).extracting(r -> r.groups().size())
                .containsExactly(0, 0, 0, 0, 0, 0, 2000, 2000, 2000, 2000, 2000, 1000);
        List<Member> sentMembers = new ArrayList<>();
        List<Group> sentGroups = new ArrayList<>();
        requests.forEach(r -> {
            sentMembers.addAll(r.members());
            sentGroups.addAll(r.groups());
        });
        assertThat(sentMembers).isEqualTo(members);
        assertThat(sentGroups).isEqualTo(groups);
    }

    @Test
    void groupsAloneAreSplitToo() {
        List<ImportRequest> requests = ImportBatcher.requests(sending(List.of(), groups(4001)), false);

        assertThat(requests).extracting(r -> r.groups().size()).containsExactly(2000, 2000, 1);
    }

    @Test
    void overwriteIsOneRequestWithOverwriteExisting() {
        List<Member> members = members(3);
        List<Group> groups = groups(2);

        assertThat(ImportBatcher.requests(sending(members, groups, true, true), false))
                .containsExactly(new ImportRequest(groups, members, true, false, false));
    }

    @Test
    void aFullOverwriteWithNothingDesiredSendsTheEmptyRequest() {
        assertThat(ImportBatcher.requests(sending(List.of(), List.of(), true, true), false))
                .containsExactly(new ImportRequest(List.of(), List.of(), true, false, false));
    }

    @Test
    void inviteUsersAfterProvisioningIsOnEveryRequest() {
        List<ImportRequest> requests = ImportBatcher.requests(sending(members(2500), groups(10)), true);

        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.inviteUsersAfterProvisioning()).isTrue());
    }

    @Test
    void asABeanItReadsTheSettingFromTheContext() throws Exception {
        assertThat(new ImportBatcher(true).requests(sending(members(1), List.of())))
                .allSatisfy(r -> assertThat(r.inviteUsersAfterProvisioning()).isTrue());
        try (CamelContext context = new DefaultCamelContext()) {
            ImportBatcher batcher = new ImportBatcher();
            batcher.setCamelContext(context);

            assertThat(batcher.requests(sending(members(1), List.of())))
                    .allSatisfy(r -> assertThat(r.inviteUsersAfterProvisioning()).isFalse());
            context.getPropertiesComponent().addInitialProperty("sync.invite-users-after-provisioning", "true");
            assertThat(batcher.requests(sending(members(1), List.of())))
                    .allSatisfy(r -> assertThat(r.inviteUsersAfterProvisioning()).isTrue());
        }
    }
}
