/// Whether objects of a kind live in a namespace (rgd.md §7.4).
public enum ResourceScope: String, Sendable, Hashable {
    case namespaced = "Namespaced"
    case cluster = "Cluster"

    /// The cluster-scoped kinds among the built-in Kubernetes kinds the bundle carries
    /// (the bundle has no REST mappings, so scope is recorded here, keyed `group/Kind`;
    /// the core group is empty).
    static let clusterScopedBuiltins: Set<String> = [
        "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
        "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
        "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
        "storage.k8s.io/VolumeAttachment", "storage.k8s.io/VolumeAttributesClass",
        "scheduling.k8s.io/PriorityClass", "node.k8s.io/RuntimeClass",
        "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
        "apiextensions.k8s.io/CustomResourceDefinition",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
        "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
        "certificates.k8s.io/CertificateSigningRequest",
    ]

    static func ofBuiltin(group: String, kind: String) -> ResourceScope {
        clusterScopedBuiltins.contains("\(group)/\(kind)") ? .cluster : .namespaced
    }
}
