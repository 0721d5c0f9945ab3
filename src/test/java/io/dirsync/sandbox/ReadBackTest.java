package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.active;
import static io.dirsync.sandbox.SandboxClient.group;
import static io.dirsync.sandbox.SandboxClient.json;
import static io.dirsync.sandbox.SandboxClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official read-back endpoints: members and groups, one or all, and their links. */
class ReadBackTest {

    private TestSandbox sandbox;
    private SandboxClient client;
    private Member ann;
    private Group red;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.builder().start();
        client = new SandboxClient(sandbox);
        assertThat(client.importRequest(request(List.of(group("Red", "g-red", "u-ann")),
                List.of(active("ann@x.com", "u-ann")), false)).statusCode()).isEqualTo(200);
        ann = sandbox.member("ann@x.com").orElseThrow();
        red = sandbox.groupByExternalId("g-red").orElseThrow();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void membersAreListedWithTheirFields() {
        HttpResponse<String> response = client.get(sandbox.apiUrl() + "/public/members");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json(response.body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).hasSize(2);
        JsonNode member = list.get("data").get(1);
        assertThat(member).isEqualTo(json("""
                {"object":"member","id":"%s","userId":null,"name":null,"email":"ann@x.com","twoFactorEnabled":false,
                 "status":0,"collections":[],"resetPasswordEnrolled":false,"ssoExternalId":null,"type":2,
                 "externalId":"u-ann","permissions":null}""".formatted(ann.id())));
        JsonNode owner = list.get("data").get(0);
        assertThat(owner.get("type").asInt()).isEqualTo(0);
        assertThat(owner.get("status").asInt()).isEqualTo(2);
        assertThat(owner.get("userId").isTextual()).isTrue();
    }

    @Test
    void theCloudPathsServeTheSame() {
        assertThat(client.get(sandbox.baseUrl() + "/public/members").body())
                .isEqualTo(client.get(sandbox.apiUrl() + "/public/members").body());
    }

    @Test
    void oneMemberAndItsGroups() {
        assertThat(json(client.get(sandbox.apiUrl() + "/public/members/" + ann.id()).body()).get("email").asText())
                .isEqualTo("ann@x.com");
        assertThat(json(client.get(sandbox.apiUrl() + "/public/members/" + ann.id() + "/group-ids").body()))
                .isEqualTo(json("[\"" + red.id() + "\"]"));
    }

    @Test
    void groupsAndTheirMemberIds() {
        JsonNode list = json(client.get(sandbox.apiUrl() + "/public/groups").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).containsExactly(json("""
                {"object":"group","id":"%s","collections":[],"name":"Red","externalId":"g-red"}""".formatted(red.id())));

        HttpResponse<String> memberIds = client.get(sandbox.apiUrl() + "/public/groups/" + red.id() + "/member-ids");
        assertThat(memberIds.statusCode()).isEqualTo(200);
        assertThat(json(memberIds.body())).isEqualTo(json("[\"" + ann.id() + "\"]"));
    }

    @Test
    void anUnknownIdIs404WithAnEmptyBody() {
        HttpResponse<String> response = client.get(sandbox.apiUrl()
                + "/public/groups/00000000-0000-4000-8000-000000000000/member-ids");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void readingNeedsAToken() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(sandbox.apiUrl() + "/public/members")).GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
