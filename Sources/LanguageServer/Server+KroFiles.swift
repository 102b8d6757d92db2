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
    func instanceRGDs(except uri: String) -> [RGDAnalysis] { openRGDs.others(than: uri).rgds }

    /// The GVK keys of the kinds `uri`'s RGDs define (as instance kinds or generated CRDs).
    func definedKindKeys(of uri: String) -> Set<String> {
        Set((instanceKinds.byURI[uri] ?? []).map(\.bundleKey)).union(openRGDs.definedKeys(of: uri))
    }
}

extension Server {
    /// The admission findings of the instance documents of `snapshot` against the open
    /// RGDs (`rgds`) and its own: published with the snapshot's diagnostics, not part of
    /// it, so quick fixes ask for them again (instance files are small). nil work for a
    /// file of RGDs only.
    static func instanceFindings(_ snapshot: DocumentSnapshot, openRGDs: @autoclosure () -> [RGDAnalysis]) -> [Diagnostic] {
        guard snapshot.yaml.documents.count > snapshot.rgds.count else { return [] }
        return Preview.instanceDiagnostics(snapshot.yaml, rgds: openRGDs() + snapshot.rgds.map(\.analysis),
                                           limits: Configuration.analysisLimits)
    }
}
