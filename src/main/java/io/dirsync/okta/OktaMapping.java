package io.dirsync.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.model.DirectoryUser;

/** How Okta's users become dirsync's (cloud-sources.md, Mapping). */
final class OktaMapping {

    private OktaMapping() {
    }

    /**
     * The user: externalId its id as Okta spells it, email {@code profile.email}; DEPROVISIONED is deleted, SUSPENDED
     * disabled, every other status (LOCKED_OUT, PASSWORD_EXPIRED, STAGED…) active.
     */
    static DirectoryUser user(JsonNode user) {
        String email = user.path("profile").path("email").asText("");
        String status = user.path("status").asText("");
        return new DirectoryUser(user.path("id").asText(), email.isBlank() ? null : email,
                status.equals("SUSPENDED"), status.equals("DEPROVISIONED"));
    }
}
