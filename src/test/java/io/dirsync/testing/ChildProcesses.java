package io.dirsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Child processes of the real-server harnesses and the tests: tools run to completion, servers stopped, their logs read. */
public final class ChildProcesses {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private ChildProcesses() {
    }

    /**
     * Runs a tool to completion in {@code workDir} (created when missing), with no input and its
     * stdout and stderr together. Returns that output; a non-zero exit, a time-out or an interrupt
     * is an IOException that says {@code what} failed and carries the output.
     */
    static String run(List<String> command, Path workDir, Duration timeout, String what) throws IOException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile("dirsync-cmd-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> env = pb.environment();
            // samba-tool runs the system python3 (#!/usr/bin/python3); a developer's Python settings would break it
            env.remove("PYTHONPATH");
            env.remove("PYTHONHOME");
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted " + what, e);
            }
            String output = Files.readString(out);
            if (!done) {
                p.destroyForcibly();
                throw new IOException("timed out " + what + ": " + String.join(" ", command) + "\n" + output);
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed " + what + " (exit " + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Stops a server: SIGTERM, and when it is still running after 10 s, SIGKILL to it and to what it
     * forked; then waits up to 10 s more. An interrupt kills it at once and stays set. A dirsync stopped this way
     * cleans up as it does for an operator (a SIGKILL leaves Vert.x's cache folder in /tmp, for one).
     */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A server's log file for an error message: its text, or a note that it is missing or unreadable. */
    static String readLog(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no file)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
