package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.testing.AuthenticatingProxy;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirsync test} with {@code directory.type=entra}, through the bundled routes, against the {@link GraphFake}
 * serving 2 objects a page: mapping, nesting, paging to the end, throttling, failures, filters, call counts.
 */
class EntraReadTest {

    static final String ADA = "0a3c5e7f-1b2d-4c6e-8f0a-1b2c3d4e5f60";
    static final String GRACE = "1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071";
    static final String ALAN = "2c5e7091-3d4f-4e80-ab2c-3d4e5f607182";
    static final String LINUS = "3d6f81a2-4e50-4f91-bc3d-4e5f60718293";
    static final String GUEST = "4e7092b3-5f61-40a2-8d4e-5f60718293a4";
    static final String ENGINEERING = "a1000000-0000-4000-8000-00000000000a";
    static final String PLATFORM = "b2000000-0000-4000-8000-00000000000b";
    static final String EVERYONE = "c3000000-0000-4000-8000-00000000000c";
    static final String DEVICE = "d4000000-0000-4000-8000-00000000000d";
    static final String APP = "e5000000-0000-4000-8000-00000000000e";

    @TempDir
    Path instanceDir;

    private GraphFake graph;
    private final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        graph = GraphFake.start(2);
        graph.user(ADA, "Ada.Lovelace@Contoso.com", "ada@contoso.onmicrosoft.com", true);
        graph.user(GRACE, null, "grace@contoso.com", true);
        graph.user(ALAN, "alan@contoso.onmicrosoft.com", "alan.turing@contoso.com", true);
        graph.user(LINUS, "linus@contoso.com", "linus@contoso.com", false);
        graph.user(GUEST, null, "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com", true);
        graph.others.put(DEVICE, "#microsoft.graph.device");
        graph.others.put(APP, "#microsoft.graph.servicePrincipal");
        graph.group(ENGINEERING, "Engineering", ADA, PLATFORM, DEVICE);
        graph.group(PLATFORM, "Platform", GRACE, ALAN);
        graph.group(EVERYONE, "Everyone", ADA, GRACE, ALAN, LINUS, GUEST, APP);
        settings.putAll(graph.settings());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private CommandLineRun test() throws IOException {
        return CommandLineRun.test(instanceDir, settings);
    }

    private JsonNode testJson() throws IOException {
        return test().json();
    }

    @Test
    void mapsUsersAndFlattensNestedGroupsReadingEveryPage() throws IOException {
        JsonNode json = testJson();

        assertThat(json).isEqualTo(new ObjectMapper().readTree("""
                {"object":"test",
                 "groups":[
                   {"externalId":"a1000000-0000-4000-8000-00000000000a","displayName":"Engineering",
                    "userIds":["0a3c5e7f-1b2d-4c6e-8f0a-1b2c3d4e5f60","1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071",
                               "2c5e7091-3d4f-4e80-ab2c-3d4e5f607182"]},
                   {"externalId":"c3000000-0000-4000-8000-00000000000c","displayName":"Everyone",
                    "userIds":["0a3c5e7f-1b2d-4c6e-8f0a-1b2c3d4e5f60","1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071",
                               "2c5e7091-3d4f-4e80-ab2c-3d4e5f607182","3d6f81a2-4e50-4f91-bc3d-4e5f60718293",
                               "4e7092b3-5f61-40a2-8d4e-5f60718293a4"]},
                   {"externalId":"b2000000-0000-4000-8000-00000000000b","displayName":"Platform",
                    "userIds":["1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071","2c5e7091-3d4f-4e80-ab2c-3d4e5f607182"]}],
                 "enabledUsers":[
                   {"externalId":"0a3c5e7f-1b2d-4c6e-8f0a-1b2c3d4e5f60","displayName":"ada.lovelace@contoso.com"},
                   {"externalId":"2c5e7091-3d4f-4e80-ab2c-3d4e5f607182","displayName":"alan.turing@contoso.com"},
                   {"externalId":"1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071","displayName":"grace@contoso.com"}],
                 "disabledUsers":[
                   {"externalId":"3d6f81a2-4e50-4f91-bc3d-4e5f60718293","displayName":"linus@contoso.com"}],
                 "deletedUsers":[]}
                """));
        // 5 users at 2 a page: 3 pages, whatever $top asked for
        assertThat(graph.graphRequests()).filteredOn(r -> r.path().equals("/v1.0/users")).hasSize(3)
                .allSatisfy(r -> assertThat(r.query()).containsEntry("$top", "999")
                        .containsEntry("$select", "id,mail,userPrincipalName,accountEnabled"));
    }

    @Test
    void theGuestIsNamedAsLeftOut() throws IOException {
        CommandLineRun run = test();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains(GUEST).contains("external guest");
    }

