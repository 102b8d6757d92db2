import KroEngine

/// Which open files are kro's besides RGDs: the instances of the RGDs open in the workspace.
extension Server.State {
    var knownInstanceKinds: Set<GroupVersionKind> {
        instanceKindsByURI.values.reduce(into: []) { $0.formUnion($1) }
    }

    /// Records the instance kinds `uri` defines; true when the known kinds changed.
    mutating func recordInstanceKinds(_ kinds: Set<GroupVersionKind>, of uri: String) -> Bool {
        let before = knownInstanceKinds
        instanceKindsByURI[uri] = kinds.isEmpty ? nil : kinds
        return knownInstanceKinds != before
    }
}
