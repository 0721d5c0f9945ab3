package io.dirsync.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.filter.BwdcFilter.ListAndQuery;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** bwdc's list-then-query filters (Okta, OneLogin): {@code include:}/{@code exclude:}, then {@code |} and a query. */
class ListAndQueryTest {

    private static ListAndQuery parse(String text) {
        return BwdcFilter.listAndQuery("sync.user-filter", Optional.of(text));
    }

    @Test
    void aListThenAQuery() {
        ListAndQuery filter = parse("exclude: Joe@Company.com , ann@company.com | profile.firstName eq \"John\"");

        assertThat(filter.query()).contains("profile.firstName eq \"John\"");
        assertThat(filter.keeps("joe@company.com")).isFalse();
        assertThat(filter.keeps(" ANN@company.com ")).isFalse();
        assertThat(filter.keeps("bob@company.com")).isTrue();
        assertThat(filter.keeps(null)).isTrue();
    }

    @Test
    void anIncludeListKeepsOnlyItsValues() {
        ListAndQuery filter = parse("include:Sales,IT");

        assertThat(filter.query()).isEmpty();
        assertThat(filter.keeps("sales")).isTrue();
        assertThat(filter.keeps("Marketing")).isFalse();
        assertThat(filter.keeps(null)).isFalse();
    }

    @Test
    void onlyAQuery() {
        ListAndQuery filter = parse(" | type eq \"APP_GROUP\"");

        assertThat(filter.list()).isEmpty();
        assertThat(filter.query()).contains("type eq \"APP_GROUP\"");
        assertThat(filter.keeps("anything")).isTrue();
    }

    @Test
    void unsetIsNoFilter() {
        assertThat(BwdcFilter.listAndQuery("sync.user-filter", Optional.empty())).isEqualTo(ListAndQuery.NONE);
    }

    @Test
    void whatBwdcWouldIgnoreIsRefused() {
        for (String text : List.of("includeGroup:Sales", "include:a:b", "include:", "|", "include:a|q|more")) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting sync.user-filter=");
        }
    }

    @Test
    void aGroupListKeepsTheDirectMembersOfKeptGroupsAndTheDeletedAndTheRemovedDisabled() {
        DirectoryUser member = new DirectoryUser("1", "a@x.com", false, false);
        DirectoryUser outsider = new DirectoryUser("2", "b@x.com", false, false);
        DirectoryUser deleted = new DirectoryUser("3", "c@x.com", false, true);
        DirectoryUser disabled = new DirectoryUser("4", "d@x.com", true, false);
        List<DirectoryUser> users = List.of(member, outsider, deleted, disabled);
        List<DirectoryGroup> kept = List.of(new DirectoryGroup("g", "Sales", Set.of("1"), Set.of()));

        assertThat(BwdcFilter.inKeptGroups(users, kept, false)).containsExactly(member, deleted);
        assertThat(BwdcFilter.inKeptGroups(users, kept, true)).containsExactly(member, deleted, disabled);
    }
}
