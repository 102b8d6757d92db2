import CEL
import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// Expressions with the same text are parsed and checked once per run (`ExpressionMemo`):
/// each one still has the tree and the check it would have on its own, and its findings
/// at its own place.
@Suite struct ExpressionMemoTests {
    /// Every expression of the analysis against a parse and a check of its text alone (in
    /// the environment its check records). Returns how many texts occur more than once.
    static func compareWithFreshWork(_ text: String, _ name: String) -> Int {
        let snapshot = DocumentSnapshot.analyze(SourceText(text), options: .bundled)
        var uses: [String: Int] = [:]
        for rgd in snapshot.rgds {
            let analysis = rgd.analysis
            for (i, e) in analysis.expressions.enumerated() {
                var options = ParserOptions()
                options.enableKroMacros = e.kind == .condition
                let fresh = CELParser(options: options).parse(e.celText)
                #expect(e.parsed?.expr == fresh.parsed?.expr && e.parsed?.macroCalls == fresh.parsed?.macroCalls,
                        "\(name): tree of \(e.celText)")
                guard let parsed = e.parsed, let check = analysis.checks[i] else { continue }
                uses[e.celText + (e.kind == .condition ? " (condition)" : ""), default: 0] += 1
                let alone = Checker.check(parsed, in: check.environment)
                #expect(check.result.type == alone.type && check.result.types == alone.types
                        && check.result.references == alone.references && check.result.issues == alone.issues,
                        "\(name): check of \(e.celText)")
            }
        }
        return uses.values.filter { $0 > 1 }.count
    }

    /// A memo that keeps only verdicts (a `--check` run) forgets what it holds once it holds
    /// `verdictMemoCapacity` texts, then parses again what it meets again; one that keeps
    /// everything (an editor's) remembers every text.
    @Test(arguments: [true, false])
    func aVerdictMemoIsBounded(keepsOnlyVerdicts: Bool) throws {
        var memo = ExpressionMemo()
        memo.keepsOnlyVerdicts = keepsOnlyVerdicts
        let first = try #require(memo.parseShared("schema.spec.name", kroMacros: false).tree)
        for i in 0..<ExpressionMemo.verdictMemoCapacity { _ = memo.parseShared("x + \(i)", kroMacros: false) }
        let again = try #require(memo.parseShared("schema.spec.name", kroMacros: false).tree)
        #expect((again === first) == !keepsOnlyVerdicts)
        #expect(again.parsed.expr == first.parsed.expr)
        // Until it is full again, what it met since is remembered.
        let third = try #require(memo.parseShared("schema.spec.name", kroMacros: false).tree)
        #expect(third === again)
    }

    @Test func everyCorpusExpressionHasTheTreeAndCheckOfItsTextAlone() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var repeated = 0
        for name in RGDCorpusTests.corpusFiles() {
            repeated += Self.compareWithFreshWork(try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8), name)
        }
        // The corpus repeats texts (the memo is exercised), `schema.spec.name` most of all.
        #expect(repeated >= 100)
    }

    /// Collections (forEach iterators, `each`) type their expressions in environments of
    /// their own: the same text there is checked there, not answered from the memo.
    @Test func generatedRGDsWithCollectionsHaveTheChecksOfTheirTextsAlone() {
        #expect(Self.compareWithFreshWork(GeneratedRGD(resources: 48).text, "generated") >= 5)
        let yaml = ExpressionTypeCheckTests.rgd("""
              - id: plain
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: "${schema.spec.name}"}
                  data: {a: "${schema.spec.name}", b: "${name}"}
              - id: many
                forEach:
                - name: ${['a', 'b']}
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: "${name}"}
                  data: {a: "${schema.spec.name}", b: "${name}"}
                readyWhen:
                - ${each.metadata.name != ""}
            """)
        #expect(Self.compareWithFreshWork(yaml, "collection") >= 2)
    }

    /// The same mistakes in two resources: a finding at each place.
    @Test func repeatedMistakesAreReportedAtEachUse() {
        let yaml = ExpressionTypeCheckTests.rgd("""
              - id: first
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: "${schema.spec.nmae}"}
                  data: {a: "${schema.spec.name +}", b: "${schema.spec.nmae}"}
              - id: second
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: "${schema.spec.nmae}"}
                  data: {a: "${schema.spec.name +}"}
            """)
        let source = SourceText(yaml)
        let found = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics.filter { $0.severity == .error }
        #expect(found.map(\.code) == ["KRO333", "KRO310", "KRO333", "KRO333", "KRO310"])
        let starts = found.map(\.range.start)
        #expect(Set(starts).count == 5)
        #expect(found.filter { $0.code == "KRO333" }.allSatisfy { source.string(in: $0.range) == "nmae" })
        // Each names its own path: the same text at another path has another message.
        let messages = found.filter { $0.code == "KRO333" }.map(\.message)
        #expect(messages.count == 3 && messages[0] == messages[2] && messages[0] != messages[1])
    }

    /// Conditions parse with kro's macros; the same text elsewhere does not.
    @Test func theSameTextWithAndWithoutKroMacrosIsKeptApart() {
        var memo = ExpressionMemo()
        let text = "runtime.newCondition({type: 'Ready', status: 'True'})"
        let withMacros = memo.parse(text, kroMacros: true)
        let without = memo.parse(text, kroMacros: false)
        var options = ParserOptions()
        #expect(without.parsed?.expr == CELParser(options: options).parse(text).parsed?.expr)
        options.enableKroMacros = true
        #expect(withMacros.parsed?.expr == CELParser(options: options).parse(text).parsed?.expr)
        #expect(withMacros.parsed?.expr != without.parsed?.expr)
    }
}
