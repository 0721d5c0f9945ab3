package io.dirsync.google;

import static io.dirsync.google.GoogleFake.member;
import static io.dirsync.google.GoogleFake.activeUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code dirsync test} with {@code directory.type=google}, through the bundled routes, against the {@link GoogleFake}
 * serving 2 objects a page: each mapping rule, paging to the end, throttling, failures, an expired token, filters.
 */
class GoogleReadTest {

    static final String ADA = "103000000000000000001";
    static final String GRACE = "103000000000000000002";
    static final String ALAN = "103000000000000000003";
    static final String LINUS = "103000000000000000004";
    static final String ROBOT = "103000000000000000005";
    static final String KEN = "103000000000000000006";
    static final String ENGINEERING = "01egqt2p26jkcil";
    static final String PLATFORM = "03ep43zb2k1xgu7";
    static final String EVERYONE = "02grqrue4gxy2sl";

    @TempDir
    Path instanceDir;

    private GoogleFake google;
    private final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        google = GoogleFake.start(2);
        google.user(ADA, "ada@example.com", "ada.lovelace@example.com");
        google.user(GRACE, "grace@example.com");
        google.update(GRACE, u -> u.with(true, false, false));
        google.user(ALAN, "alan@example.com");
        google.update(ALAN, u -> u.with(false, true, false));
        google.user(LINUS, "linus@example.com");
        google.update(LINUS, u -> u.with(false, false, true));
        google.users.put(ROBOT, new GoogleFake.User(ROBOT, "robot@example.com", List.of(), false, false, false, false,
                "/"));
        google.users.put(KEN, new GoogleFake.User(KEN, "Ken.Thompson@Example.com", List.of(), false, false, false, true,
                "/Engineering"));
        google.group(ENGINEERING, "engineering@example.com", "Engineering", activeUser(ADA, "ada@example.com"),
                member("GROUP", PLATFORM, "platform@example.com", "ACTIVE"), activeUser(GRACE, "grace@example.com"),
                member("EXTERNAL", "109999999999999999999", "someone@gmail.com", "ACTIVE"));
        google.group(PLATFORM, "platform@example.com", "Platform", activeUser(KEN, "ken.thompson@example.com"),
                activeUser(ALAN, "alan@example.com"));
        google.group(EVERYONE, "everyone@example.com", "Everyone", member("CUSTOMER", GoogleFake.CUSTOMER, null,
                "ACTIVE"));
        settings.putAll(google.settings());
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private CommandLineRun test() throws IOException {
        return CommandLineRun.test(instanceDir, settings);
    }

    private JsonNode testJson() throws IOException {
        return test().json();
    }

    private static String dirsyncLine(CommandLineRun run) {
        String said = run.dirsyncLines();
        assertThat(said.lines()).as(run.stderr()).hasSize(1);
        return said;
    }

    @Test
    void mapsEveryRuleAndReadsEveryPage() throws IOException {
        JsonNode json = testJson();

        // suspended (Grace) and archived (Alan) are disabled and, their memberships not ACTIVE, in no group but
        // Everyone (CUSTOMER: every user read but the deleted Linus, Robot without addresses too); EXTERNAL ignored
        assertThat(json).isEqualTo(new ObjectMapper().readTree("""
                {"object":"test",
                 "groups":[
                   {"externalId":"01egqt2p26jkcil","displayName":"Engineering",
                    "userIds":["103000000000000000001","103000000000000000006"]},
                   {"externalId":"02grqrue4gxy2sl","displayName":"Everyone",
                    "userIds":["103000000000000000001","103000000000000000002","103000000000000000003",
                               "103000000000000000005","103000000000000000006"]},
                   {"externalId":"03ep43zb2k1xgu7","displayName":"Platform",
                    "userIds":["103000000000000000006"]}],
                 "enabledUsers":[
                   {"externalId":"103000000000000000001","displayName":"ada@example.com"},
                   {"externalId":"103000000000000000006","displayName":"ken.thompson@example.com"}],
                 "disabledUsers":[
                   {"externalId":"103000000000000000003","displayName":"alan@example.com"},
                   {"externalId":"103000000000000000002","displayName":"grace@example.com"}],
                 "deletedUsers":[
                   {"externalId":"103000000000000000004","displayName":"linus@example.com"}]}
                """));
        // 5 users at 2 a page: 3 pages, whatever maxResults asked for; the deleted one on a page of its own
        assertThat(google.apiRequests()).filteredOn(r -> r.path().endsWith("/users")
                && !r.query().containsKey("showDeleted")).hasSize(3)
                .allSatisfy(r -> assertThat(r.query()).containsEntry("maxResults", "500")
                        .containsEntry("domain", "example.com"));
        assertThat(google.apiRequests()).filteredOn(r -> r.query().containsKey("showDeleted")).hasSize(1);
        assertThat(google.apiRequests()).filteredOn(r -> r.path().endsWith("/groups")).hasSize(2)
                .allSatisfy(r -> assertThat(r.query()).containsEntry("maxResults", "200"));
        assertThat(google.apiRequests()).filteredOn(r -> r.path().endsWith(ENGINEERING + "/members")).hasSize(2);
        assertThat(google.tokenRequests()).hasSize(1);
    }

