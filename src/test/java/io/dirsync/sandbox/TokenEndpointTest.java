package io.dirsync.sandbox;

import static io.dirsync.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private TestSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Nested
    class Official {

        private SandboxClient client;

        private void start() {
            sandbox = TestSandbox.builder().start();
            client = new SandboxClient(sandbox);
        }

        @Test
        void organizationApiKeyGetsABearerTokenForOneHour() {
            start();
            Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "api.organization",
                    "client_id", sandbox.clientId(), "client_secret", sandbox.clientSecret());

            HttpResponse<String> response = client.token(form);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response.body());
            assertThat(body.get("access_token").asText()).isNotBlank();
            assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("scope").asText()).isEqualTo("api.organization");
            assertThat(body.size()).isEqualTo(4);
            assertThat(sandbox.clientId()).isEqualTo("organization." + sandbox.orgId());
        }

        @Test
        void theCloudPathWithoutIdentityPrefixWorksToo() {
            start();
            assertThat(client.token(sandbox.baseUrl() + "/connect/token", client.tokenForm()).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void deviceFieldsAreNotNeeded() {
            start();
            Map<String, String> form = client.tokenForm();
            form.remove("deviceType");
            form.remove("deviceIdentifier");
            form.remove("deviceName");
            assertThat(client.token(form).statusCode()).isEqualTo(200);
        }

        @Test
        void wrongSecretIsInvalidClient() {
            start();
            Map<String, String> form = client.tokenForm();
            form.put("client_secret", "not-the-secret");

            HttpResponse<String> response = client.token(form);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body())).isEqualTo(json("{\"error\":\"invalid_client\"}"));
        }

        @Test
        void unknownOrMalformedClientIdIsInvalidClient() {
            start();
            for (String clientId : new String[] {"organization.2f1b7c34-0000-4000-8000-000000000000",
                    "organization.", "organization", sandbox.orgId(), "user." + sandbox.orgId()}) {
                Map<String, String> form = client.tokenForm();
                form.put("client_id", clientId);
                HttpResponse<String> response = client.token(form);
                assertThat(response.statusCode()).as(clientId).isEqualTo(400);
                assertThat(json(response.body()).get("error").asText()).as(clientId).isEqualTo("invalid_client");
            }
        }

        @Test
        void anotherScopeIsInvalidScope() {
            start();
            Map<String, String> form = client.tokenForm();
            form.put("scope", "api");

            HttpResponse<String> response = client.token(form);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body())).isEqualTo(json("{\"error\":\"invalid_scope\"}"));
        }

        @Test
        void anotherGrantTypeIsUnsupported() {
            start();
            Map<String, String> form = client.tokenForm();
            form.put("grant_type", "password");

            HttpResponse<String> response = client.token(form);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body())).isEqualTo(json("{\"error\":\"unsupported_grant_type\"}"));
        }

        @Test
        void httpBasicClientAuthenticationWorks() {
            start();
            String basic = Base64.getEncoder().encodeToString(
                    (sandbox.clientId() + ":" + sandbox.clientSecret()).getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(sandbox.identityUrl()
                            + "/connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api.organization")));

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void configuredLifetimeIsReported() {
            sandbox = TestSandbox.builder().tokenLifetime(java.time.Duration.ofMinutes(2)).start();
            client = new SandboxClient(sandbox);
            assertThat(json(client.token(client.tokenForm()).body()).get("expires_in").asInt()).isEqualTo(120);
        }

        @Test
        void everyTokenRequestIsRecorded() {
            start();
            client.token(client.tokenForm());
            Map<String, String> bad = client.tokenForm();
            bad.put("client_secret", "x");
            client.token(bad);

            assertThat(sandbox.tokenRequests()).extracting(RecordedTokenRequest::status).containsExactly(200, 400);
            RecordedTokenRequest first = sandbox.tokenRequests().get(0);
            assertThat(first.form()).containsEntry("grant_type", "client_credentials")
                    .containsEntry("deviceName", "dirsync");
            assertThat(first.headers().get("content-type")).containsExactly(
                    "application/x-www-form-urlencoded; charset=utf-8");
        }
    }

    @Nested
    class Vaultwarden {

        private SandboxClient client;

        private void start() {
            sandbox = TestSandbox.builder().mode(ServerMode.VAULTWARDEN).start();
            client = new SandboxClient(sandbox);
        }

        private static JsonNode vaultwardenError(String message) {
            return json("""
                    {"message":"%1$s","validationErrors":{"":["%1$s"]},"errorModel":{"message":"%1$s","object":"error"},\
                    "error":"","error_description":"","exceptionMessage":null,"exceptionStackTrace":null,\
                    "innerExceptionMessage":null,"object":"error"}""".formatted(message));
        }

        @Test
        void bwdcsCamelCaseDeviceFieldsAreAccepted() {
            start();
            HttpResponse<String> response = client.token(client.tokenForm());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response.body());
            assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("scope").asText()).isEqualTo("api.organization");
        }

        @Test
        void snakeCaseDeviceFieldsAreAcceptedToo() {
            start();
            Map<String, String> form = client.tokenForm();
            form.remove("deviceType");
            form.remove("deviceIdentifier");
            form.remove("deviceName");
            form.put("device_type", "8");
            form.put("device_identifier", "id");
            form.put("device_name", "n");
            assertThat(client.token(form).statusCode()).isEqualTo(200);
        }

        @Test
        void missingDeviceFieldsAreRefusedOneAtATimeInVaultwardensOrder() {
            start();
            Map<String, String> form = client.tokenForm();
            form.remove("deviceType");
            form.remove("deviceIdentifier");
            form.remove("deviceName");

            HttpResponse<String> response = client.token(form);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body())).isEqualTo(vaultwardenError("device_identifier cannot be blank"));

            form.put("deviceIdentifier", "id");
            assertThat(json(client.token(form).body())).isEqualTo(vaultwardenError("device_name cannot be blank"));

            form.put("deviceName", "n");
            assertThat(json(client.token(form).body())).isEqualTo(vaultwardenError("device_type cannot be blank"));
        }

        @Test
        void wrongSecretScopeOrClientGetVaultwardensMessages() {
            start();
            Map<String, String> form = client.tokenForm();
            form.put("client_secret", "nope");
            assertThat(json(client.token(form).body())).isEqualTo(vaultwardenError("Incorrect client_secret"));

            form = client.tokenForm();
            form.put("scope", "api.something");
            assertThat(json(client.token(form).body())).isEqualTo(vaultwardenError("Scope not supported"));

            form = client.tokenForm();
            form.put("client_id", "org." + sandbox.orgId());
            assertThat(json(client.token(form).body())).isEqualTo(vaultwardenError("Malformed client_id"));

            form = client.tokenForm();
            form.put("client_id", "organization.2f1b7c34-0000-4000-8000-000000000000");
            HttpResponse<String> response = client.token(form);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body())).isEqualTo(vaultwardenError("Invalid client_id"));
        }
    }
}
