package io.dirsync.okta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.DirectoryUser;
import org.junit.jupiter.api.Test;

class OktaMappingTest {

    private static DirectoryUser user(String status, String email) throws Exception {
        JsonNode json = new ObjectMapper().readTree("{\"id\":\"00uAbC123xYz\",\"status\":\"" + status + "\","
                + "\"profile\":{\"login\":\"login@example.com\",\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                + "}}");
        return OktaMapping.user(json);
    }

    @Test
    void deprovisionedIsDeletedSuspendedIsDisabled() throws Exception {
        assertThat(user("DEPROVISIONED", "a@example.com")).isEqualTo(new DirectoryUser("00uAbC123xYz", "a@example.com", false, true));
        assertThat(user("SUSPENDED", "a@example.com")).isEqualTo(new DirectoryUser("00uAbC123xYz", "a@example.com", true, false));
    }

    @Test
    void everyOtherStatusIsActive() throws Exception {
        for (String status : new String[] {"ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED"}) {
            assertThat(user(status, "a@example.com")).as(status)
                    .isEqualTo(new DirectoryUser("00uAbC123xYz", "a@example.com", false, false));
        }
    }

    @Test
    void theEmailIsProfileEmailAsWrittenAndTheIdKeepsItsCase() throws Exception {
        assertThat(user("ACTIVE", " Ada@Example.COM ").email()).isEqualTo(" Ada@Example.COM ");
        assertThat(user("ACTIVE", null).email()).isNull();
        assertThat(user("ACTIVE", "").email()).isNull();
        assertThat(user("ACTIVE", "a@example.com").externalId()).isEqualTo("00uAbC123xYz");
    }
}
