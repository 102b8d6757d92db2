import CEL

/// Which API groups only Kubernetes itself can serve, so that a kind or version missing
/// from the bundled schemas is a certain error rather than "install its CRD" (rgd.md §7.3).
///
/// A CustomResourceDefinition's group must contain a dot, so no CRD serves the core group,
/// `apps`, `batch` or any other dotless group. The `*.k8s.io` groups the bundle carries
/// are Kubernetes' own (a CRD there needs an API-approval annotation nobody outside
/// Kubernetes gets); in those groups only a kind or version Kubernetes never served is
/// flagged — feature-gated alpha/beta versions a cluster may enable stay silent.
struct BuiltinAPIs {
    let store: SchemaStore

    /// Kinds and versions of Kubernetes 1.34 that exist but are not in the bundle (rare
    /// subresource-like kinds, feature-gated alpha/beta versions): never flagged.
    static let servedButNotBundled: Set<String> = [
        "v1/Binding",
        "admissionregistration.k8s.io/v1alpha1/MutatingAdmissionPolicy",
        "admissionregistration.k8s.io/v1alpha1/MutatingAdmissionPolicyBinding",
        "admissionregistration.k8s.io/v1beta1/MutatingAdmissionPolicy",
        "admissionregistration.k8s.io/v1beta1/MutatingAdmissionPolicyBinding",
        "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy",
        "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding",
        "certificates.k8s.io/v1alpha1/ClusterTrustBundle",
        "certificates.k8s.io/v1beta1/ClusterTrustBundle",
        "certificates.k8s.io/v1alpha1/PodCertificateRequest",
        "coordination.k8s.io/v1alpha2/LeaseCandidate",
        "coordination.k8s.io/v1beta1/LeaseCandidate",
        "networking.k8s.io/v1beta1/IPAddress",
        "networking.k8s.io/v1beta1/ServiceCIDR",
        "storage.k8s.io/v1alpha1/VolumeAttributesClass",
        "storage.k8s.io/v1beta1/VolumeAttributesClass",
        "storagemigration.k8s.io/v1alpha1/StorageVersionMigration",
    ]

    /// Why `gvk` (absent from the store) can never be served, with the bundle's nearest
    /// kind when one is close; nil when a CRD or a feature gate could still serve it.
    func unservable(_ gvk: GroupVersionKind) -> (reason: String, suggestion: GroupVersionKind?)? {
        guard !Self.servedButNotBundled.contains(gvk.bundleKey) else { return nil }
        let dotless = !gvk.group.contains(".")
        guard dotless || gvk.group.hasSuffix(".k8s.io") else { return nil }  // a CRD may serve it
        let known = store.builtinKinds
        let groupKnown = known.contains { $0.group == gvk.group }
        guard dotless || groupKnown else { return nil }
        let suggestion = nearest(to: gvk, in: known)
        let version = store.kubernetesVersion.map { "Kubernetes \($0)" } ?? "Kubernetes"
        let groupName = gvk.group.isEmpty ? "the core group" : "group \"\(gvk.group)\""
        if !dotless {
            // A k8s.io group the bundle covers: the kind, or this version of it, is not served.
            return ("\(version) serves no kind \"\(gvk.kind)\" in \(gvk.apiVersion)", suggestion)
        }
        if !groupKnown && !gvk.group.isEmpty {
            return ("\(groupName) has no dot, so no CustomResourceDefinition can serve it, and \(version) has no such group", suggestion)
        }
        return ("\(groupName) is built into Kubernetes (no CustomResourceDefinition can serve it) and \(version) serves no kind \"\(gvk.kind)\" in \(gvk.apiVersion)", suggestion)
    }

    /// The bundle's kind the author most likely meant: the same kind at another version,
    /// else the closest kind name (case-insensitive), preferring the author's group.
    private func nearest(to gvk: GroupVersionKind, in known: [GroupVersionKind]) -> GroupVersionKind? {
        let sameName = known.filter { $0.kind.lowercased() == gvk.kind.lowercased() }
        if let match = sameName.first(where: { $0.group == gvk.group }) ?? sameName.last { return match }
        let inGroup = known.filter { $0.group == gvk.group }
        for pool in [inGroup, known] where !pool.isEmpty {
            let maxDistance = max(1, gvk.kind.count / 3)
            if let name = DidYouMean.closest(to: gvk.kind, among: pool.lazy.map(\.kind), maxDistance: maxDistance, ignoringCase: true) {
                let matches = pool.filter { $0.kind == name }
                return matches.first { $0.version == gvk.version } ?? matches.last
            }
        }
        return nil
    }
}
