package io.dirsync.cli;

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
            description = "Confirm removals above sync.max-deletions, or an empty directory read.")
    boolean allowDeletions;

    @Override
    public Integer call() {
        try (DirsyncRuntime runtime = options.startRuntime()) {
            System.out.println(runtime.request("direct:sync", String.class, Map.of(
                    "dirsyncFull", full, "dirsyncDryRun", dryRun, "dirsyncAllowDeletions", allowDeletions)));
        }
        return 0;
    }
}
