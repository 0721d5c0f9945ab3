package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.await;
import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirsync run} as an operator runs it: its own JVM, a Quartz cron schedule (every 2 seconds here), a
 * directory and a Bitwarden server that misbehave now and then, and a SIGTERM to stop it.
 */
class ScheduledRunTest {

    private static final String BASE = "dc=scheduled,dc=example";
    private static final Duration TICKS = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox sandbox;
    private Process process;
    private Path log;

    @BeforeEach
    void start() throws Exception {
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        sandbox.close();
        directory.close();
    }

    private Process startRun(Path instanceDir) throws IOException {
        return startRun(instanceDir, log);
    }

    private Process startRun(Path instanceDir, Path logFile) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBin, "-XX:TieredStopAtLevel=1", "-cp", CommandLineRun.childClassPath(),
                "io.dirsync.cli.DirsyncCommand", "run", "--config", instanceDir.toString());
        return new ProcessBuilder(command)
                .directory(temp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits until the schedule's next run has read the directory: changes made now wait for the tick after. */
    private void awaitTickRead() {
        int reads = count(log(), "INFO  Read ");
        await(TICKS, () -> "a scheduled read; log:\n" + log(), () -> count(log(), "INFO  Read ") > reads);
    }

    private int count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @Test
    void syncsOnScheduleSurvivesAFailedRunReusesItsTokenAndStopsCleanlyOnSigterm() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("bitwarden.retry-for", "20s")
                .set("sync.cron", "0/2 * * * * ?");
        instance.write();

        // it syncs on schedule
        long started = System.nanoTime();
        process = startRun(instanceDir);
        await(TICKS, () -> "the first scheduled sync; log:\n" + log(), () ->
                linkedMembers(sandbox).equals(company.usersBefore()) && groupMembers(sandbox).equals(company.groupsBefore()));
        System.err.println("ScheduledRunTest: first scheduled sync done " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms after the process started");
        assertThat(process.isAlive()).isTrue();
        assertThat(sandbox.tokenRequests()).hasSize(1);

        // a run the server refuses is logged, and the next tick sends it again
        int before = sandbox.requests().size();
        sandbox.failNext(1, 400, null);
        awaitTickRead(); // the day's changes take several operations: none of them half-way through a read
        company.applyChanges(directory.server());
        await(TICKS, () -> "the changes, after a refused run; log:\n" + log(), () ->
                linkedMembers(sandbox).equals(company.usersAfter()) && groupMembers(sandbox).equals(company.groupsAfter()));
        // the sandbox applies an import before it records it: wait for the record too
        int refusedAt = before;
        await(TICKS, "the refused and the accepted import recorded", () -> E2e.importsSince(sandbox, refusedAt).size() >= 2);
        List<RecordedRequest> refusedThenSent = E2e.importsSince(sandbox, before);
        assertThat(refusedThenSent).extracting(RecordedRequest::status).containsExactly(400, 200);
        assertThat(refusedThenSent.get(1).body()).isEqualTo(refusedThenSent.get(0).body());
        String afterRefusal = log();
        assertThat(count(afterRefusal, "Sync failed")).as("one failed run logged; log:\n%s", afterRefusal).isEqualTo(1);
        // what the log says is checked at the end, so that the run's behaviour is checked in full first
        SoftAssertions logSays = new SoftAssertions();
        logSays.assertThat(afterRefusal).as("the failed run is logged with the operator's message, as 'sync' prints it")
                .containsPattern("ERROR Sync failed: Bitwarden answered 400 to the import\\.? It runs again at the next tick\\.");
        assertThat(sandbox.tokenRequests()).as("the token is reused from tick to tick").hasSize(1);

        // the token expires between two ticks: the run renews it and succeeds
        before = sandbox.requests().size();
        sandbox.expireAllTokens();
        company.hire(directory.server(), "gus");
        Map<String, String> withGus = new TreeMap<>(company.usersAfter());
        withGus.put(company.userDn("gus"), Company.email("gus"));
        await(TICKS, () -> "gus, after the token expired; log:\n" + log(), () -> linkedMembers(sandbox).equals(withGus));
        int expiredAt = before;
        await(TICKS, "the rejected and the accepted import recorded", () -> E2e.importsSince(sandbox, expiredAt).size() >= 2);
        assertThat(E2e.importsSince(sandbox, before)).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(sandbox.tokenRequests()).hasSize(2);
        logSays.assertThat(count(log(), "Sync failed")).as("the 401 was handled within the run, no failed run logged")
                .isEqualTo(1);

        // SIGTERM: it stops, leaving a state that parses and no temporary file
        process.destroy();
        long stopping = System.nanoTime();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exits within 15 s of SIGTERM; log:\n%s", log()).isTrue();
        System.err.println("ScheduledRunTest: stopped " + Duration.ofNanos(System.nanoTime() - stopping).toMillis()
                + " ms after SIGTERM, exit code " + process.exitValue());
        JsonNode state = E2e.JSON.readTree(instance.stateFile().toFile());
        List<String> stateUsers = new ArrayList<>();
        state.get("users").fieldNames().forEachRemaining(stateUsers::add);
        assertThat(stateUsers).containsExactlyInAnyOrderElementsOf(withGus.keySet());
        List<String> stateGroups = new ArrayList<>();
        state.get("groups").fieldNames().forEachRemaining(stateGroups::add);
        assertThat(stateGroups).as("the emptied group is forgotten").containsExactlyInAnyOrderElementsOf(withoutLegacy(company));
        try (Stream<Path> files = Files.list(instanceDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left in the instance folder")
                    .noneMatch(name -> name.endsWith(".tmp") || name.startsWith("state.json."));
        }
        logSays.assertThat(log()).as("failures are logged in one line, without a stack trace").doesNotContain("\tat ");
        logSays.assertAll();
    }

    @Test
    void twoSchedulersOfOneInstanceElectALeaderAndTheOtherTakesOverWhenItStops() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?");
        instance.write();
        Path firstLog = temp.resolve("first.log");
        Path secondLog = temp.resolve("second.log");
        Process first = startRun(instanceDir, firstLog);
        log = firstLog;
        await(TICKS, () -> "the first scheduler to sync; log:\n" + log(), () -> count(log(), "INFO  Read ") >= 1);
        Process second = startRun(instanceDir, secondLog);
        process = second;
        try {
            // the first holds the leadership: over several ticks, only it reads the directory
            int readsBefore = count(Files.readString(firstLog), "INFO  Read ");
            await(TICKS, () -> "three more reads by the leader", () -> {
                try {
                    return count(Files.readString(firstLog), "INFO  Read ") >= readsBefore + 3;
                } catch (IOException e) {
                    return false;
                }
            });
            assertThat(count(Files.readString(secondLog), "INFO  Read ")).as("the follower never syncs; its log:\n%s",
                    Files.readString(secondLog)).isZero();
            assertThat(Files.readString(firstLog) + Files.readString(secondLog)).doesNotContain("Sync failed");

            // the leader stops: the other takes over
            first.destroy();
            assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
            log = secondLog;
            await(Duration.ofSeconds(40), () -> "the follower taking over; its log:\n" + log(),
                    () -> count(log(), "INFO  Read ") >= 1);
        } finally {
            if (first.isAlive()) {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sigtermWhileTheServerKeepsThrottlingStopsWithin15SecondsAndKeepsTheLastState() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("bitwarden.retry-for", "2m")
                .set("sync.cron", "0/2 * * * * ?");
        instance.write();
        process = startRun(instanceDir);
        await(TICKS, () -> "the first scheduled sync; log:\n" + log(), () ->
                linkedMembers(sandbox).equals(company.usersBefore()));
        // committed, not only recorded as attempted: the file exists from before the first request
        await(TICKS, () -> "the state of the first sync", () -> Files.exists(instance.stateFile())
                && instance.applied().get("users").size() == company.usersBefore().size());
        JsonNode state = instance.applied();

        // the server throttles every request from now on; a change makes the next run push, and retry
        int before = sandbox.requests().size();
        sandbox.failNext(1_000, 429, "1");
        company.applyChanges(directory.server());
        await(TICKS, () -> "a throttled push; log:\n" + log(), () -> sandbox.requests().size() > before);

        process.destroy();

        assertThat(process.waitFor(15, TimeUnit.SECONDS))
                .as("exits within 15 s of SIGTERM, though a push is being retried; log:\n%s", log()).isTrue();
        assertThat(instance.applied()).as("the push never succeeded: the applied state is the last one")
                .isEqualTo(state);
        E2e.JSON.readTree(instance.stateFile().toFile());
        try (Stream<Path> files = Files.list(instanceDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aCorruptStateIsReportedOnEveryTickAndOnceRemovedTheNextTickSyncs() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?");
        instance.write();
        Files.writeString(instance.stateFile(), "{ this is not json");
        String complaint = "The sync state " + instance.stateFile() + " is unreadable";

        process = startRun(instanceDir);
        await(TICKS, () -> "two ticks reporting the corrupt state; log:\n" + log(), () -> count(log(), complaint) >= 2);

        // the lock is not left held by a failed run: the next tick fails again on the state, not on the lock (a tick
        // that comes while the run on taking the lead is still busy may be skipped, which is no harm)
        assertThat(log()).contains("dirsync clear-cache");
        assertThat(count(log(), "Another sync of this instance is running")).isLessThanOrEqualTo(1);
        assertThat(sandbox.requests()).isEmpty();

        Files.delete(instance.stateFile());
        await(TICKS, () -> "a sync once the file is gone; log:\n" + log(), () ->
                linkedMembers(sandbox).equals(company.usersBefore()) && groupMembers(sandbox).equals(company.groupsBefore()));
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void syncsAtStartThenOnTheIntervalAndNamesALeftOutEntryOncePerChange() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        directory.add(List.of("dn: uid=nomail,ou=people," + BASE + "\nobjectClass: inetOrgPerson\nuid: nomail\ncn: N\nsn: N"));
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.interval", "5");
        instance.write();

        long started = System.nanoTime();
        process = startRun(instanceDir);
        await(Duration.ofSeconds(20), () -> "a sync within 20 s of the start; log:\n" + log(), () ->
                linkedMembers(sandbox).equals(company.usersBefore()));
        System.err.println("ScheduledRunTest: synced " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms after the process started, with sync.interval=5");
        assertThat(count(log(), "Left out user uid=nomail")).isEqualTo(1);
    }

    @Test
    void aLeftOutEntryIsNamedWhenItAppearsNotOnEveryTick() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        directory.add(List.of("dn: uid=nomail,ou=people," + BASE + "\nobjectClass: inetOrgPerson\nuid: nomail\ncn: N\nsn: N"));
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?")
                .write();

        process = startRun(instanceDir);
        await(TICKS, () -> "three runs; log:\n" + log(), () -> count(log(), "INFO  Read ") >= 3);

        assertThat(count(log(), "Left out user uid=nomail")).as("named once, while it stays the same; log:\n%s", log())
                .isEqualTo(1);
    }

    private static TreeSet<String> withoutLegacy(Company company) {
        TreeSet<String> groups = new TreeSet<>(company.groupsAfter().keySet());
        groups.remove(company.groupDn("legacy"));
        return groups;
    }
}
