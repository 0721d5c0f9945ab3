package io.dirsync.cluster;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Leader election through a Lease, with Camel's Kubernetes cluster service on the client's own configuration: in a
 * pod, its service account, namespace and name (HOSTNAME); elsewhere, the kubeconfig.
 */
final class KubernetesLease {

    private KubernetesLease() {
    }

    static CamelClusterService clusterService(ClusterSettings settings) {
        KubernetesClusterService service = new KubernetesClusterService();
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(settings.leaseName());
        settings.namespace().ifPresent(service::setKubernetesResourcesNamespace);
        return service;
    }
}
