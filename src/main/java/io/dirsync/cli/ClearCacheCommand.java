package io.dirsync.cli;

import io.dirsync.config.Settings;
import io.dirsync.ldap.DirectoryCacheFile;
import io.dirsync.state.StateStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clear-cache", mixinStandardHelpOptions = true,
        description = {"Forget what dirsync last pushed (and the directory cache of incremental reads), so the next"
                + " sync reads fully and re-sends everything.",
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
                DirectoryCacheFile.of(settings).delete();
            }
            System.err.println("The sync cache has been cleared.");
        }
        return 0;
    }
}