    @Test
    void aUserWithoutAddressesIsNamedAsLeftOutAndAnAliasIsNoAddress() throws IOException {
        // an include: list compares primary emails: Ada's alias names nobody
        settings.put("sync.user-filter", "include:ada.lovelace@example.com,robot@example.com");
        CommandLineRun run = test();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains(ROBOT).contains("no email address");
        assertThat(new ObjectMapper().readTree(run.stdout()).get("enabledUsers")).isEmpty();
    }

    @Test
    void aCustomerAloneReadsEveryDomainOfTheAccount() throws IOException {
        settings.remove("google.domain");
        settings.put("google.customer", "my_customer");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).hasSize(2);
        assertThat(google.apiRequests()).filteredOn(r -> !r.path().endsWith("/members"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("customer", "my_customer")
                        .doesNotContainKey("domain"));
    }

    @Test
    void throttledPagesAreWaitedForTwice429ThenTwiceRateLimit403() throws IOException {
        google.failNext("/admin/directory/v1/groups", 2, 429, "1", "rateLimitExceeded");
        google.failNext("/admin/directory/v1/users", 2, 403, null, "userRateLimitExceeded");

        JsonNode json = testJson();

        assertThat(json.get("groups")).hasSize(3);
        assertThat(json.get("enabledUsers")).hasSize(2);
        List<GoogleFake.Request> groups = google.apiRequests().stream()
                .filter(r -> r.path().endsWith("/groups")).toList();
        assertThat(groups).extracting(GoogleFake.Request::status).startsWith(429, 429, 200);
        assertThat(Duration.between(groups.get(0).at(), groups.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(groups.get(1).at(), groups.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        List<GoogleFake.Request> users = google.apiRequests().stream().filter(r -> r.path().endsWith("/users")).toList();
        assertThat(users).extracting(GoogleFake.Request::status).startsWith(403, 403, 200);
        // no Retry-After: 1 s, then 2 s
        assertThat(Duration.between(users.get(1).at(), users.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void aMiddlePageThatAlwaysFailsFailsTheReadWithOneLine() throws IOException {
        google.failPage("/admin/directory/v1/users", 2, 500);

        long started = System.nanoTime();
        CommandLineRun run = test();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        assertThat(dirsyncLine(run)).contains("Google's Directory API answered 500").contains("/users")
                .contains("Gave up after 4 attempts");
        assertThat(google.apiRequests()).filteredOn(r -> r.status() == 500).hasSize(4);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void memberListsAreReadAtMostMemberReadsAtATime() throws IOException {
        for (int k = 10; k < 40; k++) {
            google.group("04team" + k, "team" + k + "@example.com", "Team " + k, activeUser(ADA, "ada@example.com"));
        }
        settings.put("google.member-reads", "3");

        JsonNode json = testJson();

        assertThat(json.get("groups")).hasSize(33);
        assertThat(json.get("groups").findValues("userIds")).allSatisfy(ids -> assertThat(ids).isNotEmpty());
        assertThat(google.mostInFlight()).isLessThanOrEqualTo(3);
    }

    @Test
    void aMemberListThatAlwaysFailsFailsTheWholeReadWhateverRunsBesideIt() throws IOException {
        google.failPage("/admin/directory/v1/groups/" + PLATFORM + "/members", 1, 500);

        CommandLineRun run = test();

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        assertThat(dirsyncLine(run)).contains("Google's Directory API answered 500")
                .contains("/groups/" + PLATFORM + "/members").contains("Gave up after 4 attempts");
    }

    @Test
    void aForbiddenAnswerFailsAtOnce() throws IOException {
        google.failNext("/admin/directory/v1/groups", 1, 403, null, "forbidden");

        CommandLineRun run = test();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(dirsyncLine(run)).contains("answered 403").contains("google.admin-user");
        assertThat(google.apiRequests()).filteredOn(r -> r.status() == 403).hasSize(1);
    }

    @Test
    void aTokenThatExpiresMidReadIsRenewedAndTheReadGoesOn() throws IOException {
        google.expireTokensAt(2);

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).hasSize(2);
        assertThat(google.tokenRequests()).hasSize(2);
        assertThat(google.apiRequests()).extracting(GoogleFake.Request::status).startsWith(200, 401, 200);
    }

    @Test
    void theKeyFileWorksAsTheEmailAndPemDo() throws IOException {
        Path keyFile = instanceDir.resolve("service-account.json");
        Files.writeString(keyFile, new ObjectMapper().createObjectNode().put("type", "service_account")
                .put("project_id", "dirsync-test").put("private_key_id", "0123abcd")
                .put("private_key", GoogleFake.privateKeyPem(GoogleFake.KEYS))
                .put("client_email", GoogleFake.CLIENT_EMAIL)
                .put("token_uri", "https://oauth2.googleapis.com/token").toString());
        settings.remove("google.client-email");
        settings.remove("google.private-key");
        settings.put("google.key-file", keyFile.toString());

        assertThat(testJson().get("enabledUsers")).hasSize(2);
        // aud is the configured token URL, not the key file's token_uri
        assertThat(google.refusals).isEmpty();
    }

    @Test
    void anAssertionTheTokenEndpointRefusesFailsTheReadNamingTheKeys() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        google.trust(generator.generateKeyPair().getPublic());

        CommandLineRun wrongKey = test();

        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(dirsyncLine(wrongKey)).contains("invalid_grant: Invalid JWT Signature.")
                .contains("google.private-key").contains("domain-wide delegation");
        assertThat(wrongKey.stderr()).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("\tat ");

        google.trust(GoogleFake.KEYS.getPublic());
        settings.put("google.admin-user", "someone@example.com");
        assertThat(test().exitCode()).isEqualTo(1);
        google.expectAudience("https://oauth2.googleapis.com/token");
        settings.put("google.admin-user", GoogleFake.ADMIN);
        assertThat(test().exitCode()).isEqualTo(1);
        assertThat(google.refusals).containsExactly("Invalid JWT Signature.", "Invalid email or User ID",
                "Invalid JWT: Failed audience check.");
        assertThat(google.apiRequests()).isEmpty();
    }

    @Test
    void includeExcludeAndGooglesOwnQuery() throws IOException {
        settings.put("sync.user-filter", "exclude:ADA@example.com | orgUnitPath='/Engineering'");
        settings.put("sync.group-filter", "include:platform|name:Plat*");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers").findValuesAsText("displayName")).containsExactly("ken.thompson@example.com");
        assertThat(json.get("groups").findValuesAsText("displayName")).containsExactly("Platform");
        assertThat(google.apiRequests()).filteredOn(r -> r.path().endsWith("/users"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("query", "orgUnitPath='/Engineering'"));
        assertThat(google.apiRequests()).filteredOn(r -> r.path().endsWith("/groups"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("query", "name:Plat*"));
        assertThat(google.apiRequests()).extracting(GoogleFake.Request::path)
                .doesNotContain("/admin/directory/v1/groups/" + ENGINEERING + "/members");
    }

    @Test
    void aGroupScopedReadReadsOnlyThatGroupsMembersNestedGroupsFollowed() throws IOException {
        settings.put("sync.user-filter", "includeGroup:engineering@example.com|exclude:ada@example.com");
        settings.put("sync.groups", "false");

        JsonNode json = testJson();

        // Engineering's members: Ada (excluded), Grace (suspended), Platform's Ken and Alan (archived)
        assertThat(json.get("enabledUsers").findValuesAsText("externalId")).containsExactly(KEN);
        assertThat(json.get("disabledUsers").findValuesAsText("externalId")).containsExactly(ALAN, GRACE);
        assertThat(json.get("groups")).isEmpty();
        assertThat(google.apiRequests()).extracting(GoogleFake.Request::path).containsOnly(
                "/admin/directory/v1/groups/engineering%40example.com/members",
                "/admin/directory/v1/groups/" + PLATFORM + "/members");
    }

    @Test
    void aGroupNamedByNameOrIdAndExcludeGroup() throws IOException {
        settings.put("sync.user-filter", "excludeGroup:platform");
        settings.put("sync.groups", "false");

        JsonNode json = testJson();

        // Platform's members, whatever their state: Ken and the archived Alan
        assertThat(json.get("enabledUsers").findValuesAsText("externalId")).containsExactly(ADA);
        assertThat(json.get("disabledUsers").findValuesAsText("externalId")).containsExactly(GRACE);

        settings.put("sync.user-filter", "includeGroup:" + PLATFORM);
        assertThat(testJson().get("enabledUsers").findValuesAsText("externalId")).containsExactly(KEN);
    }

    @Test
    void aFilterBwdcWouldIgnoreIsAConfigurationErrorBeforeAnyCall() throws IOException {
        for (String filter : List.of("includeGroups:x@example.com", "include:a@x.com:b", "exclude:a@x.com|",
                "includeGroup:x@example.com|orgUnitPath='/Sales'")) {
            settings.put("sync.user-filter", filter);

            CommandLineRun run = test();

            assertThat(run.exitCode()).as(filter).isEqualTo(2);
            assertThat(run.stderr()).as(filter).contains("Invalid setting sync.user-filter=");
        }
        settings.remove("sync.user-filter");
        settings.put("sync.user-filter", "includeGroup:Nobody");
        CommandLineRun unknown = test();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(dirsyncLine(unknown)).contains("no group is named \"Nobody\"");
        assertThat(google.apiRequests()).filteredOn(r -> !r.path().endsWith("/groups")).isEmpty();
    }
}
