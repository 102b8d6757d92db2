import JSON
import KroEngine

/// The RGDs one open document defines, and the CRDs they generate (compared to tell
/// whether instance files need checking again), after each RGD chaining round.
struct InstanceRGDs: Sendable {
    /// After each round (`RGDChaining.analyzeByRound`), ending at the first round the later
    /// ones equal: the other documents see round `r` at their round `r + 1`.
    var rounds: [[RGDAnalysis]]
    var roundCRDs: [[CRDFingerprint]]
    /// The document's path (its URI when not a file), as other documents' messages name it:
    /// read from the URI once, not by every other document's analysis.
    var location = ""

    init(_ analyses: [RGDAnalysis]) { self.init(rounds: [analyses]) }

    init(rounds all: [[RGDAnalysis]]) {
        var rounds = all.isEmpty ? [[]] : all
        var roundCRDs = rounds.map { $0.compactMap { $0.generatedCRD.map { CRDFingerprint($0.result.crd) } } }
        // Only the trailing rounds that repeat go: round r stays at index r.
        while roundCRDs.count > 1, roundCRDs[roundCRDs.count - 2] == roundCRDs[roundCRDs.count - 1] {
            roundCRDs.removeLast()
            rounds.remove(at: rounds.count - 2)
        }
        self.rounds = rounds; self.roundCRDs = roundCRDs
    }

    /// After the last round: what the document's diagnostics come from.
    var analyses: [RGDAnalysis] { rounds[rounds.count - 1] }
}

extension Server.State {
    /// Every open RGD except those of `uri`.
    func instanceRGDs(except uri: String) -> [RGDAnalysis] {
        instanceRGDsByURI.filter { $0.key != uri }.values.flatMap(\.analyses)
    }

    /// Every open RGD except those of `uri`, with where it is, by RGD chaining round:
    /// round 0 sees none, round `r` the others after their round `r - 1` (as one `--check`
    /// run over the open documents), so a chain stops at `RGDChaining.maxRounds` here too.
    func chainingSiblings(except uri: String) -> [[RGDChaining.Sibling]] {
        let others = instanceRGDsByURI.filter { $0.key != uri }.sorted { $0.key < $1.key }
        let recorded = min(others.map(\.value.rounds.count).max() ?? 0, RGDChaining.maxRounds)
        let locations = others.map(\.value.location)
        return [[]] + (0..<recorded).map { round in
            others.indices.flatMap { k in
                let rounds = others[k].value.rounds
                return rounds[min(round, rounds.count - 1)].map { (rgd: $0, location: locations[k]) }
            }
        }
    }

    /// The GVK keys of the kinds `uri`'s RGDs define (as instance kinds or generated CRDs).
    func definedKindKeys(of uri: String) -> Set<String> {
        var keys = Set((instanceKindsByURI[uri] ?? []).map(\.bundleKey))
        for round in instanceRGDsByURI[uri]?.rounds ?? [] {
            for rgd in round { if let key = ChainedKinds.instanceKey(of: rgd) { keys.insert(key) } }
        }
        return keys
    }

    /// Records the RGDs of `uri`; true when the CRDs they generate, at any round, changed.
    mutating func recordInstanceRGDs(_ rgds: InstanceRGDs, of uri: String) -> Bool {
        let before = (instanceRGDsByURI[uri] ?? InstanceRGDs([])).roundCRDs
        var rgds = rgds
        rgds.location = filePath(fromURI: uri) ?? uri
        instanceRGDsByURI[uri] = rgds.analyses.isEmpty ? nil : rgds
        return before != rgds.roundCRDs
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
