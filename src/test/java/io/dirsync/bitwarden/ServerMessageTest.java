package io.dirsync.bitwarden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMessageTest {

    @Test
    void officialValidationErrorsNameTheEntries() {
        String body = """
                {"object":"error","message":"The request's model state is invalid.",
                 "errors":{"Members[0].Email":["The Email field is not a valid e-mail address."],
                           "Groups[1].Name":["The field Name must be a string with a maximum length of 100."]}}""";

        assertThat(ServerMessage.of(body)).isEqualTo("The request's model state is invalid."
                + " Members[0].Email: The Email field is not a valid e-mail address.;"
                + " Groups[1].Name: The field Name must be a string with a maximum length of 100");
    }

    @Test
    void officialPlainMessage() {
        assertThat(ServerMessage.of("{\"object\":\"error\",\"message\":\"Organization cannot use groups.\",\"errors\":null}"))
                .isEqualTo("Organization cannot use groups");
    }

    @Test
    void vaultwardenRepeatsItsMessageInValidationErrorsOnlyOnce() {
        String body = "{\"message\":\"Incorrect client_secret\",\"validationErrors\":{\"\":[\"Incorrect client_secret\"]},"
                + "\"errorModel\":{\"message\":\"Incorrect client_secret\",\"object\":\"error\"},\"error\":\"\","
                + "\"error_description\":\"\",\"object\":\"error\"}";

        assertThat(ServerMessage.of(body)).isEqualTo("Incorrect client_secret");
    }

    @Test
    void oauthErrors() {
        assertThat(ServerMessage.of("{\"error\":\"invalid_client\"}")).isEqualTo("invalid_client");
    }

    @Test
    void anythingElseIsShownShortAndOnOneLine() {
        assertThat(ServerMessage.of("<html>\n<body>Bad gateway</body>\n</html>")).isEqualTo("<html> <body>Bad gateway</body> </html>");
        assertThat(ServerMessage.of("")).isEmpty();
        assertThat(ServerMessage.of("x".repeat(500))).hasSize(201);
    }

    @Test
    void longListsAreCut() {
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            errors.append(i == 0 ? "" : ",").append("\"Members[").append(i).append("].Email\":[\"bad\"]");
        }
        String said = ServerMessage.of("{\"message\":\"invalid\",\"errors\":{" + errors + "}}");

        assertThat(said).isEqualTo("invalid Members[0].Email: bad; Members[1].Email: bad; Members[2].Email: bad; and 2 more");
    }
}
