package io.dirsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.sandbox.Group;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.ApiFake;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What the end-to-end tests share: an instance folder driven through the CLI, and a look at the organization. */
final class E2e {

    static final ObjectMapper JSON = new ObjectMapper();

    private E2e() {
    }

    /** The settings that point dirsync at a sandbox. */
    static Map<String, String> bitwarden(TestSandbox sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bitwarden.url", sandbox.baseUrl());
        settings.put("bitwarden.client-id", sandbox.clientId());
        settings.put("bitwarden.client-secret", sandbox.clientSecret());
        return settings;
    }

    /** An instance folder: its {@code application.properties} is rewritten from {@link #settings} before every command. */
    static final class Instance {
        final Path dir;
        final Map<String, String> settings = new LinkedHashMap<>();

        Instance(Path dir) {
            this.dir = dir;
        }

        Instance with(Map<String, String> more) {
            settings.putAll(more);
            return this;
        }

        Instance set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        Path properties() {
            return dir.resolve("application.properties");
        }

        Path stateFile() {
            return dir.resolve("state.json");
        }

        void write() {
            List<String> lines = new ArrayList<>();
            settings.forEach((key, value) -> lines.add(key + "=" + value));
            try {
                Files.write(properties(), lines);
                // owner-only, as 'dirsync config' writes it: one others may read draws a warning about its password
                Files.setPosixFilePermissions(properties(), PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs {@code dirsync <command…> --config DIR}. */
        CommandLineRun run(String... command) {
            write();
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--config");
            args.add(dir.toString());
            return CommandLineRun.of(args.toArray(new String[0]));
        }

        /** {@code dirsync sync [flags]}, which must succeed; returns its one summary line. */
        String sync(String... flags) {
            List<String> args = new ArrayList<>(List.of("sync"));
            args.addAll(List.of(flags));
            CommandLineRun run = run(args.toArray(new String[0]));
            assertThat(run.exitCode()).as("exit code of sync; stderr:\n%s", run.stderr()).isZero();
            List<String> lines = run.stdout().lines().toList();
            assertThat(lines).as("stdout of sync is one summary line").hasSize(1);
            return lines.get(0);
        }

        /**
         * The applied part of the state: the file without the entries a failed run marked unsure; null without a
         * file.
         */
        JsonNode applied() {
            byte[] bytes = stateBytes();
            if (bytes == null) {
                return null;
            }
            try {
                com.fasterxml.jackson.databind.node.ObjectNode state =
                        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(bytes);
                state.remove("unsure");
                return state;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The entries a failed run left unsure, {@code users} and {@code groups}, each externalId → email/name: what it
         * recorded before its first request, else what the state still holds.
         */
        JsonNode unsure() {
            Path attempt = dir.resolve("attempt.json");
            try {
                return Files.exists(attempt) ? JSON.readTree(attempt.toFile()).get("unsure")
                        : JSON.readTree(stateBytes()).get("unsure");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Asserts that no run has applied anything: no state, or one with no member and no group applied. */
        void assertNothingApplied() {
            JsonNode applied = applied();
            if (applied != null) {
                assertThat(applied.get("users")).as("members applied").isEmpty();
                assertThat(applied.get("groups")).as("groups applied").isEmpty();
            }
        }

        byte[] stateBytes() {
            try {
                return Files.exists(stateFile()) ? Files.readAllBytes(stateFile()) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Checks that a command failed with {@code exitCode} and reported it as exactly one line
     * {@code dirsync: …} on stderr, without a stack trace, and nothing on stdout. Returns that line.
     */
    static String oneLineError(CommandLineRun run, int exitCode) {
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.stderr()).isEqualTo(exitCode);
        List<String> errors = run.stderr().lines().filter(line -> line.startsWith("dirsync:")).toList();
        assertThat(errors).as("the one error line on stderr:\n%s", run.stderr()).hasSize(1);
        assertThat(run.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by:");
        assertThat(run.stdout()).as("stdout of a failed run").isBlank();
        return errors.get(0);
    }

    /**
     * A sync whose directory read fails: it exits 1 within 30 s with one line saying why, which it returns, sends
     * nothing, and leaves the organization's members and groups as {@code members} and {@code groups}.
     */
    static String syncFailsClosed(Instance instance, TestSandbox sandbox, Map<String, String> members,
                                  Map<String, Set<String>> groups) {
        int imports = sandbox.requests().size();
        long started = System.nanoTime();
        CommandLineRun failed = instance.run("sync");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String said = oneLineError(failed, 1);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(sandbox.requests()).hasSize(imports);
        assertThat(linkedMembers(sandbox)).isEqualTo(members);
        assertThat(groupMembers(sandbox)).isEqualTo(groups);
        return said;
    }

    // ------------------------------------------------------------------ the organization

    /** externalId → email of the members dirsync manages (those with an externalId), revoked ones left out. */
    static Map<String, String> linkedMembers(TestSandbox sandbox) {
        Map<String, String> members = new TreeMap<>();
        for (Member member : sandbox.members()) {
            if (member.externalId() != null && member.status() != MemberStatus.REVOKED) {
                assertThat(members.put(member.externalId(), member.email()))
                        .as("two members with externalId %s", member.externalId()).isNull();
            }
        }
        return members;
    }

    /** Emails of the members that are not revoked. */
    static Set<String> activeEmails(TestSandbox sandbox) {
        return sandbox.members().stream().filter(m -> m.status() != MemberStatus.REVOKED).map(Member::email)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** group externalId → its members' emails, for the groups with an externalId. */
    static Map<String, Set<String>> groupMembers(TestSandbox sandbox) {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (Group group : sandbox.groups()) {
            if (group.externalId() != null) {
                assertThat(groups.put(group.externalId(), new TreeSet<>(group.memberEmails())))
                        .as("two groups with externalId %s", group.externalId()).isNull();
            }
        }
        return groups;
    }

    /** group externalId → name, for the groups with an externalId. */
    static Map<String, String> groupNames(TestSandbox sandbox) {
        Map<String, String> names = new TreeMap<>();
        sandbox.groups().stream().filter(g -> g.externalId() != null).forEach(g -> names.put(g.externalId(), g.name()));
        return names;
    }

    /** Asserts that every email occurs once among the members. */
    static void nobodyTwice(TestSandbox sandbox) {
        List<String> emails = sandbox.members().stream().map(Member::email).toList();
        assertThat(emails).as("member emails").doesNotHaveDuplicates();
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The import requests received from index {@code from} on. */
    static List<RecordedRequest> importsSince(TestSandbox sandbox, int from) {
        List<RecordedRequest> all = sandbox.requests();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** externalId → deleted flag of a request body's members. */
    static Map<String, Boolean> members(JsonNode body) {
        Map<String, Boolean> members = new TreeMap<>();
        body.get("members").forEach(m -> members.put(m.get("externalId").asText(), m.get("deleted").asBoolean()));
        return members;
    }

    /** externalId → memberExternalIds of a request body's groups. */
    static Map<String, Set<String>> groups(JsonNode body) {
        Map<String, Set<String>> groups = new TreeMap<>();
        body.get("groups").forEach(g -> {
            Set<String> members = new TreeSet<>();
            g.get("memberExternalIds").forEach(id -> members.add(id.asText()));
            groups.put(g.get("externalId").asText(), members);
        });
        return groups;
    }

    /**
     * The {@code throttled} requests from {@code first} on were answered 429 with {@code Retry-After: 1}: the request
     * after each came at least a second (less 50 ms of clock slack) later.
     */
    static void assertRetryAfterHonoured(List<ApiFake.Request> requests, int first, int throttled) {
        for (int i = first + 1; i <= first + throttled; i++) {
            assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                    .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        await(timeout, () -> what, condition);
    }

    /** The same, with a description made when it times out (e.g. with a log read then). */
    static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what.get());
            }
        }
    }
}
