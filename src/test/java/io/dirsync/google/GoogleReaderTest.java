package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import io.dirsync.http.ListsByCall;
import io.dirsync.http.PagedApi;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader over a Directory API given as lists by path: which lists it asks for, and what it makes of them. */
class GoogleReaderTest {

    private static final String KEY = GoogleFake.privateKeyPem(GoogleFake.KEYS);
    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> lists = new HashMap<>();

    private DirectoryRead read(ReadOptions options, String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("google.domain", "x.com", "google.admin-user", "admin@x.com",
                "google.client-email", "sa@p.iam.gserviceaccount.com", "google.private-key", KEY));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        PagedApi directory = new ListsByCall("Google's Directory API", url -> url.getRawPath()
                .replace("/admin/directory/v1/", "") + (url.getQuery().contains("showDeleted=true") ? "?deleted" : ""),
                lists, asked);
        return new GoogleReader(Settings.of(values), directory).read(options);
    }

    @Test
    void aSyncReadsNoDeletedUsersAndACustomerMemberIsEveryoneRead() {
        lists.put("users", "[{\"id\":\"1\",\"primaryEmail\":\"a@x.com\",\"emails\":[{}]},"
                + "{\"id\":\"2\",\"primaryEmail\":\"b@x.com\",\"emails\":[{}],\"suspended\":true}]");
        lists.put("groups", "[{\"id\":\"g1\",\"name\":\"All\"}]");
        lists.put("groups/g1/members", "[{\"type\":\"CUSTOMER\",\"id\":\"C1\"},{\"type\":\"EXTERNAL\",\"id\":\"9\"}]");

        DirectoryRead read = read(ReadOptions.SYNC);

        assertThat(read.users()).containsExactly(new DirectoryUser("1", "a@x.com", false, false),
                new DirectoryUser("2", "b@x.com", true, false));
        assertThat(read.groups()).containsExactly(new DirectoryGroup("g1", "All", Set.of("1", "2"), Set.of()));
        assertThat(asked).containsExactly("groups", "users", "groups/g1/members");
    }

    @Test
    void nestedGroupsOfAScopedReadAreReadOnceEvenInACycle() {
        lists.put("groups/a%40x.com/members", "[{\"type\":\"USER\",\"id\":\"1\",\"email\":\"a@x.com\",\"status\":\"ACTIVE\"},"
                + "{\"type\":\"GROUP\",\"id\":\"g2\"}]");
        lists.put("groups/g2/members", "[{\"type\":\"USER\",\"id\":\"2\",\"email\":\"b@x.com\",\"status\":\"ACTIVE\"},"
                + "{\"type\":\"GROUP\",\"id\":\"a@x.com\"}]");

        DirectoryRead read = read(ReadOptions.forTest(), "sync.user-filter", "includeGroup:a@x.com", "sync.groups",
                "false");

        assertThat(read.users()).extracting(DirectoryUser::externalId).containsExactly("1", "2");
        assertThat(asked).containsExactly("groups/a%40x.com/members", "groups/g2/members");
    }

    @Test
    void aScopedGroupHoldingTheWholeAccountReadsTheUsers() {
        lists.put("groups/all%40x.com/members", "[{\"type\":\"CUSTOMER\",\"id\":\"C1\"}]");
        lists.put("users", "[{\"id\":\"1\",\"primaryEmail\":\"a@x.com\",\"emails\":[{}]}]");

        DirectoryRead read = read(ReadOptions.SYNC, "sync.user-filter", "includeGroup:all@x.com", "sync.groups",
                "false");

        assertThat(read.users()).extracting(DirectoryUser::externalId).containsExactly("1");
    }

    @Test
    void settingsAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> read(ReadOptions.SYNC, "google.domain", "")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Missing setting google.domain");
        assertThatThrownBy(() -> read(ReadOptions.SYNC, "google.admin-user", ""))
                .hasMessageStartingWith("Missing setting google.admin-user");
        assertThatThrownBy(() -> read(ReadOptions.SYNC, "google.private-key", "not a key"))
                .hasMessageStartingWith("Invalid setting google.private-key");
        assertThatThrownBy(() -> read(ReadOptions.SYNC, "google.api-url", "http://admin.example.com"))
                .hasMessageContaining("plain http://");
        assertThat(asked).isEmpty();
    }
}
