/// The Kubernetes CEL libraries kro enables (apiserver v0.36.3, cel.md §4): lists, URLs,
/// regex, quantity, IP, CIDR and semver.
public struct KubernetesLibraries: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        for lib: any RuntimeLibrary in [
            KubernetesListsLibrary(), KubernetesURLLibrary(), KubernetesRegexLibrary(),
            KubernetesQuantityLibrary(), KubernetesNetLibrary(), KubernetesSemverLibrary(),
        ] {
            t.add(lib)
        }
    }
}
