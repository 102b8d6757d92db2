import KroEngine

/// The instance kinds each open RGD file defines, and how many files define each kind:
/// kept as files change, so that each analysis does not unite every open file's kinds
/// again (instance files are told from other YAML by these kinds).
struct OpenInstanceKinds: Sendable {
    private(set) var byURI: [String: Set<GroupVersionKind>] = [:]
    private var counts: [GroupVersionKind: Int] = [:]
    /// Every kind some open file defines.
    private(set) var known: Set<GroupVersionKind> = []

    /// Records the instance kinds `uri` defines (none: forgets it); true when the known
    /// kinds changed.
    mutating func record(_ kinds: Set<GroupVersionKind>, of uri: String) -> Bool {
        let old = byURI[uri] ?? []
        byURI[uri] = kinds.isEmpty ? nil : kinds
        var changed = false
        for kind in old.subtracting(kinds) {
            let count = (counts[kind] ?? 1) - 1
            counts[kind] = count > 0 ? count : nil
            if count <= 0 { known.remove(kind); changed = true }
        }
        for kind in kinds.subtracting(old) {
            counts[kind, default: 0] += 1
            if counts[kind] == 1 { known.insert(kind); changed = true }
        }
        return changed
    }
}
