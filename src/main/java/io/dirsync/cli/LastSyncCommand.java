package io.dirsync.cli;

import io.dirsync.config.Settings;
import io.dirsync.state.AppliedState;
import io.dirsync.state.StateStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "last-sync", mixinStandardHelpOptions = true,
        description = "Print the start time (ISO-8601, UTC) of the last successful sync of users or groups; nothing if none.")
final class LastSyncCommand implements Callable<Integer> {

    enum Kind { users, groups }

    @Mixin
    InstanceOptions options;

    @Parameters(paramLabel = "users|groups", description = "Which sync time to print: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Override
    public Integer call() {
        try (DirsyncRuntime runtime = options.startRuntime(DirsyncRuntime.Flow.READ)) {
            Optional<AppliedState> state = StateStore.of(Settings.of(runtime.context())).load();
            state.map(s -> kind == Kind.users ? s.lastUserSync() : s.lastGroupSync())
                    .map(Instant::toString)
                    .ifPresent(System.out::println);
        }
        return 0;
    }
}
