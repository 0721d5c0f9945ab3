package io.dirsync.migrate;

import io.dirsync.config.DirectoryType;
import java.util.Arrays;
import java.util.Optional;

/** bwdc's directory types ({@code directoryType} in data.json), the block holding each one's settings, and dirsync's. */
public enum BwdcDirectory {
    LDAP(0, "directoryLdap", "LDAP", DirectoryType.LDAP),
    ENTRA(1, "directoryEntra", "Entra ID", DirectoryType.ENTRA),
    GOOGLE(2, "directoryGsuite", "Google Workspace", DirectoryType.GOOGLE),
    OKTA(3, "directoryOkta", "Okta", DirectoryType.OKTA),
    ONELOGIN(4, "directoryOnelogin", "OneLogin", DirectoryType.ONELOGIN);

    private final int code;
    private final String block;
    private final String label;
    private final DirectoryType type;

    BwdcDirectory(int code, String block, String label, DirectoryType type) {
        this.code = code;
        this.block = block;
        this.label = label;
        this.type = type;
    }

    static Optional<BwdcDirectory> ofCode(int code) {
        return Arrays.stream(values()).filter(directory -> directory.code == code).findFirst();
    }

    /** What bwdc's codes mean, for a message about an unknown one. */
    static String codes() {
        StringBuilder codes = new StringBuilder();
        for (BwdcDirectory directory : values()) {
            codes.append(codes.isEmpty() ? "" : ", ").append(directory.code).append(" (").append(directory.label).append(')');
        }
        return codes.toString();
    }

    int code() {
        return code;
    }

    /** The key of its settings in data.json, e.g. {@code directoryLdap}. */
    String block() {
        return block;
    }

    public String label() {
        return label;
    }

    public DirectoryType type() {
        return type;
    }
}
