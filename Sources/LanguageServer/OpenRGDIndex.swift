import KroEngine

/// The RGDs of the open documents, and which documents define and read each kind, kept as
/// documents are published and closed. An analysis finds the few RGDs that define a kind
/// it reads, and a publish the documents that read a kind it changed, without a pass over
/// every open document: with 2,000 RGDs open, those passes were four fifths of the time to
/// open them all, and every edit paid one.
struct OpenRGDIndex: Sendable {
    /// Each document's RGDs, by chaining round.
    private(set) var rgdsByURI: [String: InstanceRGDs] = [:]
    /// The documents whose RGDs generate each kind (GVK key), at any round.
    private var definers: [String: Set<String>] = [:]
    /// How many documents recorded each number of rounds: the most is what a chaining
    /// run reads, kept without a pass over them.
    private var roundCounts: [Int: Int] = [:]
    /// The documents whose RGDs read each kind (GVK key), and each one's keys.
    private var readers: [String: Set<String>] = [:]
    private var readKeys: [String: Set<String>] = [:]
    /// Documents holding YAML besides RGDs (instance files): detection and admission read
    /// every open RGD, so any change may concern them.
    private(set) var withOtherYAML: Set<String> = []

    /// Records the RGDs of `uri` (none: forgets them); true when the CRDs they generate,
    /// at any round, changed.
    mutating func record(_ rgds: InstanceRGDs, of uri: String) -> Bool {
        let old = rgdsByURI[uri]
        if let old {
            for key in Self.definedKeys(old) { definers[key]?.remove(uri); if definers[key]?.isEmpty == true { definers[key] = nil } }
            roundCounts[old.rounds.count, default: 1] -= 1
            if roundCounts[old.rounds.count] == 0 { roundCounts[old.rounds.count] = nil }
        }
        var rgds = rgds
        rgds.location = filePath(fromURI: uri) ?? uri
        let kept = rgds.analyses.isEmpty ? nil : rgds
        rgdsByURI[uri] = kept
        if let kept {
            for key in Self.definedKeys(kept) { definers[key, default: []].insert(uri) }
            roundCounts[kept.rounds.count, default: 0] += 1
        }
        return (old ?? InstanceRGDs([])).roundCRDs != rgds.roundCRDs
    }

    /// Records what the latest analysis of `uri` reads (nil: the document is closed).
    mutating func recordReads(_ snapshot: DocumentSnapshot?, of uri: String) {
        for key in readKeys.removeValue(forKey: uri) ?? [] {
            readers[key]?.remove(uri)
            if readers[key]?.isEmpty == true { readers[key] = nil }
        }
        withOtherYAML.remove(uri)
        guard let snapshot else { return }
        let keys = ChainedKinds.referencedKeys(of: snapshot.rgds.map(\.analysis))
        if !keys.isEmpty { readKeys[uri] = keys }
        for key in keys { readers[key, default: []].insert(uri) }
        if snapshot.yaml.documents.count > snapshot.rgds.count { withOtherYAML.insert(uri) }
    }

    /// The documents whose RGDs read one of `keys`.
    func readers(of keys: Set<String>) -> Set<String> {
        keys.reduce(into: []) { $0.formUnion(readers[$1] ?? []) }
    }

    /// The GVK keys the RGDs of `uri` generate, at any round.
    func definedKeys(of uri: String) -> Set<String> { rgdsByURI[uri].map(Self.definedKeys) ?? [] }

    private static func definedKeys(_ rgds: InstanceRGDs) -> Set<String> {
        var keys = Set<String>()
        for round in rgds.rounds { for rgd in round { if let key = ChainedKinds.instanceKey(of: rgd) { keys.insert(key) } } }
        return keys
    }

    /// The RGDs of every open document but `uri`, as an analysis of `uri` reads them. A
    /// value: taken under the lock in constant time (the dictionaries are shared until
    /// changed), read after it.
    func others(than uri: String) -> OpenSiblings {
        // The most rounds another document recorded (a handful of distinct counts).
        let own = rgdsByURI[uri]?.rounds.count
        let most = roundCounts.filter { $0.key != own || $0.value > 1 }.keys.max() ?? 0
        return OpenSiblings(uri: uri, rgdsByURI: rgdsByURI, definers: definers,
                            recordedRounds: min(most, RGDChaining.maxRounds))
    }
}

/// The other open documents' RGDs, seen from one document.
struct OpenSiblings: Sendable {
    let uri: String
    fileprivate let rgdsByURI: [String: InstanceRGDs]
    fileprivate let definers: [String: Set<String>]
    fileprivate let recordedRounds: Int

    /// Every other open RGD (instance documents are admitted against them all).
    var rgds: [RGDAnalysis] { rgdsByURI.filter { $0.key != uri }.values.flatMap(\.analyses) }

    /// As RGD chaining rounds read them: round 0 sees none, round `r` the others after their
    /// round `r - 1` (as one `--check` run over the open documents), so a chain stops at
    /// `RGDChaining.maxRounds` here too. Documents in the order of their URIs.
    var chaining: RGDChaining.Siblings {
        let (uri, rgdsByURI, definers) = (uri, rgdsByURI, definers)
        return RGDChaining.Siblings(rounds: recordedRounds + 1) { round, keys in
            guard round > 0 else { return [] }
            let uris: [String]
            if let keys {
                uris = keys.reduce(into: Set<String>()) { $0.formUnion(definers[$1] ?? []) }.filter { $0 != uri }.sorted()
            } else {
                uris = rgdsByURI.keys.filter { $0 != uri }.sorted()
            }
            return uris.flatMap { other -> [RGDChaining.Sibling] in
                guard let document = rgdsByURI[other] else { return [] }
                let rgds = document.rounds[min(round - 1, document.rounds.count - 1)]
                return rgds.compactMap { rgd in
                    if let keys, !(ChainedKinds.instanceKey(of: rgd).map(keys.contains) ?? false) { return nil }
                    return (rgd: rgd, location: document.location)
                }
            }
        }
    }
}
