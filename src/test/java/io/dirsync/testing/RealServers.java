package io.dirsync.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need a real server (OpenLDAP slapd, Samba AD, ...):
 * when the server cannot run on this machine the test is skipped with a loud message,
 * except under {@code CI=true}, where the same condition fails the test.
 */
public final class RealServers {

    /** Directories searched after {@code PATH}: server binaries usually live in sbin, which a non-root PATH lacks. */
    private static final List<String> EXTRA_DIRS = List.of(
            "/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/libexec", "/usr/local/libexec", "/opt/homebrew/sbin");

    private RealServers() {
    }

    /**
     * Whether {@code server} ({@code slapd}, {@code samba}) is listed in the system property
     * {@code dirsync.test.unavailable} (comma-separated): it then counts as missing, to see how a machine without it
     * reports ({@code mvn verify -Ddirsync.test.unavailable=slapd,samba}).
     */
    public static boolean hidden(String server) {
        for (String name : System.getProperty("dirsync.test.unavailable", "").split(",")) {
            if (name.trim().equalsIgnoreCase(server)) {
                return true;
            }
        }
        return false;
    }

    /** {@code true} when the environment variable {@code CI} is {@code true} (any case). */
    public static boolean onCi() {
        return Boolean.parseBoolean(System.getenv("CI"));
    }

    /**
     * Returns normally when {@code available}; otherwise fails the calling test under
     * {@code CI=true}, or aborts it (JUnit assumption, reported as skipped) after printing a
     * banner on stderr.
     *
     * @param what what is needed, with a hint how to get it, e.g.
     *             "OpenLDAP slapd + slapadd and openssl (Debian: apt-get install slapd ldap-utils openssl)"
     */
    public static void require(String what, boolean available) {
        if (available) {
            return;
        }
        if (onCi()) {
            Assertions.fail("CI=true and a real-server test cannot run: missing " + what
                    + ". .ci/run installs it; a skipped real-server test is a failure on CI.");
        }
        String message = "SKIPPED real-server test: missing " + what
                + " (with CI=true this is a failure)";
        String bar = "*".repeat(Math.min(message.length(), 100));
        System.err.println(bar + System.lineSeparator() + message + System.lineSeparator() + bar);
        Assumptions.abort(message);
    }

    /** An executable by name: first on {@code PATH}, then in the usual sbin/libexec directories. */
    public static Optional<Path> findExecutable(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(dir);
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        List<Path> candidates = new ArrayList<>();
        for (String dir : dirs) {
            candidates.add(Path.of(dir, name));
        }
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }
}
