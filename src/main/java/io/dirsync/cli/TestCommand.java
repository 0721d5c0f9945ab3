package io.dirsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Read the directory and print what would be synced, as bwdc's JSON. Pushes nothing.",
                "stdout carries only the JSON, so 'dirsync test | jq' works."})
final class TestCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() {
        Instance instance = options.instance();
        try (DirsyncRuntime runtime = DirsyncRuntime.start(instance.requirePropertiesFile(), options.routesDir, instance.settings())) {
            System.out.println(runtime.request("direct:test", String.class));
        }
        return 0;
    }
}
