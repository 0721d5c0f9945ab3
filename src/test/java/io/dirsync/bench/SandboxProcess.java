package io.dirsync.bench;

import io.dirsync.sandbox.Answer;
import io.dirsync.sandbox.BitwardenSandbox;
import io.dirsync.sandbox.ReceivedRequest;
import io.dirsync.sandbox.SandboxHook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Bitwarden sandbox (cloud mode) in a JVM of its own, so that a dirsync run's heap and RSS are dirsync's alone.
 * The child prints the {@code bitwarden.*} settings, then one line for each request it answers; a line {@code count}
 * on its stdin is answered with the organization's size after every request before it, so {@link #traffic()} is
 * exact once a dirsync run has ended. EOF on its stdin stops it.
 */
final class SandboxProcess implements AutoCloseable {

    /** What the sandbox was sent so far: imports and their body bytes, and every other request (token, reads). */
    record Traffic(int imports, long importBytes, int otherRequests, int members, int groups) {

        Traffic since(Traffic before) {
            return new Traffic(imports - before.imports, importBytes - before.importBytes,
                    otherRequests - before.otherRequests, members, groups);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Map<String, String> settings = new HashMap<>();
    private int imports;
    private long importBytes;
    private int otherRequests;

    private SandboxProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            String[] setting = readLine().split("=", 2);
            settings.put(setting[0], setting[1]);
        }
    }

    /** Starts the child JVM on this JVM's class path, its stderr in {@code log}. */
    static SandboxProcess start(Path log) throws IOException, InterruptedException {
        return new SandboxProcess(new ProcessBuilder(Timed.java(), "-cp", System.getProperty("java.class.path"),
                SandboxProcess.class.getName())
                .redirectError(log.toFile())
                .start());
    }

    /** The {@code bitwarden.url}, {@code bitwarden.client-id} and {@code bitwarden.client-secret} settings. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    Traffic traffic() throws IOException, InterruptedException {
        in.write("count\n");
        in.flush();
        while (true) {
            String[] fields = readLine().split(" ");
            switch (fields[0]) {
                case "IMPORT" -> {
                    imports++;
                    importBytes += Long.parseLong(fields[1]);
                }
                case "organization" -> {
                    return new Traffic(imports, importBytes, otherRequests, Integer.parseInt(fields[1]),
                            Integer.parseInt(fields[2]));
                }
                default -> otherRequests++;
            }
        }
    }

    private String readLine() throws IOException, InterruptedException {
        String line = out.readLine();
        if (line == null) {
            boolean ended = process.waitFor(5, TimeUnit.SECONDS);
            throw new IOException("the sandbox's JVM " + (ended ? "ended (exit " + process.exitValue() + ")" : "closed its stdout")
                    + "; its log is in the work folder's sandbox.log");
        }
        return line;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The child: the sandbox until EOF on stdin. */
    public static void main(String[] args) throws IOException {
        PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        SandboxHook report = new SandboxHook() {
            @Override
            public void answered(ReceivedRequest request, Answer answer) {
                // before the answer is sent: by the time the client has it, the line is in the pipe
                synchronized (stdout) {
                    stdout.println(request.endpoint() + " " + request.body().getBytes(StandardCharsets.UTF_8).length);
                    stdout.flush();
                }
            }
        };
        try (BitwardenSandbox sandbox = BitwardenSandbox.builder().cloud(true).hook(report).start()) {
            synchronized (stdout) {
                stdout.println("bitwarden.url=" + sandbox.baseUrl());
                stdout.println("bitwarden.client-id=" + sandbox.clientId());
                stdout.println("bitwarden.client-secret=" + sandbox.clientSecret());
                stdout.flush();
            }
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                List<?> members = sandbox.members();
                List<?> groups = sandbox.groups();
                synchronized (stdout) {
                    stdout.println("organization " + members.size() + " " + groups.size());
                    stdout.flush();
                }
            }
        }
    }
}
