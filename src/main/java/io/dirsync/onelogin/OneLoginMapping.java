package io.dirsync.onelogin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.model.DirectoryUser;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** How OneLogin's users become dirsync's (cloud-sources.md, Mapping). */
final class OneLoginMapping {

    /** bwdc's test of an address. */
    private static final Pattern ADDRESS = Pattern.compile("^\\S+@\\S+\\.\\S+$");
    static final int SUSPENDED = 2;

    private OneLoginMapping() {
    }

    /**
     * The user: externalId its numeric id in decimal; email {@code email} when it is an address, else a
     * {@code username} that is one, else (with an email suffix) the username and the suffix, each trimmed; else the
     * email as written, which the normalizer leaves out and names. Only status 2 (suspended) is disabled; OneLogin
     * reports no deletions.
     */
    static DirectoryUser user(JsonNode user, Optional<String> emailSuffix) {
        String email = user.path("email").asText("").strip();
        String username = user.path("username").asText("").strip();
        String chosen = email;
        if (!isAddress(email) && !username.isEmpty()) {
            if (isAddress(username)) {
                chosen = username;
            } else if (emailSuffix.isPresent()) {
                chosen = username + emailSuffix.get().strip();
            }
        }
        return new DirectoryUser(user.path("id").asText(), chosen.isEmpty() ? null : chosen,
                user.path("status").asInt(-1) == SUSPENDED, false);
    }

    /** The role ids the user holds, as decimal strings. */
    static Set<String> roleIds(JsonNode user) {
        Set<String> ids = new LinkedHashSet<>();
        user.path("role_id").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static boolean isAddress(String value) {
        return ADDRESS.matcher(value).matches();
    }
}
