package io.dirsync.cluster;

import java.nio.file.Path;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;

/** The cluster service the schedule's {@code master:} endpoints elect their leader with, as {@code cluster.type} says. */
public final class ClusterServices {

    private ClusterServices() {
    }

    /**
     * @param nodeId this process among the instance's schedulers (the file lock's holder)
     * @param folder where the schedulers of a file lock meet: a folder of the state folder they share
     */
    public static CamelClusterService of(ClusterSettings settings, String nodeId, Path folder) {
        if (settings.type() == ClusterSettings.Type.KUBERNETES) {
            // a class of its own: fabric8's classes load only when a Lease is asked for
            return KubernetesLease.clusterService(settings);
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setId(nodeId);
        service.setRoot(folder.toString());
        service.setAcquireLockDelay(1);
        service.setAcquireLockInterval(2);
        return service;
    }
}
