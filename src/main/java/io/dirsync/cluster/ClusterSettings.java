package io.dirsync.cluster;

import io.dirsync.config.Key;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.util.List;
import java.util.Optional;

/**
 * How the {@code dirsync run} processes of one instance elect the one that syncs ({@code cluster.*}): a lock file in
 * the state folder they share, or a Kubernetes Lease.
 *
 * @param leaseName the Lease's name (Camel's KubernetesClusterService names it {@code <leaseName>-dirsync})
 * @param namespace where the Lease is; empty for the pod's own namespace
 */
public record ClusterSettings(Type type, String leaseName, Optional<String> namespace) {

    public enum Type {
        /** A lock file in the state folder: processes on one host, or on a file system with working locks. */
        FILE,
        /** A Lease of coordination.k8s.io, in the cluster the process runs in. */
        KUBERNETES
    }

    static final String DEFAULT_LEASE_NAME = "dirsync";

    public static ClusterSettings from(Settings settings) {
        return new ClusterSettings(settings.choice("cluster.type", Type.FILE),
                settings.string("cluster.lease-name", DEFAULT_LEASE_NAME), settings.optional("cluster.namespace"));
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of("cluster.type").checkedBy(ClusterSettings::from), Key.of("cluster.lease-name"),
                    Key.of("cluster.namespace"));
        }
    }
}
