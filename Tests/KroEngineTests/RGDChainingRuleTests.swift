import Foundation
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// RGD chaining generates CRDs only for the RGDs whose kind some input names. Seeded sets
/// of RGDs that chain (in lines, diamonds, cycles, with duplicated kinds) compared with
/// the rule it replaced, which built every RGD's CRD each round: the same analyses are
/// asked for, with the same chained kinds, in the same order, and give the same results.
@Suite struct RGDChainingRuleTests {
    /// The analyses asked for, in order.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(Int, ChainedKinds)] = []
        func record(_ i: Int, _ kinds: ChainedKinds) { lock.withLock { calls.append((i, kinds)) } }
        var all: [(Int, ChainedKinds)] { lock.withLock { calls } }
    }

    /// The former loop: every RGD of the run (and every sibling) in `all`, each round.
    static func reference<Result: Sendable>(count: Int, siblings: [(rgd: RGDAnalysis, location: String)],
                                            location: (Int) -> String, rgds: (Result) -> [RGDAnalysis],
                                            _ analyze: (Int, ChainedKinds) -> Result?) -> [Result?] {
        let initial = ChainedKinds(rgds: siblings)
        var results = (0..<count).map { analyze($0, initial) }
        var views = results.map { result in
            result.map { initial.restricted(to: ChainedKinds.referencedKeys(of: rgds($0))) } ?? .none
        }
        for _ in 0..<RGDChaining.maxRounds {
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
            for i in stale { results[i] = analyze(i, next[i]) }
            views = next
        }
        return results
    }

    static let kinds = ["Alpha", "Beta", "Gamma"]

    /// An RGD defining one of `kinds` whose only resource is of one of `kinds` (or a
    /// ConfigMap), its status read from that resource.
    static func rgd(_ name: String, _ random: inout SplitMix64) -> String {
        let kind = kinds[random.next(below: kinds.count)]
        let group = random.next(below: 3) == 0 ? "x.example.com" : nil
        let target = random.next(below: kinds.count + 1)
        let (apiVersion, targetKind, read) = target == kinds.count
            ? ("v1", "ConfigMap", "dep.metadata.name")
            : (random.next(below: 3) == 0 ? "x.example.com/v1alpha1" : "kro.run/v1alpha1", kinds[target], "dep.status.out")
        let field = ["integer", "string", "boolean"][random.next(below: 3)]
        return RGDFixture.text(name: name, kind: kind, group: group, spec: "n: \(field)", status: "out: ${\(read)}",
                               resources: """
            - id: dep
              template:
                apiVersion: \(apiVersion)
                kind: \(targetKind)
                metadata:
                  name: x
                spec:
                  n: ${schema.spec.n}
            """)
    }

    @Test func sameAnalysesAsEveryCRDEachRound() {
        var random = SplitMix64(seed: 0xC4A1)
        var chained = 0
        for round in 0..<25 {
            let texts = (0..<(1 + random.next(below: 5))).map { i in
                (0..<(1 + random.next(below: 2))).map { j in Self.rgd("r\(round)-\(i)-\(j)", &random) }.joined(separator: "---\n")
            }
            let siblings = random.next(below: 2) == 0 ? [] : DocumentAnalyzer.analyze(
                SourceText(Self.rgd("sibling", &random)), options: .bundled).rgds.map { (rgd: $0, location: "open.yaml") }
            func run(_ chaining: (@escaping @Sendable (Int, ChainedKinds) -> DocumentAnalysis?) -> [DocumentAnalysis?])
                -> (results: [[Diagnostic]], calls: [(Int, ChainedKinds)]) {
                let calls = Calls()
                let results = chaining { i, kinds in
                    calls.record(i, kinds)
                    var options = AnalysisOptions.bundled
                    options.chainedKinds = kinds
                    return DocumentAnalyzer.analyze(SourceText(texts[i]), options: options)
                }
                return (results.map { $0?.diagnostics ?? [] }, calls.all)
            }
            let location = { (i: Int) in "file\(i).yaml" }
            let new = run { RGDChaining.analyze(count: texts.count, siblings: siblings, location: location, rgds: { $0.rgds }, $0) }
            let old = run { Self.reference(count: texts.count, siblings: siblings, location: location, rgds: { $0.rgds }, $0) }
            #expect(new.results == old.results, "round \(round)")
            #expect(new.calls.map(\.0) == old.calls.map(\.0), "round \(round)")
            #expect(new.calls.map(\.1) == old.calls.map(\.1), "round \(round)")
            chained += old.calls.count > texts.count ? 1 : 0
        }
        #expect(chained >= 5, "too few runs chained to compare: \(chained)")
    }

    /// A view keeps, in order, every definition whose CRD defines one of the keys (found by
    /// key, the rule it replaced read every CRD): duplicates of one RGD, several RGDs of one
    /// kind, and keys no RGD defines.
    @Test func aViewKeepsTheDefinitionsOfItsKeys() {
        var random = SplitMix64(seed: 0x5EED_C4A1)
        var compared = 0
        for round in 0..<20 {
            let rgds = (0..<(2 + random.next(below: 6))).flatMap { i in
                DocumentAnalyzer.analyze(SourceText(Self.rgd("v\(round)-\(i % 3)", &random)), options: .bundled).rgds
                    .map { (rgd: $0, location: "file\(random.next(below: 3)).yaml") }
            }
            let all = ChainedKinds(rgds: rgds + rgds.prefix(random.next(below: 2)))
            let keys = all.definitions.flatMap { CRDSchemas.kinds(in: $0.crd, path: "").map(\.gvk.bundleKey) }
            for _ in 0..<5 {
                let wanted = Set(keys.filter { _ in random.next(below: 2) == 0 } + ["kro.run/v1alpha1/Nothing"])
                let expected = ChainedKinds(definitions: all.definitions.filter { definition in
                    CRDSchemas.kinds(in: definition.crd, path: "").contains { wanted.contains($0.gvk.bundleKey) }
                })
                let view = all.restricted(to: wanted)
                #expect(view.definitions == expected.definitions, "round \(round)")
                compared += view.definitions.isEmpty ? 0 : 1
            }
        }
        #expect(compared >= 30)
    }
}
