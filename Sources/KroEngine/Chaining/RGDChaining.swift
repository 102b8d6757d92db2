import Foundation

/// RGD chaining over several inputs (the files of a `--check` run, an open document and
/// its siblings): each input is analysed, then those whose RGDs name a kind another RGD
/// defines are analysed again with the CRDs of every RGD, until no input's view of them
/// changes. Each round sees only the previous round's CRDs, so the result does not
/// depend on the order of the inputs; RGDs that chain in a cycle stop after `maxRounds`.
public enum RGDChaining {
    /// Rounds after the first. A chain A → B → C settles in one round per link whose
    /// status types flow upwards; deeper chains keep the types of the last round.
    public static let maxRounds = 6

    /// `analyze(i, kinds)` analyses input `i` with `kinds` as `AnalysisOptions.chainedKinds`
    /// (nil: the input cannot be analysed); `rgds` reads the RGDs of a result;
    /// `location(i)` names input `i` in messages; `siblings` are RGDs analysed elsewhere
    /// (the other open documents) with their locations.
    /// Inputs are analysed in parallel when `parallel`.
    public static func analyze<Result: Sendable>(
        count: Int, siblings: [(rgd: RGDAnalysis, location: String)] = [], parallel: Bool = false,
        location: (Int) -> String, rgds: @escaping @Sendable (Result) -> [RGDAnalysis],
        _ analyze: @escaping @Sendable (Int, ChainedKinds) -> Result?
    ) -> [Result?] {
        let initial = ChainedKinds(rgds: siblings)
        var results = run(Array(0..<count), parallel: parallel) { analyze($0, initial) }
        var views = results.map { result in
            result.map { initial.restricted(to: ChainedKinds.referencedKeys(of: rgds($0))) } ?? .none
        }
        for _ in 0..<maxRounds {
            let found = results.indices.flatMap { i in (results[i].map(rgds) ?? []).map { (rgd: $0, location: location(i)) } }
            let all = ChainedKinds(rgds: siblings + found)
            var stale: [Int] = []
            var next = views
            for i in 0..<count {
                guard let result = results[i] else { continue }
                let referenced = ChainedKinds.referencedKeys(of: rgds(result))
                guard !referenced.isEmpty else { continue }
                let view = all.restricted(to: referenced)
                if view != views[i] { stale.append(i); next[i] = view }
            }
            if stale.isEmpty { break }
            let inputs = next
            let redone = run(stale, parallel: parallel) { analyze($0, inputs[$0]) }
            for (slot, i) in stale.enumerated() { results[i] = redone[slot] }
            views = next
        }
        return results
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
