package io.dirsync.onelogin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code dirsync test} with {@code directory.type=onelogin}, through the bundled routes, against the
 * {@link OneLoginFake} serving 2 objects a page: mapping, paging to the end, tokens, throttling, failing closed,
 * filters.
 */
class OneLoginReadTest {

    static final long SALES = 268435;
    static final long ADMINS = 268436;
    static final long EMPTY = 268437;

    @TempDir
    Path instanceDir;

    private OneLoginFake onelogin;
    private final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        onelogin = OneLoginFake.start(2);
        onelogin.role(SALES, "Sales");
        onelogin.role(ADMINS, "Admins");
        onelogin.role(EMPTY, "Nobody");
        onelogin.user(41000001, "Ana@Example.eu", "ana", 1, SALES, ADMINS);
        onelogin.user(41000002, "not an address", " ben@example.eu ", 1, SALES);
        onelogin.user(41000003, "cy@example.eu", "cy", 2, SALES);
        onelogin.user(41000004, "dee@example.eu", "dee", 3, ADMINS);
        onelogin.user(41000005, "", "eve", 0);
        onelogin.user(41000006, " fay@example.eu ", "fay", 4);
        settings.putAll(onelogin.settings());
    }

    @AfterEach
    void stop() {
        onelogin.close();
    }

    private CommandLineRun test() throws IOException {
        return CommandLineRun.test(instanceDir, settings);
    }

    private JsonNode testJson() throws IOException {
        return test().json();
    }

    private static String dirsyncLines(CommandLineRun run) {
        return run.dirsyncLines();
    }

    @Test
    void mapsUsersAndRolesReadingEveryPage() throws IOException {
        JsonNode json = testJson();

        assertThat(json).isEqualTo(new ObjectMapper().readTree("""
                {"object":"test",
                 "groups":[
                   {"externalId":"268436","displayName":"Admins","userIds":["41000001","41000004"]},
                   {"externalId":"268437","displayName":"Nobody","userIds":[]},
                   {"externalId":"268435","displayName":"Sales","userIds":["41000001","41000002","41000003"]}],
                 "enabledUsers":[
                   {"externalId":"41000001","displayName":"ana@example.eu"},
                   {"externalId":"41000002","displayName":"ben@example.eu"},
                   {"externalId":"41000004","displayName":"dee@example.eu"},
                   {"externalId":"41000006","displayName":"fay@example.eu"}],
                 "disabledUsers":[
                   {"externalId":"41000003","displayName":"cy@example.eu"}],
                 "deletedUsers":[]}
                """));
        // 6 users at 2 a page: 3 pages; 3 roles: 2; one token for the whole read
        assertThat(onelogin.requests("/api/1/users")).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(onelogin.requests("/api/1/roles")).hasSize(2);
        assertThat(onelogin.requests("/auth/oauth2/v2/token")).hasSize(1);
    }

    @Test
    void aUserWithoutAnyAddressIsNamedAsLeftOut() throws IOException {
        CommandLineRun run = test();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("Left out user 41000005: no email");
    }

    @Test
    void anEmailSuffixMakesAnAddressOfAUsername() throws IOException {
        settings.put("sync.use-email-prefix-suffix", "true");
        settings.put("sync.email-suffix", "@example.eu");

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers").findValuesAsText("displayName")).contains("eve@example.eu");
    }

    @Test
    void aTokenThatExpiresMidReadIsRenewedAndTheReadGoesOn() throws IOException {
        onelogin.expireTokensAt(2);

        JsonNode json = testJson();

        assertThat(json.get("enabledUsers")).hasSize(4);
        assertThat(onelogin.requests("/auth/oauth2/v2/token")).hasSize(2);
        assertThat(onelogin.requests("/api/1/users")).extracting(OneLoginFake.Request::status)
                .containsExactly(200, 401, 200, 200);
    }

    @Test
    void everyCallUsesTheBearerColonFormTheFakeRefusesBearer() throws IOException {
        testJson();

        assertThat(onelogin.requests()).filteredOn(r -> r.path().startsWith("/api/1/"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        HttpResponse<String> bearer;
        try {
            bearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(onelogin.url() + "/api/1/users")).header("Authorization", "Bearer whatever")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(bearer.statusCode()).isEqualTo(401);
    }

    @Test
    void twoThrottledPagesAreWaitedForAsRetryAfterAsks() throws IOException {
        onelogin.throttleNext("/api/1/roles", 2, 1);

        JsonNode json = testJson();

        assertThat(json.get("groups")).hasSize(3);
        List<OneLoginFake.Request> roles = onelogin.requests("/api/1/roles");
        assertThat(roles).extracting(OneLoginFake.Request::status).containsExactly(429, 429, 200, 200);
        assertThat(Duration.between(roles.get(0).at(), roles.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(roles.get(1).at(), roles.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aFailedMiddlePageFailsTheReadWhereBwdcWouldSyncTheFirstPage() throws IOException {
        onelogin.failPage("/api/1/users", 2, 500);

        long started = System.nanoTime();
        CommandLineRun run = test();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        assertThat(dirsyncLines(run)).doesNotContain("\n").contains("OneLogin answered 500").contains("/api/1/users")
                .contains("Gave up after 4 attempts");
        assertThat(onelogin.requests("/api/1/users")).filteredOn(r -> r.status() == 500).hasSize(4);
        assertThat(onelogin.requests("/api/1/roles")).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aWrongSecretIsRefusedNamingTheKeysWithoutShowingIt() throws IOException {
        settings.put("onelogin.client-secret", "not-the-secret");

        CommandLineRun run = test();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(dirsyncLines(run)).doesNotContain("\n").contains("refused the API credential: Authentication Failure")
                .contains("onelogin.client-secret");
        assertThat(run.stderr()).doesNotContain("not-the-secret").doesNotContain("\tat ");
        assertThat(onelogin.requests()).extracting(OneLoginFake.Request::path).containsExactly("/auth/oauth2/v2/token");
    }

    @Test
    void listsAndQueriesFilterUsersAndRoles() throws IOException {
        settings.put("sync.user-filter", "exclude:cy@example.eu|email=*@example.eu");
        settings.put("sync.group-filter", "include:sales");

        JsonNode json = testJson();

        // the query reads Ana, Cy and Dee (Fay's email has spaces around it); the list drops Cy; the role list keeps
        // Sales's members only (bwdc's rule), so Dee, only an admin, goes too
        assertThat(json.get("enabledUsers").findValuesAsText("displayName")).containsExactly("ana@example.eu");
        assertThat(json.get("disabledUsers")).isEmpty();
        assertThat(json.get("groups").findValuesAsText("displayName")).containsExactly("Sales");
        assertThat(onelogin.requests("/api/1/users")).allSatisfy(r -> assertThat(r.query()).containsEntry("email",
                "*@example.eu"));
    }

    @Test
    void aFilterBwdcWouldIgnoreIsAConfigurationErrorBeforeAnyCall() throws IOException {
        for (String filter : List.of("includeGroup:Sales", "include:a@x.com:b", "exclude:a@x.com|email=a b")) {
            settings.put("sync.user-filter", filter);

            CommandLineRun run = test();

            assertThat(run.exitCode()).as(filter).isEqualTo(2);
            assertThat(dirsyncLines(run)).as(filter).contains("Invalid setting sync.user-filter=");
        }
        assertThat(onelogin.requests()).isEmpty();
    }
}
