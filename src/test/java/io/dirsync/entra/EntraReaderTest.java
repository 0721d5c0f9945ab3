package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.ListsByCall;
import io.dirsync.http.PagedApi;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader over a Graph given as lists by path: which lists it asks for, and what it makes of them. */
class EntraReaderTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> lists = new HashMap<>();

    private DirectoryRead read(String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("entra.tenant", "t", "entra.application-id", "a",
                "entra.key", "k"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        PagedApi graph = new ListsByCall("Microsoft Graph", url -> {
            assertThat(url.getQuery()).endsWith("&$top=999");
            return url.getPath().replace("/v1.0/", "");
        }, lists, asked);
        return new EntraReader(Settings.of(values), graph).read();
    }

    @Test
    void readsUsersGroupsAndTheMembersOfEachKeptGroup() {
        lists.put("users", "[{\"id\":\"u1\",\"mail\":\"a@x.com\",\"accountEnabled\":true},"
                + "{\"id\":\"u2\",\"mail\":null,\"userPrincipalName\":\"b@x.com\",\"accountEnabled\":false}]");
        lists.put("groups", "[{\"id\":\"g1\",\"displayName\":\"Sales\"},{\"id\":\"g2\",\"displayName\":\"IT\"}]");
        lists.put("groups/g1/members", "[{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"},"
                + "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"g2\"},"
                + "{\"@odata.type\":\"#microsoft.graph.orgContact\",\"id\":\"c1\"}]");

        // u2 is in no group kept: with a group filter it stays only as a disabled user that a sync removes
        DirectoryRead read = read("sync.group-filter", "exclude:it", "sync.remove-disabled", "true");

        assertThat(read.users()).extracting(u -> u.externalId() + " " + u.email() + " " + u.disabled())
                .containsExactly("u1 a@x.com false", "u2 b@x.com true");
        assertThat(read.groups()).containsExactly(new DirectoryGroup("g1", "Sales", Set.of("u1"), Set.of("g2")));
        assertThat(asked).containsExactly("groups", "users", "groups/g1/members");
    }

    @Test
    void withoutUsersTheUserListIsNotRead() {
        lists.put("groups", "[]");

        read("sync.users", "false");

        assertThat(asked).containsExactly("groups");
    }

    @Test
    void aGroupNamedTwiceMustBeNamedByItsId() {
        lists.put("groups", "[{\"id\":\"g1\",\"displayName\":\"Sales\"},{\"id\":\"g2\",\"displayName\":\"sales\"}]");

        assertThatThrownBy(() -> read("sync.user-filter", "includeGroup:Sales", "sync.groups", "false"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting sync.user-filter: 2 groups are named \"Sales\"; name it by its object"
                        + " id, one of g1, g2.");
        assertThatThrownBy(() -> read("sync.user-filter", "includeGroup:Marketing", "sync.groups", "false"))
                .hasMessage("Invalid setting sync.user-filter: no group is named \"Marketing\".");
    }

    @Test
    void aListThatFailsFailsTheRead() {
        lists.put("users", "[{\"id\":\"u1\",\"mail\":\"a@x.com\"}]");
        lists.put("groups", "[{\"id\":\"g1\",\"displayName\":\"Sales\"}]");

        assertThatThrownBy(() -> read()).isInstanceOf(SourceException.class).hasMessageContaining("groups/g1/members");
    }

    @Test
    void settingsAndFiltersAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> read("sync.user-filter", "include:a@x.com:b")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> read("entra.identity-authority", "germany")).isInstanceOf(ConfigurationException.class);
        assertThat(asked).isEmpty();
    }
}
