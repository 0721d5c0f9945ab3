package io.dirsync.sandbox;

/** An organization member's status, with the number the API uses ({@code OrganizationUserStatusType}). */
public enum MemberStatus {
    REVOKED(-1), INVITED(0), ACCEPTED(1), CONFIRMED(2), STAGED(3);

    private final int code;

    MemberStatus(int code) {
        this.code = code;
    }

    /** The number in API bodies. */
    public int code() {
        return code;
    }

    /** Whether the member takes a seat: Invited, Accepted and Confirmed do; Revoked and Staged do not. */
    boolean occupiesSeat() {
        return this == INVITED || this == ACCEPTED || this == CONFIRMED;
    }
}
