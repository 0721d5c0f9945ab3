package io.dirsync.cli;

import io.dirsync.config.Settings;
import io.dirsync.state.SourceCaches;
import io.dirsync.state.StateStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clear-cache", mixinStandardHelpOptions = true,
        description = {"Forget what dirsync last pushed, and every cache a source keeps to read less (Active Directory's"
                + " incremental reads, Entra's delta links), so the next sync reads fully and re-sends everything.",
                "Nothing is removed from Bitwarden: without the applied state, the next sync computes no removals."})
final class ClearCacheCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() {
        try (DirsyncRuntime runtime = options.startRuntime(DirsyncRuntime.Flow.READ)) {
            Settings settings = Settings.of(runtime.context());
            StateStore store = StateStore.of(settings);
            try (StateStore.Lock lock = store.lock()) {
                store.clear();
                SourceCaches.clear(settings);
            }
            System.err.println("The sync cache has been cleared.");
        }
        return 0;
    }
}
