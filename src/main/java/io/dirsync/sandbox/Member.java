package io.dirsync.sandbox;

/**
 * A snapshot of one organization member.
 *
 * @param id                the OrganizationUser id (what group memberships refer to)
 * @param userId            the linked user account; {@code null} while the member is only invited or staged
 * @param email             lower-cased, as the server stores it
 * @param externalId        the directory's id for the member, or {@code null}
 * @param hasMasterPassword whether the linked account has a master password (pending invitees have none)
 */
public record Member(String id, String userId, String email, String externalId, MemberType type, MemberStatus status,
                     boolean hasMasterPassword) {
}
