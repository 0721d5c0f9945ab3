package io.dirsync.sandbox;

/** An organization member's role, with the number the API uses ({@code OrganizationUserType}). */
public enum MemberType {
    OWNER(0), ADMIN(1), USER(2), CUSTOM(4);

    private final int code;

    MemberType(int code) {
        this.code = code;
    }

    /** The number in API bodies. */
    public int code() {
        return code;
    }
}
