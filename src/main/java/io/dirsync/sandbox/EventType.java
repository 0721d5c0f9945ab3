package io.dirsync.sandbox;

/** The events an import logs, with Bitwarden's numbers ({@code EventType}). */
public enum EventType {
    GROUP_CREATED(1400), GROUP_UPDATED(1401), MEMBER_INVITED(1500), MEMBER_REMOVED(1503), MEMBER_STAGED(1523);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
