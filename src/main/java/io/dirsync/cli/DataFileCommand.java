package io.dirsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "data-file", mixinStandardHelpOptions = true,
        description = "Print the absolute path of the instance's application.properties.")
final class DataFileCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() {
        System.out.println(options.instance().propertiesFile());
        return 0;
    }
}
