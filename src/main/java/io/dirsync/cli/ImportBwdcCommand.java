package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.config.AtomicFile;
import io.dirsync.migrate.BwdcConversion;
import io.dirsync.migrate.BwdcImport;
import io.dirsync.migrate.EnvironmentFile;
import io.dirsync.migrate.SecretVariable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-bwdc", mixinStandardHelpOptions = true,
        description = {"Write the instance's application.properties from a bwdc data.json (state version 8): the active"
                + " directory's settings, the sync settings, the server URLs and the organization's API key id.",
                "Secrets are written as {{env:NAME}} references, never in clear; the names to set are listed on stderr,"
                        + " with every bwdc setting that is not carried over. Prints the path of the written file."})
final class ImportBwdcCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "bwdc's data.json, e.g. ~/.config/Bitwarden Directory Connector/data.json.")
    Path dataFile;

    @Option(names = "--force", description = "Replace an existing application.properties (and --env-file).")
    boolean force;

    @Option(names = "--env-file", paramLabel = "PATH",
            description = "Also write the secrets bwdc kept in data.json to PATH (mode 600), for systemd's EnvironmentFile=.")
    Path envFile;

    @Override
    public Integer call() {
        BwdcConversion conversion = BwdcImport.read(dataFile);
        Path file = options.instance().propertiesFile();
        refuseToReplace(file);
        if (envFile != null) {
            refuseToReplace(envFile);
        }
        List<String> lines = new ArrayList<>(List.of(
                "# Written by 'dirsync import-bwdc' from " + dataFile.toAbsolutePath().normalize() + " (bwdc "
                        + conversion.bwdcVersion() + ", " + conversion.directory().label() + ").",
                "#"));
        List<String> settings = ConfigCommand.template();
        for (var setting : conversion.properties().entrySet()) {
            settings = ConfigCommand.withSetting(settings, setting.getKey(), setting.getValue());
        }
        lines.addAll(settings);
        write(file, String.join("\n", lines) + "\n");
        if (envFile != null) {
            write(envFile.toAbsolutePath(), EnvironmentFile.render(conversion.secrets()));
        }
        report(conversion, file);
        System.out.println(file);
        return 0;
    }

    private void refuseToReplace(Path target) {
        if (!force && Files.exists(target)) {
            throw new ConfigurationException(target.toAbsolutePath() + " already exists: pass --force to replace it,"
                    + " or --config DIR for another instance folder.");
        }
    }

    /** Written whole or not at all, readable by its owner only (AtomicFile's temporary file is). */
    private static void write(Path target, String text) {
        try {
            AtomicFile.createFolder(target.getParent());
            AtomicFile.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + target + ": " + e.getMessage() + ".");
        }
    }

    private void report(BwdcConversion conversion, Path file) {
        System.err.println("Converted bwdc's " + conversion.directory().label() + " settings into " + file + ".");
        List<String> variables = conversion.secrets().stream().map(SecretVariable::variable).toList();
        System.err.println("Set these environment variables for dirsync (the file refers to them): "
                + String.join(", ", variables) + ".");
        List<String> elsewhere = conversion.secrets().stream().filter(secret -> secret.value().isEmpty())
                .map(SecretVariable::variable).toList();
        if (!elsewhere.isEmpty()) {
            System.err.println("Not in data.json (bwdc kept them in the system's keychain), so take them from where you"
                    + " keep them: " + String.join(", ", elsewhere) + ".");
        }
        boolean anyValue = elsewhere.size() < variables.size();
        if (envFile != null) {
            System.err.println("Wrote " + envFile.toAbsolutePath() + " (mode 600) with the secrets bwdc kept in"
                    + " data.json, for systemd's EnvironmentFile=.");
        } else if (anyValue) {
            System.err.println("--env-file PATH writes the secrets bwdc kept in data.json to a file for systemd's"
                    + " EnvironmentFile=.");
        }
        conversion.notes().forEach(System.err::println);
    }
}
