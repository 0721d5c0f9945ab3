package io.dirsync.okta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code dirsync test} with {@code directory.type=okta}, through the bundled routes, against the {@link OktaFake}
 * serving 2 objects a page: mapping, paging to the end, throttling and pacing, failures, filters.
 */
class OktaReadTest {

    static final String ADA = "00ub0oNGTSWTBKOLGLNR";
    static final String GRACE = "00ub0oNGTSWTBKOLGLNS";
    static final String ALAN = "00uc1pOHUTXUCLPMHMOT";
    static final String LINUS = "00ud2qPIVUYVDMQNINPU";
    static final String NOMAIL = "00ue3rQJWVZWENROJOQV";
    static final String MARGARET = "00uf4sRKXWaXFOSPKPRw";
    static final String ENGINEERING = "00g1emaKYZTWRYYRRTSK";
    static final String EVERYONE = "00g2fnbLZaUXSZZSSUTL";
    static final String SALESFORCE = "00g3gocMabVYTaaTTVUm";

    @TempDir
    Path instanceDir;

    private OktaFake okta;
    private final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        okta = OktaFake.start(2);
        okta.user(ADA, "Ada.Lovelace@Example.com", "ACTIVE");
        okta.user(GRACE, "grace@example.com", "LOCKED_OUT");
        okta.user(ALAN, "alan@example.com", "SUSPENDED");
        okta.user(LINUS, "linus@example.com", "DEPROVISIONED");
        okta.user(NOMAIL, null, "STAGED");
        okta.user(MARGARET, "margaret@example.com", "PASSWORD_EXPIRED");
        okta.group(ENGINEERING, "Engineering", ADA, GRACE, ALAN);
        okta.group(EVERYONE, "Everyone", ADA, GRACE, ALAN, NOMAIL, MARGARET);
        okta.appGroup(SALESFORCE, "Salesforce users", MARGARET);
        settings.putAll(okta.settings());
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    private CommandLineRun test() throws IOException {
        return CommandLineRun.test(instanceDir, settings);
    }

    private JsonNode testJson() throws IOException {
        return test().json();
    }

    private static String dirsyncLine(CommandLineRun run) {
        return run.dirsyncLines();
    }

    @Test
    void mapsEveryStatusReadingEveryPageOfEveryList() throws IOException {
        JsonNode json = testJson();

        assertThat(json).isEqualTo(new ObjectMapper().readTree("""
                {"object":"test",
                 "groups":[
                   {"externalId":"00g1emaKYZTWRYYRRTSK","displayName":"Engineering",
                    "userIds":["00ub0oNGTSWTBKOLGLNR","00ub0oNGTSWTBKOLGLNS","00uc1pOHUTXUCLPMHMOT"]},
                   {"externalId":"00g2fnbLZaUXSZZSSUTL","displayName":"Everyone",
                    "userIds":["00ub0oNGTSWTBKOLGLNR","00ub0oNGTSWTBKOLGLNS","00uc1pOHUTXUCLPMHMOT",
                               "00ue3rQJWVZWENROJOQV","00uf4sRKXWaXFOSPKPRw"]},
                   {"externalId":"00g3gocMabVYTaaTTVUm","displayName":"Salesforce users",
                    "userIds":["00uf4sRKXWaXFOSPKPRw"]}],
                 "enabledUsers":[
                   {"externalId":"00ub0oNGTSWTBKOLGLNR","displayName":"ada.lovelace@example.com"},
                   {"externalId":"00ub0oNGTSWTBKOLGLNS","displayName":"grace@example.com"},
                   {"externalId":"00uf4sRKXWaXFOSPKPRw","displayName":"margaret@example.com"}],
                 "disabledUsers":[
                   {"externalId":"00uc1pOHUTXUCLPMHMOT","displayName":"alan@example.com"}],
                 "deletedUsers":[
                   {"externalId":"00ud2qPIVUYVDMQNINPU","displayName":"linus@example.com"}]}
                """));
        // 5 listed users at 2 a page: 3 pages, the 2nd and 3rd reached by the second of two Link headers
        assertThat(okta.requests("/api/v1/users")).extracting(r -> r.query().get("filter"))
                .containsExactly(null, null, null, "status eq \"DEPROVISIONED\"");
        assertThat(okta.requests("/api/v1/users")).extracting(r -> r.query().get("after"))
                .containsExactly(null, GRACE, NOMAIL, null);
        assertThat(okta.requests("/api/v1/users")).allSatisfy(r -> assertThat(r.query()).containsEntry("limit", "200"));
        assertThat(okta.requests("/api/v1/groups/" + EVERYONE + "/users")).hasSize(3);
        assertThat(okta.requests()).allSatisfy(r -> assertThat(r.path()).doesNotStartWith("//"));
    }

    @Test
    void theUserWithoutAnEmailIsNamedAsLeftOut() throws IOException {
        CommandLineRun run = test();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains(NOMAIL).contains("no email");
    }

