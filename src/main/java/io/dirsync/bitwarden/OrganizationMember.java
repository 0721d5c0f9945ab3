package io.dirsync.bitwarden;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A member as {@code GET /public/members} lists it (bitwarden-api.md §4.1), with the fields dirsync reads.
 *
 * @param type       0 owner, 1 admin, 2 user, 4 custom
 * @param status     −1 revoked, 0 invited, 1 accepted, 2 confirmed, 3 staged
 * @param externalId null for a member the directory does not know
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrganizationMember(String id, String email, String externalId, int type, int status) {

    public static final int OWNER = 0;

    public boolean isOwner() {
        return type == OWNER;
    }

    public boolean isLinked() {
        return externalId != null && !externalId.isBlank();
    }

    /** The list's envelope: {@code {"object":"list","data":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ListResponse(List<OrganizationMember> data) {
    }
}
