package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.model.DirectoryUser;
import java.util.Locale;
import java.util.Optional;

/** How Graph's objects become dirsync's (cloud-sources.md, Mapping). */
final class EntraMapping {

    /** The properties read of a user: {@code accountEnabled} is not in Graph's default set. */
    static final String USER_SELECT = "id,mail,userPrincipalName,accountEnabled";
    static final String GROUP_SELECT = "id,displayName";
    static final String USER_TYPE = "#microsoft.graph.user";
    static final String GROUP_TYPE = "#microsoft.graph.group";

    private EntraMapping() {
    }

    /**
     * The user: externalId the object id as Graph spells it; email {@code mail}, or {@code userPrincipalName} when
     * {@code mail} is empty or a tenant's {@code onmicrosoft.com} address; disabled when {@code accountEnabled} is
     * false.
     */
    static DirectoryUser user(JsonNode user) {
        String mail = text(user, "mail");
        String principal = text(user, "userPrincipalName");
        String email = mail;
        if (principal != null && (mail == null || mail.strip().toLowerCase(Locale.ROOT).endsWith("onmicrosoft.com"))) {
            email = principal;
        }
        boolean disabled = user.path("accountEnabled").isBoolean() && !user.path("accountEnabled").asBoolean();
        return new DirectoryUser(user.path("id").asText(), email, disabled, false);
    }

    /** Why an enabled user is left out: an external guest's UPN ({@code name_domain#EXT#@tenant}) is no address. */
    static Optional<String> leftOutBecause(DirectoryUser user) {
        if (!user.disabled() && user.email() != null && user.email().contains("#")) {
            return Optional.of("an external guest's user principal name, not an address: " + user.email().strip());
        }
        return Optional.empty();
    }

    static boolean isUser(JsonNode member) {
        return USER_TYPE.equals(member.path("@odata.type").asText());
    }

    static boolean isGroup(JsonNode member) {
        return GROUP_TYPE.equals(member.path("@odata.type").asText());
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }
}
