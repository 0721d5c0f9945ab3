package io.dirsync.cli;

import io.dirsync.cluster.ClusterServices;
import io.dirsync.cluster.ClusterSettings;
import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import io.dirsync.observe.ManagementServer;
import io.dirsync.schedule.Schedule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Sync on a schedule until stopped: sync.cron (Quartz cron), else every sync.interval minutes.",
                "Runs never overlap; a failed run is logged and tried again at the next tick. SIGTERM stops within"
                        + " seconds, a push waiting to retry included, and never leaves a half-written state: what a"
                        + " stopped push was sending is recorded, and the next run finishes it."})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    InstanceOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Instance instance = options.instance();
        Path properties = instance.checkedPropertiesFile();
        Map<String, String> settings = new HashMap<>(instance.settings());
        // the schedule needs the instance's settings, which only the runtime resolves: a first runtime checks them
        Schedule schedule;
        Path stateFolder;
        Optional<ManagementServer> management;
        ClusterSettings cluster;
        try (DirsyncRuntime probe = DirsyncRuntime.start(DirsyncRuntime.Flow.READ, properties, options.routesDir(), settings)) {
            Settings resolved = Settings.of(probe.context());
            schedule = Schedule.from(resolved);
            cluster = ClusterSettings.from(resolved);
            stateFolder = StateFolder.of(resolved);
            management = ManagementServer.from(resolved);
            settings.putAll(management.map(server -> server.camelProperties(resolved)).orElse(ManagementServer.off()));
        }
        settings.put(Schedule.URI_PROPERTY, schedule.quartzUri());
        management.ifPresent(ManagementServer::requireFree);
        DirsyncRuntime runtime = DirsyncRuntime.startScheduled(properties, options.routesDir(), settings,
                ClusterServices.of(cluster, nodeId(), stateFolder.resolve("leader")));
        management.ifPresent(server -> LOG.info("Serving {}/observe/health and {}/observe/metrics", server.address(),
                server.address()));
        LOG.info("Syncing {} while this process leads the instance's schedulers (cluster.type={}); stop with Ctrl-C"
                + " or SIGTERM.", schedule.description(), cluster.type().name().toLowerCase(Locale.ROOT));
        SignalStop.untilSignalled(runtime::close);
        return 0;
    }

    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
