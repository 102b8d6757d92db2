import Foundation
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// Given the source, the expression collector skips template subtrees whose text holds no
/// `$`, `\` or `*`: it must find what a walk of every node finds (expressions, their
/// places and texts, diagnostics), for the corpus, generated RGDs and templates where an
/// expression hides behind an escape, an alias, a merge key, a key or a block scalar.
@Suite struct CollectorSkipTests {
    static func compare(_ text: String, _ name: String) -> Int {
        let source = SourceText(text)
        let snapshot = DocumentSnapshot.analyze(source, options: .bundled)
        var found = 0
        for rgd in snapshot.rgds {
            for r in rgd.rgd.resources {
                var everything = ExpressionCollector()
                everything.collect(r)
                var skipping = ExpressionCollector(source: source)
                skipping.collect(r)
                let a = everything.expressions.map { "\($0.kind) \($0.path) \($0.range) \($0.celText) \($0.form)" }
                let b = skipping.expressions.map { "\($0.kind) \($0.path) \($0.range) \($0.celText) \($0.form)" }
                #expect(a == b, "\(name): expressions of resource \(r.index)")
                #expect(everything.diagnostics == skipping.diagnostics, "\(name): diagnostics of resource \(r.index)")
                #expect(everything.unterminated.map(\.range) == skipping.unterminated.map(\.range), "\(name)")
                found += a.count
            }
        }
        return found
    }

    @Test func corpusAndGeneratedRGDs() throws {
        let found = try RGDCorpusTests.sumOverCorpusAndGenerated(generated: 40, generatedCRLF: 12, Self.compare)
        #expect(found > 1_000)
    }

    @Test func expressionsBehindEscapesAliasesAndKeys() {
        let text = """
            apiVersion: kro.run/v1alpha1
            kind: ResourceGraphDefinition
            metadata:
              name: hidden
            spec:
              schema:
                apiVersion: v1alpha1
                kind: Hidden
                spec:
                  name: string
              resources:
                - id: shared
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: plain
                      labels: &labels
                        app: "${schema.spec.name}"
                    data:
                      escaped: {x: "\\x24{schema.spec.name}", u: ["\\u0024{schema.spec.name}"]}
                      block: |
                        ${schema.spec.name}
                - id: user
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: other
                      labels: *labels
                      annotations:
                        <<: *labels
                        plain: text
                    data:
                      nested: {deep: [{deeper: "\\U00000024{schema.spec.name}"}]}
                      "${schema.spec.name}": key
                      none: {a: b, c: [d, e]}
            """
        #expect(Self.compare(text, "hidden") >= 7)
    }

    /// The needle runs answer as the needles themselves would, give or take `gap` bytes:
    /// every range holding a needle is met, and a range met has one within `gap` of it.
    @Test func needleRunsMeetEveryRangeWithANeedle() throws {
        var rng = SplitMix64(seed: 16)
        let gap = NeedleRuns.gap
        for round in 0..<40 {
            let length = 50 + rng.next(below: 3_000)
            let density = [2, 10, 40, 200][round % 4]
            let bytes = (0..<length).map { _ in rng.next(below: density) == 0 ? Array("$\\*".utf8)[rng.next(below: 3)] : UInt8(ascii: "a") }
            let text = String(decoding: bytes, as: UTF8.self)
            let source = SourceText(text)
            let whole = TextRange(start: rng.next(below: 20), end: length - rng.next(below: 20))
            let runs = try #require(NeedleRuns(in: source, whole))
            func needle(_ i: Int) -> Bool { i >= whole.start && i < whole.end && bytes[i] != UInt8(ascii: "a") }
            for _ in 0..<200 {
                let start = rng.next(below: length), end = min(length, start + 1 + rng.next(below: 100))
                let range = TextRange(start: start, end: end)
                let holds = (start..<end).contains(where: needle)
                let near = (max(0, start - gap)..<min(length, end + gap)).contains(where: needle)
                let met = runs.any(in: range)
                #expect(!holds || met, "round \(round): \(range) holds a needle")
                #expect(!met || near, "round \(round): \(range) met with no needle near")
            }
        }
    }
}
