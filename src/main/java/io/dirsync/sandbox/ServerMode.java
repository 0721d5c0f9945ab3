package io.dirsync.sandbox;

/** Which server the sandbox imitates. */
public enum ServerMode {
    /** Bitwarden's own server, cloud or self-hosted. */
    OFFICIAL,
    /** Vaultwarden, the Rust re-implementation many self-hosters run. */
    VAULTWARDEN
}
