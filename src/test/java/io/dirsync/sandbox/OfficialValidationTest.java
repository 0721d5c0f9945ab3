package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official server's model-state 400s and the 500s of bodies it binds but cannot use. */
class OfficialValidationTest {

    private static final String UNHANDLED = """
            {"object":"error","message":"An unhandled server error has occurred.","errors":null}""";

    private TestSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = TestSandbox.builder().start();
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String modelState(String errors) {
        return "{\"object\":\"error\",\"message\":\"The request's model state is invalid.\",\"errors\":" + errors + "}";
    }

    private void assertAnswer(String body, int status, String expectedJson) {
        HttpResponse<String> response = client.importJson(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response.body())).isEqualTo(json(expectedJson));
    }

    @Test
    void overwriteExistingIsRequired() {
        assertAnswer("""
                {"groups":[],"members":[{"email":"a@x.com","externalId":"a"}]}""", 400,
                modelState("{\"OverwriteExisting\":[\"The OverwriteExisting field is required.\"]}"));
        assertAnswer("""
                {"groups":[],"members":[],"overwriteExisting":null}""", 400,
                modelState("{\"OverwriteExisting\":[\"The OverwriteExisting field is required.\"]}"));
        assertThat(sandbox.members()).hasSize(1); // only the initial owner
    }

    @Test
    void groupNameAndExternalIdAreRequiredAndLimited() {
        String longName = "n".repeat(101);
        String longId = "g".repeat(301);
        assertAnswer("""
                {"groups":[{"externalId":"g1","memberExternalIds":[]},
                           {"name":"%s","externalId":"%s","memberExternalIds":[]},
                           {"name":"  ","externalId":"","memberExternalIds":[]}],
                 "members":[],"overwriteExisting":false}""".formatted(longName, longId), 400,
                modelState("""
                        {"Groups[0].Name":["The Name field is required."],
                         "Groups[1].Name":["The field Name must be a string with a maximum length of 100."],
                         "Groups[1].ExternalId":["The field ExternalId must be a string with a maximum length of 300."],
                         "Groups[2].Name":["The Name field is required."],
                         "Groups[2].ExternalId":["The ExternalId field is required."]}"""));
    }

    @Test
    void memberExternalIdIsRequiredAndLimited() {
        assertAnswer("""
                {"groups":[],"members":[{"email":"a@x.com"},{"email":"b@x.com","externalId":"%s"}],
                 "overwriteExisting":false}""".formatted("e".repeat(301)), 400,
                modelState("""
                        {"Members[0].ExternalId":["The ExternalId field is required."],
                         "Members[1].ExternalId":["The field ExternalId must be a string with a maximum length of 300."]}"""));
    }

    @Test
    void emailMustHaveExactlyOneAtSignNotFirstNorLast() {
        assertAnswer("""
                {"groups":[],"members":[
                  {"email":"no-at-sign","externalId":"1"},
                  {"email":"@x.com","externalId":"2"},
                  {"email":"a@","externalId":"3"},
                  {"email":"a@b@c","externalId":"4"},
                  {"email":"odd but@accepted","externalId":"5"}],
                 "overwriteExisting":false}""", 400,
                modelState("""
                        {"Members[0].Email":["The Email field is not a valid e-mail address."],
                         "Members[1].Email":["The Email field is not a valid e-mail address."],
                         "Members[2].Email":["The Email field is not a valid e-mail address."],
                         "Members[3].Email":["The Email field is not a valid e-mail address."]}"""));
    }

    @Test
    void emailIsLimitedTo256Characters() {
        String email = "a".repeat(250) + "@x.com.ee"; // 259
        assertAnswer("""
                {"groups":[],"members":[{"email":"%s","externalId":"1"}],"overwriteExisting":false}""".formatted(email),
                400, modelState("{\"Members[0].Email\":[\"The field Email must be a string with a maximum length of 256.\"]}"));
    }

    @Test
    void emailIsRequiredUnlessDeleted() {
        assertAnswer("""
                {"groups":[],"members":[{"email":null,"externalId":"1","deleted":false},{"externalId":"2"},
                                        {"email":"   ","externalId":"3"}],"overwriteExisting":false}""", 400,
                modelState("""
                        {"Members[0].Email":["Email is required for enabled members."],
                         "Members[1].Email":["Email is required for enabled members."],
                         "Members[2].Email":["The Email field is not a valid e-mail address."]}"""));

        HttpResponse<String> deleted = client.importJson("""
                {"groups":[],"members":[{"email":null,"externalId":"1","deleted":true}],"overwriteExisting":false}""");
        assertThat(deleted.statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyEmailIsInvalidEvenOnADeletedEntry() {
        assertAnswer("""
                {"groups":[],"members":[{"email":"","externalId":"1","deleted":true}],"overwriteExisting":false}""",
                400, modelState("{\"Members[0].Email\":[\"The Email field is not a valid e-mail address.\"]}"));
    }

    @Test
    void theEnabledMemberRuleRunsOnlyWhenTheMembersFieldsAreValid() {
        assertAnswer("""
                {"groups":[],"members":[{"email":null}],"overwriteExisting":false}""", 400,
                modelState("{\"Members[0].ExternalId\":[\"The ExternalId field is required.\"]}"));
    }

    @Test
    void propertyNamesAreMatchedIgnoringCase() {
        HttpResponse<String> response = client.importJson("""
                {"Groups":[{"NAME":"Red","ExternalID":"g-red","MemberExternalIds":["u-1"]}],
                 "MEMBERS":[{"Email":"Ann@Example.com","EXTERNALID":"u-1","Deleted":false}],
                 "OverWriteExisting":false,"someFutureField":1}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.member("ann@example.com")).hasValueSatisfying(member -> {
            assertThat(member.email()).isEqualTo("ann@example.com");
            assertThat(member.externalId()).isEqualTo("u-1");
        });
        assertThat(sandbox.groupByExternalId("g-red")).hasValueSatisfying(
                group -> assertThat(group.memberExternalIds()).containsExactly("u-1"));
    }

    @Test
    void externalIdsMayBeNumbersOrBooleans() {
        HttpResponse<String> response = client.importJson("""
                {"groups":[{"name":"G","externalId":7,"memberExternalIds":[12, 1.50]}],
                 "members":[{"email":"a@x.com","externalId":12},{"email":"b@x.com","externalId":true},
                            {"email":"c@x.com","externalId":1.50}],
                 "overwriteExisting":false}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.members()).extracting(Member::externalId).containsExactly(null, "12", "True", "1.50");
        assertThat(sandbox.groupByExternalId("7")).hasValueSatisfying(
                group -> assertThat(group.memberExternalIds()).containsExactlyInAnyOrder("12", "1.50"));
    }

    @Test
    void aValueOfTheWrongTypeIsAConversionErrorKeyedByItsJsonPath() {
        HttpResponse<String> response = client.importJson("""
                {"groups":[],"members":[{"email":"a@x.com","externalId":"1","deleted":"yes"}],"overwriteExisting":false}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("message").asText()).isEqualTo("The request's model state is invalid.");
        assertThat(json(response.body()).get("errors").fieldNames()).toIterable().containsExactly("$.members[0].deleted");
        assertThat(json(response.body()).at("/errors/$.members[0].deleted/0").asText())
                .startsWith("The JSON value could not be converted to System.Boolean.");
    }

    @Test
    void anObjectWhereAStringIsExpectedGetsTheConvertersMessage() {
        assertAnswer("""
                {"groups":[],"members":[{"email":"a@x.com","externalId":{"id":1}}],"overwriteExisting":false}""", 400,
                modelState("{\"$.members[0].externalId\":[\"Unsupported TokenType: StartObject\"]}"));
    }

    @Test
    void anEmptyBodyIsReported() {
        assertAnswer("", 400, modelState("{\"\":[\"Body is empty.\"]}"));
        assertAnswer("null", 400, modelState("{\"\":[\"Body is empty.\"]}"));
    }

    @Test
    void nullOrMissingListsAreAnUnhandledServerError() {
        assertAnswer("""
                {"groups":null,"members":[],"overwriteExisting":false}""", 500, UNHANDLED);
        assertAnswer("""
                {"groups":[],"overwriteExisting":false}""", 500, UNHANDLED);
        assertAnswer("""
                {"groups":[{"name":"G","externalId":"g"}],"members":[],"overwriteExisting":false}""", 500, UNHANDLED);
    }

    @Test
    void aNonJsonContentTypeIs415() {
        String token = client.newToken();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(sandbox.apiUrl() + "/public/organization/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"groups\":[],\"members\":[],\"overwriteExisting\":false}")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).isEmpty();
    }
}
