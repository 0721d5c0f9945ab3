package io.dirsync.cli;

import io.dirsync.DirsyncException;
import io.dirsync.RepeatedWarnings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

@Command(name = "dirsync", mixinStandardHelpOptions = true, versionProvider = DirsyncCommand.Version.class,
        description = "Keeps a Bitwarden organization in step with a company directory.",
        footer = {"", "Exit codes: 0 success, 1 the run failed (source, network, server), 2 usage or configuration error,"
                + " 3 a guard held removals back or refused the run."})
public final class DirsyncCommand implements Runnable {

    /** Every command, in the order {@code dirsync --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TestCommand.class, SyncCommand.class, RunCommand.class,
            DemoCommand.class, LastSyncCommand.class, ClearCacheCommand.class, ConfigCommand.class,
            DataFileCommand.class, ImportBwdcCommand.class, SandboxCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --config}, {@code --routes} and {@code -v} given before the command's name. */
    @CommandLine.Mixin
    InstanceOptions options;

    public static void main(String[] args) {
        int exitCode = execute(args);
        SignalStop.commandFinished();
        System.exit(exitCode);
    }

    /** Runs one command line and returns its exit code; failures are printed as one line on stderr. */
    public static int execute(String... args) {
        RepeatedWarnings.forget();
        CommandLine commandLine = commandLine(args);
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> {
            if (failure instanceof DirsyncException dirsync) {
                System.err.println("dirsync: " + dirsync.getMessage());
                if (isVerbose(parseResult)) {
                    printCauses(dirsync.getCause());
                }
                return dirsync.exitCode();
            }
            String what = String.valueOf(failure);
            System.err.println("dirsync: unexpected error: " + (what.length() > 300 ? what.substring(0, 300) + "…" : what)
                    + " (run again with --verbose for details, and please report it)");
            if (isVerbose(parseResult)) {
                printCauses(failure.getCause());
                StackTraceElement[] where = failure.getStackTrace();
                System.err.println("  at " + (where.length > 0 ? where[0] : "(no stack trace)"));
            }
            return 1;
        });
        commandLine.setExecutionStrategy(parseResult -> {
            // here, not in the option's setter: picocli may parse a line twice (see commandLine)
            if (isVerbose(parseResult)) {
                LoggerFactory.getLogger(DirsyncCommand.class).info("{}", Version.describe());
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine.execute(args);
    }

    /**
     * The command line that {@code args} run. picocli models every command it is given, which takes a tenth of a
     * second for all of them: a line that names one command gets that one, unless help or the version is asked of
     * dirsync itself, or the arguments do not parse that way (an option's value that happens to be a command's name);
     * anything else (no command, a misspelt one) gets all of them, so the help and the suggestions list them all.
     */
    static CommandLine commandLine(String... args) {
        Optional<Class<?>> named = namedCommand(args);
        if (named.isPresent()) {
            CommandLine one = new CommandLine(new DirsyncCommand()).addSubcommand(named.get());
            try {
                one.parseArgs(args);
                return one;
            } catch (CommandLine.ParameterException e) {
                // parsed again below with every command, which tells what is wrong
            }
        }
        CommandLine all = new CommandLine(new DirsyncCommand());
        COMMANDS.forEach(all::addSubcommand);
        return all;
    }

    /** The command the first argument naming one names, unless help or the version is asked for before it. */
    private static Optional<Class<?>> namedCommand(String... args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return Optional.empty();
            }
            for (Class<?> command : COMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (annotation.name().equals(arg) || Arrays.asList(annotation.aliases()).contains(arg)) {
                    return Optional.of(command);
                }
            }
        }
        return Optional.empty();
    }

    /** With -v, what lies under a failure: one line per cause, not Camel's frames. */
    private static void printCauses(Throwable cause) {
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            System.err.println("  caused by " + t.getClass().getName() + (t.getMessage() == null ? "" : ": "
                    + t.getMessage().replaceAll("\\s+", " ")));
        }
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'dirsync demo' or 'dirsync test'.");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {describe()};
        }

        /** {@code dirsync 1.2.3 (Apache Camel 4.18.0, Java 17.0.9)}. */
        static String describe() {
            Properties build = new Properties();
            try (InputStream in = DirsyncCommand.class.getResourceAsStream("/dirsync/build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (IOException e) {
                // a jar without its build facts says "unknown"
            }
            return "dirsync " + build.getProperty("version", "unknown") + " (Apache Camel "
                    + build.getProperty("camel.version", "unknown") + ", Java " + System.getProperty("java.version") + ")";
        }
    }
}
