package io.dirsync.onelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.ListsByCall;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader over a OneLogin given as lists by path: which lists it asks for, and what it makes of them. */
class OneLoginReaderTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> lists = new HashMap<>(Map.of(
            "users", "[{\"id\":11,\"email\":\"a@x.com\",\"status\":1,\"role_id\":[7]},"
                    + "{\"id\":12,\"email\":\"b@x.com\",\"status\":2,\"role_id\":[7,8]},"
                    + "{\"id\":13,\"email\":\"c@x.com\",\"status\":1,\"role_id\":null}]",
            "roles", "[{\"id\":7,\"name\":\"Sales\"},{\"id\":8,\"name\":\"IT\"}]"));

    private DirectoryRead read(String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("onelogin.client-id", "i", "onelogin.client-secret", "s"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return new OneLoginReader(Settings.of(values), new ListsByCall("OneLogin", url -> url.getRawPath()
                .replace("/api/1/", "") + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()), lists, asked)).read();
    }

    @Test
    void aRolesMembersAreTheUsersWhoseRoleIdListsIt() {
        DirectoryRead read = read();

        assertThat(read.groups()).containsExactly(new DirectoryGroup("7", "Sales", Set.of("11", "12"), Set.of()),
                new DirectoryGroup("8", "IT", Set.of("12"), Set.of()));
        assertThat(read.users()).extracting(u -> u.externalId() + (u.disabled() ? " disabled" : ""))
                .containsExactly("11", "12 disabled", "13");
        assertThat(asked).containsExactly("users", "roles");
    }

    @Test
    void rolesOnlyStillReadTheUsersForTheirMembersButListNone() {
        DirectoryRead read = read("sync.users", "false");

        assertThat(read.users()).isEmpty();
        assertThat(read.groups()).hasSize(2).first().extracting(DirectoryGroup::memberUserIds).isEqualTo(Set.of("11", "12"));
    }

    @Test
    void theUserQueryIsAppendedAsWritten() {
        lists.put("users?email=*@x.com", lists.get("users"));

        read("sync.user-filter", "|email=*@x.com", "sync.groups", "false");

        assertThat(asked).containsExactly("users?email=*@x.com");
    }

    @Test
    void aFailedListFailsTheReadNothingPartial() {
        lists.remove("roles");

        assertThatThrownBy(this::read).isInstanceOf(SourceException.class).hasMessageContaining("/api/1/roles");
    }
}
