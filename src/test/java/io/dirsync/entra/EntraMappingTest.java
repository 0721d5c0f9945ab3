package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.DirectoryUser;
import org.junit.jupiter.api.Test;

class EntraMappingTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void mailIsTheEmailAndTheIdIsKeptAsGraphSpellsIt() throws Exception {
        assertThat(EntraMapping.user(json("{\"id\":\"AbC-1\",\"mail\":\"Ann@X.com\",\"userPrincipalName\":\"ann@x.onmicrosoft.com\","
                + "\"accountEnabled\":true}")))
                .isEqualTo(new DirectoryUser("AbC-1", "Ann@X.com", false, false));
    }

    @Test
    void theUserPrincipalNameStandsInForAMissingOrOnmicrosoftMail() throws Exception {
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":null,\"userPrincipalName\":\"bob@x.com\"}")).email())
                .isEqualTo("bob@x.com");
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":\" \",\"userPrincipalName\":\"bob@x.com\"}")).email())
                .isEqualTo("bob@x.com");
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":\"bob@x.OnMicrosoft.com\",\"userPrincipalName\":\"bob@x.com\"}"))
                .email()).isEqualTo("bob@x.com");
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":null,\"userPrincipalName\":null}")).email()).isNull();
    }

    @Test
    void accountEnabledFalseIsDisabledAndAbsentIsEnabled() throws Exception {
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":\"a@x.com\",\"accountEnabled\":false}")).disabled()).isTrue();
        assertThat(EntraMapping.user(json("{\"id\":\"1\",\"mail\":\"a@x.com\"}")).disabled()).isFalse();
    }

    @Test
    void anEnabledGuestsUpnIsLeftOutAndADisabledOneIsNot() {
        DirectoryUser guest = new DirectoryUser("1", "ann_fabrikam.com#EXT#@x.onmicrosoft.com", false, false);
        assertThat(EntraMapping.leftOutBecause(guest)).hasValueSatisfying(why -> assertThat(why).contains("external guest"));
        assertThat(EntraMapping.leftOutBecause(new DirectoryUser("1", guest.email(), true, false))).isEmpty();
        assertThat(EntraMapping.leftOutBecause(new DirectoryUser("1", "ann@x.com", false, false))).isEmpty();
    }

    @Test
    void membersAreUsersOrGroupsByTheirType() throws Exception {
        assertThat(EntraMapping.isUser(json("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"1\"}"))).isTrue();
        assertThat(EntraMapping.isGroup(json("{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"1\"}"))).isTrue();
        JsonNode device = json("{\"@odata.type\":\"#microsoft.graph.device\",\"id\":\"1\",\"accountEnabled\":false}");
        assertThat(EntraMapping.isUser(device)).isFalse();
        assertThat(EntraMapping.isGroup(device)).isFalse();
    }
}
