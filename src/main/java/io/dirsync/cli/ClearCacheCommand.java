package io.dirsync.cli;

import io.dirsync.config.Settings;
import io.dirsync.sync.StateStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "clear-cache", mixinStandardHelpOptions = true,
        description = {"Forget what dirsync last pushed, so the next sync re-sends everything.",
                "Nothing is removed from Bitwarden: without the applied state, the next sync computes no removals."})
final class ClearCacheCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() {
        Instance instance = options.instance();
        try (DirsyncRuntime runtime = DirsyncRuntime.start(instance.requirePropertiesFile(), options.routesDir,
                instance.settings())) {
            StateStore store = StateStore.of(Settings.of(runtime.context()));
            try (StateStore.Lock lock = store.lock()) {
                store.clear();
            }
            System.err.println("The sync cache has been cleared.");
        }
        return 0;
    }
}
