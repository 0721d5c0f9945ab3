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
        try (DirsyncRuntime runtime = options.startRuntime(DirsyncRuntime.Flow.READ)) {
            printJson(runtime.request("direct:test", byte[].class));
        }
        return 0;
    }

    /** The report as the route rendered it: its bytes go out as they are, not through a String and back. */
    static void printJson(byte[] json) {
        System.out.write(json, 0, json.length);
        System.out.println();
        System.out.flush();
    }
}
