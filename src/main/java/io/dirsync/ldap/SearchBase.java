package io.dirsync.ldap;

import java.util.Locale;

/**
 * Search bases as bwdc builds them, so a migrated configuration reads the same entries: the base is
 * {@code <path>,<domain part of the root path>}, where the domain part is everything from the first
 * {@code dc=} on. Anything in front of it (an {@code ou=}) is ignored, as bwdc does. A root path without
 * {@code dc=} (an {@code o=} tree) makes the path absolute, as in bwdc; with no path the root path itself
 * is the base, where bwdc would search the empty DN and find nothing.
 */
final class SearchBase {

    private SearchBase() {
    }

    static String of(String rootPath, String path) {
        String root = rootPath == null ? "" : rootPath.trim();
        boolean hasPath = path != null && !path.isBlank();
        int dc = root.toLowerCase(Locale.ROOT).indexOf("dc=");
        if (dc < 0) {
            return hasPath ? path.trim() : root;
        }
        String domain = root.substring(dc);
        return hasPath ? path.trim() + "," + domain : domain;
    }

    /** The part of the root path bwdc ignores (for a warning), or empty. */
    static String ignoredPrefix(String rootPath) {
        int dc = rootPath.toLowerCase(Locale.ROOT).indexOf("dc=");
        return dc <= 0 ? "" : rootPath.substring(0, dc).replaceAll("[,\\s]+$", "");
    }
}