    @Test
    void twoThrottledPagesAreWaitedForAsGraphAsks() throws IOException {
        graph.failNext("/v1.0/groups", 2, 429, "1");

        long started = System.nanoTime();
        JsonNode json = testJson();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(json.get("groups")).hasSize(3);
        List<GraphFake.Request> groups = graph.graphRequests().stream()
                .filter(r -> r.path().startsWith("/v1.0/groups")).toList();
        assertThat(groups).extracting(GraphFake.Request::status).startsWith(429, 429, 200);
        assertThat(Duration.between(groups.get(0).at(), groups.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(groups.get(1).at(), groups.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aPageThatAlwaysFailsFailsTheReadWithOneLine() throws IOException {
        graph.failPage("/v1.0/users", 2, 500);

        long started = System.nanoTime();
        CommandLineRun run = test();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        assertThat(run.stderr().lines().filter(l -> l.startsWith("dirsync:")).toList()).singleElement().asString()
                .contains("Microsoft Graph answered 500").contains("/v1.0/users").contains("Gave up after 4 attempts");
        assertThat(graph.graphRequests()).filteredOn(r -> r.status() == 500).hasSize(4);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aTokenThatExpiresMidReadIsRenewedAndTheReadGoesOn() throws IOException {
        graph.expireTokensAt(2);

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).hasSize(3);
        assertThat(graph.requests()).filteredOn(r -> r.path().endsWith("/token")).hasSize(2);
        assertThat(graph.graphRequests()).extracting(GraphFake.Request::status).startsWith(200, 401, 200);
    }

    @Test
    void aProxyThatAsksForCredentialsGetsThoseOfItsUrl() throws IOException {
        try (AuthenticatingProxy proxy = new AuthenticatingProxy("dirsync", "pa:ss)word")) {
            settings.put("entra.proxy", "http://127.0.0.1:" + proxy.port());
            CommandLineRun without = test();
            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.stderr()).contains("asks for credentials (407): write them in entra.proxy");
            assertThat(proxy.refused()).isNotEmpty();
            assertThat(proxy.forwarded()).isEmpty();

            settings.put("entra.proxy", "http://dirsync:pa%3Ass%29word@127.0.0.1:" + proxy.port());
            JsonNode json = testJson();

            assertThat(json.get("enabledUsers")).hasSize(3);
            assertThat(proxy.forwarded()).hasSize(graph.requests().size())
                    .anyMatch(url -> url.endsWith("/oauth2/v2.0/token"))
                    .anyMatch(url -> url.contains("/v1.0/users?"));
        }
    }

    @Test
    void aWrongSecretIsRefusedNamingTheKeys() throws IOException {
        settings.put("entra.key", "not-the-secret");

        CommandLineRun run = test();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines().filter(l -> l.startsWith("dirsync:")).toList()).singleElement().asString()
                .contains("invalid_client (AADSTS7000215: Invalid client secret provided").contains("entra.key");
        assertThat(run.stderr()).doesNotContain("not-the-secret").doesNotContain("Trace ID").doesNotContain("\tat ");
        assertThat(graph.graphRequests()).isEmpty();
    }

    @Test
    void aGroupScopedReadReadsOnlyThatGroupsTransitiveMembers() throws IOException {
        settings.put("sync.user-filter", "includeGroup:" + ENGINEERING);
        settings.put("sync.groups", "false");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers").findValuesAsText("displayName"))
                .containsExactly("ada.lovelace@contoso.com", "alan.turing@contoso.com", "grace@contoso.com");
        assertThat(json.get("groups")).isEmpty();
        // 4 transitive members (3 users, Platform) and a device: 3 pages of 2; no /users, no /groups listing
        assertThat(graph.graphRequests()).extracting(GraphFake.Request::path)
                .containsOnly("/v1.0/groups/" + ENGINEERING + "/transitiveMembers").hasSize(3);
        assertThat(graph.requests()).filteredOn(r -> r.path().endsWith("/token")).hasSize(1);
    }

    @Test
    void groupFilterNarrowsWhoseMembersAreFetched() throws IOException {
        settings.put("sync.user-filter", "includeGroup:Platform|exclude:GRACE@contoso.com");
        settings.put("sync.group-filter", "include:platform");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers").findValuesAsText("displayName")).containsExactly("alan.turing@contoso.com");
        assertThat(json.get("groups").findValuesAsText("displayName")).containsExactly("Platform");
        assertThat(graph.graphRequests()).extracting(GraphFake.Request::path).doesNotContain("/v1.0/users")
                .doesNotContain("/v1.0/groups/" + EVERYONE + "/members", "/v1.0/groups/" + ENGINEERING + "/members");
    }

    @Test
    void aGroupFilterLimitsTheUsersToTheKeptGroupsDirectMembersAsBwdcDoes() throws IOException {
        settings.put("sync.group-filter", "include:platform");

        JsonNode json = testJson();

        assertThat(json.get("groups").findValuesAsText("displayName")).containsExactly("Platform");
        assertThat(json.get("enabledUsers").findValuesAsText("displayName"))
                .containsExactly("alan.turing@contoso.com", "grace@contoso.com");
        assertThat(json.get("disabledUsers")).isEmpty();

        settings.put("sync.remove-disabled", "true");
        assertThat(testJson().get("disabledUsers").findValuesAsText("displayName"))
                .as("a disabled user that a sync removes stays, as in bwdc").containsExactly("linus@contoso.com");
        settings.put("sync.group-filter", "exclude:platform");
        assertThat(testJson().get("enabledUsers").findValuesAsText("displayName"))
                .as("the members of Engineering and Everyone").containsExactly("ada.lovelace@contoso.com",
                        "alan.turing@contoso.com", "grace@contoso.com");
    }

    @Test
    void excludeGroupLeavesOutItsTransitiveMembers() throws IOException {
        settings.put("sync.user-filter", "excludeGroup:" + ENGINEERING);
        settings.put("sync.groups", "false");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).isEmpty();
        assertThat(json.get("disabledUsers").findValuesAsText("displayName")).containsExactly("linus@contoso.com");
    }

    @Test
    void aFilterBwdcWouldIgnoreIsAConfigurationErrorBeforeAnyCall() throws IOException {
        for (String filter : List.of("includeGroups:" + ENGINEERING, "include:a@x.com:b", "exclude:a@x.com|include:b@x.com")) {
            settings.put("sync.user-filter", filter);

            CommandLineRun run = test();

            assertThat(run.exitCode()).as(filter).isEqualTo(2);
            assertThat(run.stderr()).as(filter).contains("Invalid setting sync.user-filter=");
        }
        assertThat(graph.requests()).isEmpty();
    }
}
