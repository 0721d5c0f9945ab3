package io.dirsync.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The exact JSON body of Bitwarden's {@code POST /public/organization/import}. Field names and order are
 * the ones bwdc sends; Vaultwarden requires every field, so none is ever left out.
 */
@JsonPropertyOrder({"groups", "members", "overwriteExisting", "largeImport", "inviteUsersAfterProvisioning"})
public record ImportRequest(List<Group> groups, List<Member> members, boolean overwriteExisting, boolean largeImport,
                            boolean inviteUsersAfterProvisioning) {

    public ImportRequest {
        groups = List.copyOf(groups);
        members = List.copyOf(members);
    }

    @JsonPropertyOrder({"name", "externalId", "memberExternalIds"})
    public record Group(String name, String externalId, List<String> memberExternalIds) {
        public Group {
            memberExternalIds = List.copyOf(memberExternalIds);
        }
    }

    /** {@code deleted:true} removes the member with that externalId (the email is then only informative). */
    @JsonPropertyOrder({"email", "externalId", "deleted"})
    public record Member(String email, String externalId, boolean deleted) {
    }
}
