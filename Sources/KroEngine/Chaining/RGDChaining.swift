import Dispatch

/// RGD chaining over several inputs (the files of a `--check` run, an open document and
/// its siblings): each input is analysed, then those whose RGDs name a kind another RGD
/// defines are analysed again with the CRDs of every RGD, until no input's view of them
/// changes. Each round sees only the previous round's CRDs, so the result does not
/// depend on the order of the inputs; RGDs that chain in a cycle stop after `maxRounds`.
/// The CLI and the server both go through here, so they stop at the same bound.
public enum RGDChaining {
    /// Rounds after the first. A chain A → B → C settles in one round per link whose
    /// status types flow upwards; deeper chains keep the types of the last round.
    public static let maxRounds = 6

    /// One sibling RGD: analysed elsewhere (another open document), with where it is.
    public typealias Sibling = (rgd: RGDAnalysis, location: String)

    /// The RGDs analysed elsewhere, by round: `lookup(r, keys)` are those round `r` sees
    /// that generate a kind of `keys` (nil: all of them), in a fixed order; from round
    /// `rounds - 1` on they no longer change. A lookup, not a list: the server finds the
    /// few open RGDs an analysis reads through an index, instead of handing every open
    /// RGD to every analysis (opening 2,000 RGDs spent four fifths of its time on that).
    public struct Siblings: Sendable {
        public var rounds: Int
        public var lookup: @Sendable (_ round: Int, _ keys: Set<String>?) -> [Sibling]

        public init(rounds: Int, lookup: @escaping @Sendable (_ round: Int, _ keys: Set<String>?) -> [Sibling]) {
            (self.rounds, self.lookup) = (rounds, lookup)
        }

        /// The same siblings at every round after `byRound`'s last entry.
        public init(byRound: [[Sibling]]) {
            self.init(rounds: byRound.count) { round, keys in
                guard !byRound.isEmpty else { return [] }
                let all = byRound[min(round, byRound.count - 1)]
                guard let keys else { return all }
                return all.filter { ChainedKinds.instanceKey(of: $0.rgd).map(keys.contains) ?? false }
            }
        }
    }

    /// `analyze(i, kinds)` analyses input `i` with `kinds` as `AnalysisOptions.chainedKinds`
    /// (nil: the input cannot be analysed); `rgds` reads the RGDs of a result;
    /// `location(i)` names input `i` in messages; `siblings` are RGDs analysed elsewhere
    /// with their locations, the same at every round.
    /// Inputs are analysed in parallel when `parallel`.
    public static func analyze<Result: Sendable>(
        count: Int, siblings: [Sibling] = [], parallel: Bool = false,
        location: (Int) -> String, rgds: @escaping @Sendable (Result) -> [RGDAnalysis],
        _ analyze: @escaping @Sendable (Int, ChainedKinds) -> Result?
    ) -> [Result?] {
        analyzeByRound(count: count, siblings: Siblings(byRound: [siblings]), parallel: parallel, location: location,
                       rgds: rgds, analyze).results
    }

    /// `analyze` with siblings that differ by round, as the server sees the other open
    /// documents: round `r` sees the other documents' RGDs after their round `r - 1`, so
    /// every document gets the rounds one `--check` run over all of them would give it.
    /// `rounds[i][r]` are the RGDs of input `i` after round `r` (the last entry for later
    /// rounds): what the other documents see at round `r + 1`.
    public static func analyzeByRound<Result: Sendable>(
        count: Int, siblings: Siblings, parallel: Bool = false,
        location: (Int) -> String, rgds: @escaping @Sendable (Result) -> [RGDAnalysis],
        _ analyze: @escaping @Sendable (Int, ChainedKinds) -> Result?
    ) -> (results: [Result?], rounds: [[[RGDAnalysis]]]) {
        let initial = ChainedKinds(rgds: siblings.lookup(0, nil))
        var results = run(Array(0..<count), parallel: parallel) { analyze($0, initial) }
        var initialViews: [Set<String>: ChainedKinds] = [:]
        var views = results.map { result -> ChainedKinds in
            guard let result else { return .none }
            let keys = ChainedKinds.referencedKeys(of: rgds(result))
            let view = initialViews[keys] ?? initial.restricted(to: keys)
            initialViews[keys] = view
            return view
        }
        var rounds = results.map { [$0.map(rgds) ?? []] }
        for round in 1...maxRounds {
            let referenced = results.map { $0.map { ChainedKinds.referencedKeys(of: rgds($0)) } ?? [] }
            // Nothing names another RGD's kind: no later round can differ.
            if referenced.allSatisfy(\.isEmpty) { break }
            // Only the RGDs generating a kind some input names can enter a view: the
            // others' CRDs (the costly part) are not generated.
            let wanted = referenced.reduce(into: Set<String>()) { $0.formUnion($1) }
            let generatesWanted = { (rgd: RGDAnalysis) in ChainedKinds.instanceKey(of: rgd).map(wanted.contains) ?? false }
            let found = results.indices.flatMap { i in
                (results[i].map(rgds) ?? []).filter(generatesWanted).map { (rgd: $0, location: location(i)) }
            }
            let all = ChainedKinds(rgds: siblings.lookup(round, wanted) + found)
            var stale: [Int] = []
            var next = views
            // Inputs naming the same kinds share one view: 500 copies of one RGD each made
            // the same view of 500 definitions (13 s for a `--check`).
            var viewsByKeys: [Set<String>: ChainedKinds] = [:]
            // And compare it once with each view they held (comparing 2,000 definitions
            // for each of 2,000 copies took 12 s).
            var changed: [ViewChange: Bool] = [:]
            for i in 0..<count where results[i] != nil && !referenced[i].isEmpty {
                let view = viewsByKeys[referenced[i]] ?? all.restricted(to: referenced[i])
                viewsByKeys[referenced[i]] = view
                let change = ViewChange(keys: referenced[i], before: views[i].identity)
                let differs = changed[change] ?? (view != views[i])
                changed[change] = differs
                if differs { stale.append(i); next[i] = view }
            }
            // Settled, and the siblings stay as they are: the later rounds are this one.
            if stale.isEmpty && round >= siblings.rounds - 1 { break }
            let inputs = next
            let redone = run(stale, parallel: parallel) { analyze($0, inputs[$0]) }
            for (slot, i) in stale.enumerated() { results[i] = redone[slot] }
            views = next
            for i in 0..<count { rounds[i].append(results[i].map(rgds) ?? []) }
        }
        return (results, rounds)
    }

    /// A view held before a round, and the kinds its input names (they decide the new view).
    private struct ViewChange: Hashable {
        var keys: Set<String>
        var before: ObjectIdentifier
    }

    /// `body` over `indices`, results in the same order.
    private static func run<Result: Sendable>(_ indices: [Int], parallel: Bool,
                                              _ body: @escaping @Sendable (Int) -> Result?) -> [Result?] {
        guard parallel, indices.count > 1 else { return indices.map(body) }
        var out = [Result?](repeating: nil, count: indices.count)
        out.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: indices.count) { slots[$0] = body(indices[$0]) }
        }
        return out
    }
}
