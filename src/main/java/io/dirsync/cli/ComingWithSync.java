package io.dirsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands of the push half, which this build does not have yet: they say so plainly. */
abstract class ComingWithSync implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.err.println("dirsync " + spec.name() + " is not available in this build yet: it comes with the push to"
                + " Bitwarden. 'dirsync test' shows what would be synced.");
        return 2;
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Sync the directory into the Bitwarden organization once, then exit.")
    static final class Sync extends ComingWithSync {
        @picocli.CommandLine.Option(names = "--full", description = "Re-send every member and group, repairing drift.")
        boolean full;
        @picocli.CommandLine.Option(names = "--dry-run", description = "Print the change plan; push nothing.")
        boolean dryRun;
        @picocli.CommandLine.Option(names = "--allow-deletions", description = "Confirm removals above sync.max-deletions.")
        boolean allowDeletions;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run scheduled syncs (sync.cron, else every sync.interval minutes) until stopped.")
    static final class Run extends ComingWithSync {
    }

    @Command(name = "last-sync", mixinStandardHelpOptions = true,
            description = "Print the time (ISO-8601, UTC) of the last successful sync of users or groups.")
    static final class LastSync extends ComingWithSync {
        @picocli.CommandLine.Parameters(paramLabel = "users|groups", description = "Which sync time to print.")
        String which;
    }

    @Command(name = "clear-cache", mixinStandardHelpOptions = true,
            description = "Forget the applied state, so the next sync re-sends everything.")
    static final class ClearCache extends ComingWithSync {
    }
}
