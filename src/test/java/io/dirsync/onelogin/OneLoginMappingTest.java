package io.dirsync.onelogin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.DirectoryUser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneLoginMappingTest {

    private static DirectoryUser user(String json, Optional<String> suffix) throws Exception {
        return OneLoginMapping.user(new ObjectMapper().readTree(json), suffix);
    }

    private static DirectoryUser user(String email, String username, int status) throws Exception {
        return user("{\"id\":31415926535,\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                + ",\"username\":" + (username == null ? "null" : "\"" + username + "\"") + ",\"status\":" + status
                + ",\"role_id\":[7,8]}", Optional.empty());
    }

    @Test
    void theIdIsTheNumberInDecimal() throws Exception {
        assertThat(user("a@b.co", "a", 1).externalId()).isEqualTo("31415926535");
    }

    @Test
    void theEmailWhenItIsAnAddressTrimmed() throws Exception {
        assertThat(user(" a@b.co ", "x@y.co", 1).email()).isEqualTo("a@b.co");
    }

    @Test
    void elseAUsernameThatIsAnAddressTrimmed() throws Exception {
        assertThat(user("not an address", " u@b.co ", 1).email()).isEqualTo("u@b.co");
        assertThat(user(null, "u@b.co", 1).email()).isEqualTo("u@b.co");
        assertThat(user("a@b", "u@b.co", 1).email()).isEqualTo("u@b.co");
    }

    @Test
    void elseTheUsernameAndTheEmailSuffixWhenOneIsSet() throws Exception {
        String json = "{\"id\":5,\"email\":\"\",\"username\":\"jdoe\",\"status\":1}";
        assertThat(user(json, Optional.of("@example.com")).email()).isEqualTo("jdoe@example.com");
        assertThat(user(json, Optional.empty()).email()).isNull();
        assertThat(user("not an address", "jdoe", 1).email()).isEqualTo("not an address");
    }

    @Test
    void onlyStatus2IsDisabledAndNobodyIsDeleted() throws Exception {
        for (int status : new int[] {0, 1, 3, 4, 5, 7, 8}) {
            assertThat(user("a@b.co", "a", status).disabled()).as("status %d", status).isFalse();
        }
        assertThat(user("a@b.co", "a", 2).disabled()).isTrue();
        assertThat(user("a@b.co", "a", 2).deleted()).isFalse();
    }

    @Test
    void roleIdsAsDecimalStrings() throws Exception {
        assertThat(OneLoginMapping.roleIds(new ObjectMapper().readTree("{\"role_id\":[268435,7]}")))
                .containsExactly("268435", "7");
        assertThat(OneLoginMapping.roleIds(new ObjectMapper().readTree("{\"role_id\":null}"))).isEmpty();
    }
}
