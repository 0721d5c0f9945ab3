package io.dirsync.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A large, deterministic directory as LDIF for slapadd: {@code ou=people} with inetOrgPerson users,
 * {@code ou=groups} with groupOfNames groups. Every user is in 1 to 5 random groups; a tenth of the groups
 * are nested into a lower-numbered group (so the nesting is a DAG, as in real directories). Optionally the first
 * few groups are large ones, with a given number of users each.
 */
public final class SyntheticDirectory {

    public static final String SUFFIX = "dc=example,dc=com";

    private SyntheticDirectory() {
    }

    public static String userDn(int index) {
        return "uid=" + uid(index) + ",ou=people," + SUFFIX;
    }

    public static String uid(int index) {
        return String.format("user%06d", index);
    }

    public static String mail(int index) {
        return uid(index) + "@example.com";
    }

    public static String groupName(int index) {
        return String.format("group%05d", index);
    }

    public static String groupDn(int index) {
        return "cn=" + groupName(index) + ",ou=groups," + SUFFIX;
    }

    public static void write(Path ldif, int users, int groups, long seed) throws IOException {
        write(ldif, users, groups, 0, 0, seed);
    }

    /** The same directory, where groups {@code 0 .. largeGroups-1} are made up to {@code largeGroupSize} users each. */
    public static void write(Path ldif, int users, int groups, int largeGroups, int largeGroupSize, long seed)
            throws IOException {
        List<Set<String>> members = members(users, groups, largeGroups, largeGroupSize, seed);
        try (BufferedWriter out = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
            out.write("dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\no: example\ndc: example\n\n");
            out.write("dn: ou=people," + SUFFIX + "\nobjectClass: organizationalUnit\nou: people\n\n");
            out.write("dn: ou=groups," + SUFFIX + "\nobjectClass: organizationalUnit\nou: groups\n\n");
            for (int u = 0; u < users; u++) {
                out.write("dn: " + userDn(u) + "\nobjectClass: inetOrgPerson\nuid: " + uid(u) + "\ncn: User " + u
                        + "\nsn: " + u + "\nmail: " + mail(u) + "\n\n");
            }
            for (int g = 0; g < groups; g++) {
                out.write("dn: " + groupDn(g) + "\nobjectClass: groupOfNames\ncn: " + groupName(g) + "\n");
                for (String member : members.get(g)) {
                    out.write("member: " + member + "\n");
                }
                out.write("\n");
            }
        }
    }

    /**
     * Each group's members in the order written: the DNs of its users and of the groups nested in it. Never empty,
     * as groupOfNames needs a member.
     */
    public static List<Set<String>> members(int users, int groups, int largeGroups, int largeGroupSize, long seed) {
        if (largeGroups > groups || largeGroupSize > users) {
            throw new IllegalArgumentException(largeGroups + " groups of " + largeGroupSize + " do not fit in "
                    + users + " users / " + groups + " groups");
        }
        Random random = new Random(seed);
        List<Set<String>> members = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            members.add(new LinkedHashSet<>());
        }
        for (int u = 0; u < users; u++) {
            int memberships = 1 + random.nextInt(5);
            for (int m = 0; m < memberships; m++) {
                members.get(random.nextInt(groups)).add(userDn(u));
            }
        }
        for (int g = 1; g < groups; g++) {
            if (random.nextInt(10) == 0) {
                members.get(random.nextInt(g)).add(groupDn(g));
            }
        }
        Random large = new Random(seed + 1); // its own sequence, so the rest is the same directory with or without
        for (int g = 0; g < largeGroups; g++) {
            Set<String> groupMembers = members.get(g);
            long userMembers = groupMembers.stream().filter(member -> member.startsWith("uid=")).count();
            while (userMembers < largeGroupSize) {
                if (groupMembers.add(userDn(large.nextInt(users)))) {
                    userMembers++;
                }
            }
        }
        for (Set<String> groupMembers : members) {
            if (groupMembers.isEmpty()) {
                groupMembers.add(userDn(random.nextInt(users)));
            }
        }
        return members;
    }
}
