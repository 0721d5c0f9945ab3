package io.dirsync.cli;

import io.dirsync.demo.DemoDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the built-in sample directory (an embedded LDAP server with a few dozen people and"
                + " nested groups) and show what dirsync reads from it. Needs no setup and no configuration."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() {
        try (DemoDirectory directory = DemoDirectory.start();
             DirsyncRuntime runtime = DirsyncRuntime.start(null, options.routesDir, directory.settings())) {
            System.err.println("Sample directory running at " + directory.settings().get("ldap.url")
                    + "; what 'dirsync test' prints for it:");
            System.out.println(runtime.request("direct:test", String.class));
        }
        return 0;
    }
}
