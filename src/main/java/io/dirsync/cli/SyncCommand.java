package io.dirsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dirsync.ConfigurationException;
import io.dirsync.Messages;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.DryRunPlan;
import io.dirsync.sync.GuardRefusedException;
import io.dirsync.sync.RunReport;
import io.dirsync.sync.SyncOptions;
import io.dirsync.sync.SyncResult;
import io.dirsync.sync.SyncRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sync the directory into the Bitwarden organization once, then exit.",
                "Sends only what changed since the last successful sync; prints one summary line on stdout."})
final class SyncCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Option(names = "--full", description = "Re-send every member and group, repairing changes made by hand in Bitwarden.")
    boolean full;

    @Option(names = "--dry-run", description = {"Print who would be invited, removed and regrouped, and what a guard would"
            + " hold or refuse (exit 3 then); push nothing. Fetches a Bitwarden token, so the URL and API key are checked."})
    boolean dryRun;

    @Option(names = "--json", description = "With --dry-run: the plan as JSON, in the form of --report's record.")
    boolean json;

    @Option(names = "--summary", description = "With --dry-run: the plan's one summary line, for large plans.")
    boolean summaryOnly;

    @Option(names = "--allow-deletions",
            description = {"Release removals a guard held or refused: more than sync.max-deletions members or"
                    + " memberships, an overwrite run's removals, or an empty directory read.",
                    "Without it such a run exits 3: it invites and adds memberships but removes nothing, or sends"
                    + " nothing when the settings changed, on an overwrite run or after an empty read."})
    boolean allowDeletions;

    @Option(names = "--report", paramLabel = "FILE",
            description = {"Write a JSON record of the run to FILE: when, the result (success, held, refused, failed),"
                    + " and by name who was invited or removed, the groups updated or emptied, email changes, entries"
                    + " left out and what a guard held."})
    Path report;

    private static final Logger LOG = LoggerFactory.getLogger(SyncCommand.class);

    @Override
    public Integer call() {
        Instant started = Instant.now();
        Exchange outcome;
        try (DirsyncRuntime runtime = options.startRuntime(DirsyncRuntime.Flow.SYNC); SignalStop signal = SignalStop.stopping(runtime)) {
            outcome = runtime.send("direct:sync", Map.of(SyncOptions.PROPERTY, new SyncOptions(full, dryRun, allowDeletions)));
        }
        RuntimeException failure = outcome.getException() == null ? null
                : DirsyncRuntime.Failures.unwrap(outcome.getException());
        Object result = outcome.getMessage().getBody();
        if (!dryRun && (report != null || LOG.isDebugEnabled())) {
            RunReport record = record(outcome.getProperty(SyncRun.CHANGES, ChangeSet.class), started, failure, result);
            name(record);
            write(record);
        }
        if (failure != null) {
            throw failure;
        }
        if (result instanceof DryRunPlan plan) {
            return printPlan(plan, started);
        }
        System.out.println(result);
        if (result instanceof SyncResult synced && synced.isHeld()) {
            System.err.println("dirsync: " + synced.held());
            return GuardRefusedException.EXIT_CODE;
        }
        return 0;
    }

    private int printPlan(DryRunPlan plan, Instant started) {
        if (json) {
            String result = plan.refusal() != null ? RunReport.REFUSED
                    : plan.changes().held().isEmpty() ? RunReport.PLANNED : RunReport.HELD;
            System.out.println(toJson(RunReport.of(plan.changes(), started, Instant.now(), result, plan.guardLine())));
        } else if (summaryOnly) {
            System.out.println(plan.changes().summary().replaceFirst("^Synced: ", "Would sync: "));
        } else {
            System.out.print(plan);
        }
        if (plan.guardLine() != null) {
            System.err.println("dirsync: " + plan.guardLine());
            return GuardRefusedException.EXIT_CODE;
        }
        return 0;
    }

    /** A refused run sent nothing, so it lists nothing; a run that failed lists what it attempted. */
    private static RunReport record(ChangeSet changes, Instant started, RuntimeException failure, Object result) {
        if (failure == null) {
            boolean held = result instanceof SyncResult synced && synced.isHeld();
            return RunReport.of(changes, started, Instant.now(), held ? RunReport.HELD : RunReport.SUCCESS, null);
        }
        boolean refused = failure instanceof GuardRefusedException;
        return RunReport.of(refused ? null : changes, started, Instant.now(),
                refused ? RunReport.REFUSED : RunReport.FAILED, failure.getMessage());
    }

    /** With {@code -v}, the people and groups on stderr too. */
    private static void name(RunReport record) {
        record.invited().forEach(p -> LOG.debug("Invited {} ({})", p.email(), p.externalId()));
        record.removed().forEach(p -> LOG.debug("Removed {} ({})", p.email(), p.externalId()));
        record.groupsUpdated().forEach(g -> LOG.debug("Updated group {} ({}): +{} -{}", g.name(), g.externalId(),
                g.membersAdded().size(), g.membersRemoved().size()));
        record.groupsEmptied().forEach(g -> LOG.debug("Emptied group {} ({})", g.name(), g.externalId()));
    }

    private static String toJson(RunReport record) {
        try {
            // a mapper made here, not held by the class: picocli makes every command at start-up, and building one costs
            // every command a seventh of a second
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run report that Jackson cannot write", e);
        }
    }

    private void write(RunReport record) {
        if (report == null) {
            return;
        }
        try {
            Files.writeString(report, toJson(record));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the report " + report + ": " + Messages.describe(e)
                    + ". Check --report.");
        }
    }
}
