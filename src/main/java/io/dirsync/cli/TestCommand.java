package io.dirsync.cli;

import io.dirsync.sync.TestReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Read the directory and print what would be synced, as bwdc's JSON. Pushes nothing.",
                "stdout carries only the JSON, so 'dirsync test | jq' works."})
final class TestCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Option(names = "--pretty", description = "Indent the JSON with two spaces, one value per line, as 'bwdc test --pretty'"
            + " does (default: compact, as 'bwdc test').")
    boolean pretty;

    @Override
    public Integer call() throws IOException {
        try (DirsyncRuntime runtime = options.startRuntime(DirsyncRuntime.Flow.READ)) {
            print(runtime, pretty);
        }
        return 0;
    }

    /**
     * The test route's answer on stdout: the report as JSON, written as it is rendered (a million users are never held as
     * text too), or, where an edited route renders it itself (a {@code marshal} step), those bytes as they are.
     */
    static void print(DirsyncRuntime runtime, boolean pretty) throws IOException {
        Object answer = runtime.request("direct:test", Object.class);
        // System.out passes each 8 KB that Jackson writes to a write(2) of its own: a million users' report is 250 MB
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        if (answer instanceof TestReport report) {
            report.writeJson(out, pretty);
        } else {
            out.write(runtime.context().getTypeConverter().convertTo(byte[].class, answer));
        }
        out.write(System.lineSeparator().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
