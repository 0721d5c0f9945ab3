package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.google.GoogleMapping.MemberKind;
import io.dirsync.model.DirectoryUser;
import org.junit.jupiter.api.Test;

class GoogleMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void suspendedOrArchivedIsDisabledAndTheIdIsKeptAsSpelled() throws Exception {
        assertThat(GoogleMapping.user(json("{\"id\":\"0123\",\"primaryEmail\":\"A@x.com\",\"suspended\":false}"), false))
                .isEqualTo(new DirectoryUser("0123", "A@x.com", false, false));
        assertThat(GoogleMapping.user(json("{\"id\":\"1\",\"primaryEmail\":\"a@x.com\",\"suspended\":true}"), false)
                .disabled()).isTrue();
        assertThat(GoogleMapping.user(json("{\"id\":\"1\",\"primaryEmail\":\"a@x.com\",\"archived\":true}"), false)
                .disabled()).isTrue();
        assertThat(GoogleMapping.user(json("{\"id\":\"1\",\"primaryEmail\":\"a@x.com\"}"), true).deleted()).isTrue();
    }

    @Test
    void aUserWithoutEmailsHasNone() throws Exception {
        assertThat(GoogleMapping.hasNoEmails(json("{\"id\":\"1\"}"))).isTrue();
        assertThat(GoogleMapping.hasNoEmails(json("{\"id\":\"1\",\"emails\":[]}"))).isTrue();
        assertThat(GoogleMapping.hasNoEmails(json("{\"id\":\"1\",\"emails\":[{\"address\":\"a@x.com\"}]}"))).isFalse();
    }

    @Test
    void membersByTypeCaseInsensitiveAndOnlyActiveCounts() throws Exception {
        assertThat(MemberKind.of(json("{\"type\":\"user\"}"))).isEqualTo(MemberKind.USER);
        assertThat(MemberKind.of(json("{\"type\":\"GROUP\"}"))).isEqualTo(MemberKind.GROUP);
        assertThat(MemberKind.of(json("{\"type\":\"CUSTOMER\"}"))).isEqualTo(MemberKind.CUSTOMER);
        assertThat(MemberKind.of(json("{\"type\":\"EXTERNAL\"}"))).isEqualTo(MemberKind.IGNORED);
        assertThat(GoogleMapping.isActive(json("{\"status\":\"active\"}"))).isTrue();
        assertThat(GoogleMapping.isActive(json("{\"status\":\"SUSPENDED\"}"))).isFalse();
        assertThat(GoogleMapping.member(json("{\"id\":\"7\",\"email\":\"b@x.com\",\"status\":\"SUSPENDED\"}")))
                .isEqualTo(new DirectoryUser("7", "b@x.com", true, false));
    }
}
