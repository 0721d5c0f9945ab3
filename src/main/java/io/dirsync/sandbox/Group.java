package io.dirsync.sandbox;

import java.util.List;

/**
 * A snapshot of one organization group and its members.
 *
 * @param externalId        the directory's id for the group, or {@code null} for a group made by hand
 * @param memberIds         the members' OrganizationUser ids
 * @param memberExternalIds the members' externalIds, leaving out members that have none
 * @param memberEmails      the members' emails
 */
public record Group(String id, String name, String externalId, List<String> memberIds, List<String> memberExternalIds,
                    List<String> memberEmails) {

    public Group {
        memberIds = List.copyOf(memberIds);
        memberExternalIds = List.copyOf(memberExternalIds);
        memberEmails = List.copyOf(memberEmails);
    }
}
