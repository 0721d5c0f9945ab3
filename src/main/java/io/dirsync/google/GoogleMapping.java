package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.model.DirectoryUser;
import java.util.Locale;

/** How the Directory API's objects become dirsync's (cloud-sources.md, Mapping). */
final class GoogleMapping {

    /** What a group's member is, by its {@code type}. */
    enum MemberKind {
        /** A user, counted only while its membership is {@code ACTIVE}. */
        USER,
        /** A nested group, flattened by the normalizer. */
        GROUP,
        /** The whole account: every user of the read. */
        CUSTOMER,
        /** Someone outside the account, and anything else: not a member for dirsync. */
        IGNORED;

        static MemberKind of(JsonNode member) {
            return switch (member.path("type").asText("").toUpperCase(Locale.ROOT)) {
                case "USER" -> USER;
                case "GROUP" -> GROUP;
                case "CUSTOMER" -> CUSTOMER;
                default -> IGNORED;
            };
        }
    }

    private GoogleMapping() {
    }

    /** The user: externalId its id as Google spells it, email its primary email, disabled when suspended or archived. */
    static DirectoryUser user(JsonNode user, boolean deleted) {
        boolean disabled = user.path("suspended").asBoolean(false) || user.path("archived").asBoolean(false);
        return new DirectoryUser(user.path("id").asText(), user.path("primaryEmail").asText(null), disabled, deleted);
    }

    /** Whether Google lists no email address for the user (bwdc skips such users). */
    static boolean hasNoEmails(JsonNode user) {
        JsonNode emails = user.path("emails");
        return emails.isMissingNode() || emails.isNull() || (emails.isArray() && emails.isEmpty())
                || (emails.isTextual() && emails.asText().isBlank());
    }

    /** Whether a USER member counts: only while its membership is ACTIVE (a suspended user's is not). */
    static boolean isActive(JsonNode member) {
        return "ACTIVE".equalsIgnoreCase(member.path("status").asText(""));
    }

    /** A user known only as a group's member (a group-scoped read): disabled unless its membership is ACTIVE. */
    static DirectoryUser member(JsonNode member) {
        return new DirectoryUser(member.path("id").asText(), member.path("email").asText(null), !isActive(member),
                false);
    }
}
