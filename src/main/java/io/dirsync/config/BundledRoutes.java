package io.dirsync.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The route files of the top-level {@code routes/} folder, as the jar carries them. The build writes their names to
 * {@value #INDEX} (see pom.xml), so starting never scans the jar (a wildcard costs a second at every start) and a new
 * source's route file is loaded without anyone listing it.
 */
public final class BundledRoutes {

    /** A folder name of our own, so no other routes/ folder on the class path is picked up. */
    public static final String LOCATION = "classpath:dirsync/routes/";
    static final String INDEX = "/dirsync/routes.index";

    private static final List<String> FILES = load();

    private BundledRoutes() {
    }

    /** The names of the bundled route files, sorted, e.g. {@code read-ldap.camel.yaml}. */
    public static List<String> files() {
        return FILES;
    }

    private static List<String> load() {
        InputStream index = BundledRoutes.class.getResourceAsStream(INDEX);
        if (index == null) {
            throw new IllegalStateException(INDEX + " is missing from the class path: build with 'mvn package',"
                    + " which writes it");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> line.endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
