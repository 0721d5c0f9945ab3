package io.dirsync.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.ListsByCall;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader over an Okta given as lists by path and query: which lists it asks for, and what it makes of them. */
class OktaReaderTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> lists = new HashMap<>();

    private DirectoryRead read(ReadOptions options, String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("okta.org-url", "https://example.okta.com/",
                "okta.token", "t"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return new OktaReader(Settings.of(values), new ListsByCall("Okta", url -> {
            assertThat(url.toString()).startsWith("https://example.okta.com/api/v1/");
            return URLDecoder.decode(url.getRawPath().replace("/api/v1/", "") + "?" + url.getRawQuery(),
                    StandardCharsets.UTF_8);
        }, lists, asked)).read(options);
    }

    private void directory() {
        lists.put("users?limit=200", "[{\"id\":\"00uA\",\"status\":\"ACTIVE\",\"profile\":{\"email\":\"a@x.com\"}},"
                + "{\"id\":\"00uB\",\"status\":\"SUSPENDED\",\"profile\":{\"email\":\"b@x.com\"}}]");
        lists.put("users?limit=200&filter=status eq \"DEPROVISIONED\"",
                "[{\"id\":\"00uC\",\"status\":\"DEPROVISIONED\",\"profile\":{\"email\":\"c@x.com\"}}]");
        lists.put("groups?limit=200", "[{\"id\":\"00gS\",\"profile\":{\"name\":\"Sales\"}},"
                + "{\"id\":\"00gI\",\"profile\":{\"name\":\"IT\"}}]");
        lists.put("groups/00gS/users?limit=1000", "[{\"id\":\"00uA\"},{\"id\":\"00uB\"}]");
        lists.put("groups/00gI/users?limit=1000", "[]");
    }

    @Test
    void aSyncsReadAsksForNoDeprovisionedUsers() {
        directory();

        DirectoryRead read = read(ReadOptions.SYNC);

        assertThat(read.users()).containsExactly(new DirectoryUser("00uA", "a@x.com", false, false),
                new DirectoryUser("00uB", "b@x.com", true, false));
        assertThat(read.groups()).containsExactly(new DirectoryGroup("00gS", "Sales", Set.of("00uA", "00uB"), Set.of()),
                new DirectoryGroup("00gI", "IT", Set.of(), Set.of()));
        assertThat(asked).containsExactly("users?limit=200", "groups?limit=200", "groups/00gS/users?limit=1000",
                "groups/00gI/users?limit=1000");
    }

    @Test
    void testsReadListsTheDeprovisionedAsDeleted() {
        directory();

        DirectoryRead read = read(ReadOptions.forTest());

        assertThat(read.users()).contains(new DirectoryUser("00uC", "c@x.com", false, true));
        assertThat(asked).contains("users?limit=200&filter=status eq \"DEPROVISIONED\"");
    }

    @Test
    void usersOnlyAsksForNoGroupAndGroupsOnlyForNoUser() {
        directory();

        read(ReadOptions.SYNC, "sync.groups", "false");
        assertThat(asked).containsExactly("users?limit=200");

        asked.clear();
        read(ReadOptions.forTest(), "sync.users", "false");
        assertThat(asked).allMatch(call -> call.startsWith("groups"));
    }

    @Test
    void aFailedListFailsTheRead() {
        directory();
        lists.remove("groups/00gI/users?limit=1000");

        assertThatThrownBy(() -> read(ReadOptions.SYNC)).isInstanceOf(SourceException.class)
                .hasMessageContaining("/api/v1/groups/00gI/users");
    }
}
