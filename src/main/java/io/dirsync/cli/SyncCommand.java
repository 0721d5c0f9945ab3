package io.dirsync.cli;

import io.dirsync.sync.GuardRefusedException;
import io.dirsync.sync.SyncResult;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Option(names = "--dry-run", description = "Print who would be invited, removed and regrouped; push nothing.")
    boolean dryRun;

    @Option(names = "--allow-deletions",
            description = {"Release removals a guard held or refused: more than sync.max-deletions members or"
                    + " memberships, an overwrite run's removals, or an empty directory read.",
                    "Without it such a run exits 3: it invites and adds memberships but removes nothing, or sends"
                    + " nothing when the settings changed, on an overwrite run or after an empty read."})
    boolean allowDeletions;

    @Override
    public Integer call() {
        Object outcome;
        try (DirsyncRuntime runtime = options.startRuntime(); SignalStop signal = SignalStop.stopping(runtime)) {
            outcome = runtime.request("direct:sync", Object.class, Map.of(
                    "dirsyncFull", full, "dirsyncDryRun", dryRun, "dirsyncAllowDeletions", allowDeletions));
        }
        System.out.println(outcome);
        if (outcome instanceof SyncResult result && result.isHeld()) {
            System.err.println("dirsync: " + result.held());
            return GuardRefusedException.EXIT_CODE;
        }
        return 0;
    }
}
