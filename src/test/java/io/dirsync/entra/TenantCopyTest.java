package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.SourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How delta items merge into the kept tenant, and how the copy answers the reader's lists. */
class TenantCopyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI GRAPH = URI.create("https://graph.example/v1.0/");

    private static List<JsonNode> items(String json) {
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(json).forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> list(TenantCopy copy, String path) {
        return copy.over(GRAPH).list(URI.create(GRAPH + path + "?$select=id&$top=999"));
    }

    private static TenantCopy tenant() {
        TenantCopy copy = new TenantCopy(true);
        copy.users(items("""
                [{"id":"u1","mail":"ann@x.com","userPrincipalName":"ann@x.onmicrosoft.com","accountEnabled":true},
                 {"id":"u2","mail":null,"userPrincipalName":"bob@x.com","accountEnabled":true},
                 {"id":"u3","mail":"cy@x.com","userPrincipalName":"cy@x.com","accountEnabled":true}]"""));
        copy.groups(items("""
                [{"id":"g1","displayName":"Team","members@delta":[
                   {"@odata.type":"#microsoft.graph.user","id":"u1"},{"@odata.type":"#microsoft.graph.group","id":"g2"}]},
                 {"id":"g2","displayName":"Sub","members@delta":[{"@odata.type":"#microsoft.graph.user","id":"u2"}]},
                 {"id":"g1","displayName":"Team","members@delta":[
                   {"@odata.type":"#microsoft.graph.device","id":"d1"},{"@odata.type":"#microsoft.graph.user","id":"u3"}]}]"""));
        return copy;
    }

    @Test
    void aChangedUserKeepsThePropertiesGraphDidNotSendAgain() {
        TenantCopy copy = tenant();

        copy.users(items("[{\"id\":\"u1\",\"accountEnabled\":false},{\"id\":\"u2\",\"mail\":\"bob@x.com\"}]"));

        assertThat(list(copy, "users")).extracting(JsonNode::toString).containsExactly(
                "{\"id\":\"u1\",\"mail\":\"ann@x.com\",\"userPrincipalName\":\"ann@x.onmicrosoft.com\",\"accountEnabled\":false}",
                "{\"id\":\"u2\",\"mail\":\"bob@x.com\",\"userPrincipalName\":\"bob@x.com\",\"accountEnabled\":true}",
                "{\"id\":\"u3\",\"mail\":\"cy@x.com\",\"userPrincipalName\":\"cy@x.com\",\"accountEnabled\":true}");
    }

    @Test
    void aGroupsMembersAddUpOverItsItemsAndOnlyUsersAndGroupsAreKept() {
        assertThat(list(tenant(), "groups/g1/members")).extracting(JsonNode::toString).containsExactly(
                "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"}",
                "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"g2\"}",
                "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u3\"}");
        assertThat(list(tenant(), "groups")).extracting(JsonNode::toString)
                .containsExactly("{\"id\":\"g1\",\"displayName\":\"Team\"}", "{\"id\":\"g2\",\"displayName\":\"Sub\"}");
    }

    @Test
    void removedObjectsAndMembershipsGoAndAReplayChangesNothing() {
        TenantCopy copy = tenant();
        String changes = """
                [{"id":"u3","@removed":{"reason":"changed"}},
                 {"id":"g2","@removed":{"reason":"deleted"}},
                 {"id":"g1","displayName":"Team A","members@delta":[
                   {"@odata.type":"#microsoft.graph.user","id":"u1","@removed":{"reason":"deleted"}},
                   {"@odata.type":"#microsoft.graph.user","id":"u2"}]}]""";

        for (int i = 0; i < 2; i++) {
            copy.users(items(changes).subList(0, 1));
            copy.groups(items(changes).subList(1, 3));
        }

        assertThat(list(copy, "users")).extracting(u -> u.get("id").asText()).containsExactly("u1", "u2");
        assertThat(list(copy, "groups")).extracting(JsonNode::toString)
                .containsExactly("{\"id\":\"g1\",\"displayName\":\"Team A\"}");
        assertThat(list(copy, "groups/g1/members")).extracting(m -> m.get("id").asText()).containsExactly("u2");
        assertThat(copy.changes()).as("6 items read, then 3 twice").isEqualTo(12);
    }

    @Test
    void aMemberThatIsGoneIsNotListedAsGraphWouldNot() {
        TenantCopy copy = tenant();

        copy.users(items("[{\"id\":\"u3\",\"@removed\":{\"reason\":\"deleted\"}}]"));

        assertThat(list(copy, "groups/g1/members")).extracting(m -> m.get("id").asText()).containsExactly("u1", "g2");
    }

    @Test
    void transitiveMembersFollowNestedGroupsThroughCyclesWithTheUsersProperties() {
        TenantCopy copy = tenant();
        copy.groups(items("[{\"id\":\"g2\",\"members@delta\":[{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"g1\"}]}]"));

        List<JsonNode> members = list(copy, "groups/g2/transitiveMembers");

        assertThat(members).extracting(m -> m.get("id").asText()).containsExactlyInAnyOrder("u2", "g1", "u1", "g2", "u3");
        assertThat(members).filteredOn(m -> m.get("id").asText().equals("u2")).singleElement()
                .satisfies(u -> assertThat(u.get("userPrincipalName").asText()).isEqualTo("bob@x.com"));
        assertThat(list(copy, "groups")).extracting(g -> g.get("displayName").asText()).as("a name not sent is kept")
                .containsExactly("Team", "Sub");
    }

    @Test
    void aGroupNotInTheTenantFailsTheReadNamingTheFilter() {
        assertThatThrownBy(() -> list(tenant(), "groups/g9/transitiveMembers")).isInstanceOf(SourceException.class)
                .hasMessageContaining("g9").hasMessageContaining("sync.user-filter");
    }

    @Test
    void aCopyOfTheCacheAnswersAsTheTenantItWasMadeFrom() {
        TenantCopy copy = tenant();
        DeltaCache cache = new DeltaCache(DeltaCache.FORMAT_VERSION, "sha256:x", "2030-01-01T00:00:00Z", "u-link",
                "g-link", copy.users(), copy.groups());

        TenantCopy again = TenantCopy.of(cache);

        for (String path : List.of("users", "groups", "groups/g1/members", "groups/g1/transitiveMembers")) {
            assertThat(list(again, path)).as(path).isEqualTo(list(copy, path));
        }
    }
}
