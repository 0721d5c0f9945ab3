package io.dirsync.migrate;

import java.util.List;

/**
 * The secrets of a conversion as a file systemd reads with {@code EnvironmentFile=}: one {@code NAME="value"} per
 * secret bwdc kept in data.json (a double-quoted value may span lines, as a PEM key does), a comment for each it did
 * not.
 */
public final class EnvironmentFile {

    private EnvironmentFile() {
    }

    public static String render(List<SecretVariable> secrets) {
        StringBuilder file = new StringBuilder("# dirsync's secrets, converted from bwdc's data.json by 'dirsync import-bwdc'.\n"
                + "# For systemd's EnvironmentFile=; keep this file readable by its owner only (mode 600).\n");
        for (SecretVariable secret : secrets) {
            secret.value().ifPresentOrElse(
                    value -> file.append(secret.variable()).append("=\"").append(quoted(value.reveal())).append("\"\n"),
                    () -> file.append("# ").append(secret.variable()).append("= (").append(secret.key())
                            .append(": not in data.json, bwdc kept it in the system's keychain)\n"));
        }
        return file.toString();
    }

    /** Inside systemd's double quotes, a backslash escapes these four; everything else, newlines too, is kept. */
    private static String quoted(String value) {
        StringBuilder quoted = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
