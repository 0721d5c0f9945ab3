package io.dirsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated directory is the same for the same seed, and large groups change nothing but themselves. */
class SyntheticDirectoryTest {

    @TempDir
    Path folder;

    @Test
    void theSameSeedWritesTheSameDirectory() throws IOException {
        SyntheticDirectory.write(folder.resolve("a.ldif"), 1000, 40, 42);
        SyntheticDirectory.write(folder.resolve("b.ldif"), 1000, 40, 42);

        assertThat(folder.resolve("a.ldif")).hasSameTextualContentAs(folder.resolve("b.ldif"));
    }

    @Test
    void largeGroupsHaveTheirUsersAndEveryOtherGroupIsAsWithoutThem() throws IOException {
        SyntheticDirectory.write(folder.resolve("plain.ldif"), 1000, 40, 42);
        SyntheticDirectory.write(folder.resolve("large.ldif"), 1000, 40, 2, 600, 42);
        Map<String, List<String>> plain = members(folder.resolve("plain.ldif"));
        Map<String, List<String>> large = members(folder.resolve("large.ldif"));

        for (int g = 0; g < 2; g++) {
            List<String> members = large.get(SyntheticDirectory.groupDn(g));
            assertThat(members.stream().filter(m -> m.startsWith("uid="))).hasSizeGreaterThanOrEqualTo(600);
            assertThat(members).containsAll(plain.get(SyntheticDirectory.groupDn(g)));
        }
        for (int g = 2; g < 40; g++) {
            assertThat(large.get(SyntheticDirectory.groupDn(g))).isEqualTo(plain.get(SyntheticDirectory.groupDn(g)));
        }
        assertThat(large.values().stream().flatMap(List::stream).filter(m -> m.startsWith("cn=")))
                .as("the tenth of the groups nested")
                .isNotEmpty();
    }

    /** Each group's member values, in the order written. */
    private static Map<String, List<String>> members(Path ldif) throws IOException {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String entry : Files.readString(ldif).split("\n\n")) {
            List<String> lines = entry.lines().toList();
            if (lines.contains("objectClass: groupOfNames")) {
                groups.put(lines.get(0).substring("dn: ".length()), lines.stream()
                        .filter(l -> l.startsWith("member: ")).map(l -> l.substring("member: ".length())).toList());
            }
        }
        return groups;
    }
}
