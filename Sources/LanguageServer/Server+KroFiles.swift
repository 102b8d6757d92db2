import JSON
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

/// The RGDs one open document defines, and the CRDs they generate (compared to tell
/// whether instance files need checking again).
struct InstanceRGDs: Sendable {
    var analyses: [RGDAnalysis]
    var crds: [JSONValue]

    init(_ analyses: [RGDAnalysis]) {
        self.analyses = analyses
        crds = analyses.compactMap { $0.generatedCRD?.result.crd }
    }
}

extension Server.State {
    /// Every open RGD except those of `uri`.
    func instanceRGDs(except uri: String) -> [RGDAnalysis] {
        instanceRGDsByURI.filter { $0.key != uri }.values.flatMap(\.analyses)
    }

    /// Every open RGD except those of `uri`, with where it is (RGD chaining's siblings).
    func chainingSiblings(except uri: String) -> [(rgd: RGDAnalysis, location: String)] {
        instanceRGDsByURI.filter { $0.key != uri }.sorted { $0.key < $1.key }.flatMap { key, value in
            value.analyses.map { (rgd: $0, location: filePath(fromURI: key) ?? key) }
        }
    }

    /// Records the RGDs of `uri`; true when the CRDs they generate changed.
    mutating func recordInstanceRGDs(_ rgds: InstanceRGDs, of uri: String) -> Bool {
        let before = instanceRGDsByURI[uri]?.crds ?? []
        instanceRGDsByURI[uri] = rgds.analyses.isEmpty ? nil : rgds
        return before != rgds.crds
    }
}

extension Server {
    /// The admission findings of the instance documents of `snapshot` against the open
    /// RGDs (`rgds`) and its own: published with the snapshot's diagnostics, not part of
    /// it, so quick fixes ask for them again (instance files are small). nil work for a
    /// file of RGDs only.
    static func instanceFindings(_ snapshot: DocumentSnapshot, openRGDs: [RGDAnalysis]) -> [Diagnostic] {
        guard snapshot.yaml.documents.count > snapshot.rgds.count else { return [] }
        return Preview.instanceDiagnostics(snapshot.yaml, rgds: openRGDs + snapshot.rgds.map(\.analysis))
    }
}