    @Test
    void twoThrottledPagesAreWaitedForAsRetryAfterAsks() throws IOException {
        okta.throttleNext("/api/v1/groups", 2, 1);

        long started = System.nanoTime();
        JsonNode json = testJson();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(json.get("groups")).hasSize(3);
        List<OktaFake.Request> groups = okta.requests("/api/v1/groups");
        assertThat(groups).extracting(OktaFake.Request::status).startsWith(429, 429, 200);
        assertThat(Duration.between(groups.get(0).at(), groups.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(groups.get(1).at(), groups.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aThrottledPageWithoutRetryAfterWaitsForTheRateLimitReset() throws IOException {
        okta.throttleNextUntilReset("/api/v1/users", 1, 2);

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).hasSize(3);
        List<OktaFake.Request> users = okta.requests("/api/v1/users");
        assertThat(users).extracting(OktaFake.Request::status).startsWith(429, 200);
        assertThat(Duration.between(users.get(0).at(), users.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void callsSlowDownBeforeTheRateLimitIsReached() throws IOException {
        // 4 calls every 2 s: the read's 12 calls fit only if dirsync waits for each window to reset
        okta.rateLimit(4, 2);

        long started = System.nanoTime();
        JsonNode json = testJson();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(json.get("groups")).hasSize(3);
        assertThat(okta.requests()).hasSize(12).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aPageThatAlwaysFailsFailsTheReadWithOneLine() throws IOException {
        okta.failPage("/api/v1/users", 2, 500);

        long started = System.nanoTime();
        CommandLineRun run = test();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        assertThat(dirsyncLine(run)).doesNotContain("\n").contains("Okta answered 500").contains("/api/v1/users")
                .contains("E0000009").contains("Gave up after 4 attempts");
        assertThat(okta.requests("/api/v1/users")).filteredOn(r -> r.status() == 500).hasSize(4);
        assertThat(okta.requests()).noneMatch(r -> r.path().startsWith("/api/v1/groups"));
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aWrongTokenIsRefusedNamingTheKeyWithoutShowingIt() throws IOException {
        settings.put("okta.token", "00not-the-token");

        CommandLineRun run = test();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(dirsyncLine(run)).doesNotContain("\n").contains("Okta answered 401")
                .contains("E0000011: Invalid token provided").contains("okta.token");
        assertThat(run.stderr()).doesNotContain("00not-the-token").doesNotContain("\tat ");
        assertThat(okta.requests()).hasSize(1);
    }

    @Test
    void listsAndQueriesFilterUsersAndGroups() throws IOException {
        String query = "profile.lastName sw \"00u\" and (status eq \"ACTIVE\" or status eq \"SUSPENDED\""
                + " or status eq \"LOCKED_OUT\" or status eq \"PASSWORD_EXPIRED\")";
        settings.put("sync.user-filter", "exclude: GRACE@example.com | " + query);
        settings.put("sync.group-filter", "include:engineering | type eq \"OKTA_GROUP\"");

        JsonNode json = testJson();

        // the query reads Ada, Grace, Alan and Margaret; the list drops Grace; the group list keeps Engineering's
        // members only (bwdc's rule), so Margaret goes too
        assertThat(json.get("enabledUsers").findValuesAsText("displayName")).containsExactly("ada.lovelace@example.com");
        assertThat(json.get("disabledUsers").findValuesAsText("displayName")).containsExactly("alan@example.com");
        assertThat(json.get("deletedUsers")).isEmpty();
        assertThat(json.get("groups").findValuesAsText("displayName")).containsExactly("Engineering");
        assertThat(okta.requests("/api/v1/users")).extracting(r -> r.query().get("filter")).containsOnly(query,
                "(" + query + ") and status eq \"DEPROVISIONED\"");
        assertThat(okta.requests("/api/v1/groups")).extracting(r -> r.query().get("filter"))
                .containsOnly("type eq \"OKTA_GROUP\"");
        assertThat(okta.requests()).extracting(OktaFake.Request::path)
                .contains("/api/v1/groups/" + ENGINEERING + "/users")
                .doesNotContain("/api/v1/groups/" + EVERYONE + "/users", "/api/v1/groups/" + SALESFORCE + "/users");
    }

    @Test
    void aFilterBwdcWouldIgnoreIsAConfigurationErrorBeforeAnyCall() throws IOException {
        for (String filter : List.of("includeGroup:Engineering", "include:a@x.com:b", "exclude:a@x.com|status eq \"A\"|x")) {
            settings.put("sync.user-filter", filter);

            CommandLineRun run = test();

            assertThat(run.exitCode()).as(filter).isEqualTo(2);
            assertThat(dirsyncLine(run)).as(filter).contains("Invalid setting sync.user-filter=");
        }
        assertThat(okta.requests()).isEmpty();
    }
}
