import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// Suppressions next to a finding limit: those past the point where a limit cut the
/// findings short are not called unused (their findings were not looked for), and unused
/// ones are reported up to the limit.
@Suite struct SuppressionLimitTests {
    static func options(findings: Int) -> AnalysisOptions {
        var options = AnalysisOptions.bundled
        options.limits.maxFindings = findings
        return options
    }

    /// A ConfigMap template of `count` unknown fields, each line carrying `comment`.
    static func unknownFields(_ count: Int, comment: String) -> String {
        rgd("  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: x}\n"
            + (0..<count).map { "      bad\($0): 1 # kro-lsp: ignore \(comment)\n" }.joined())
    }

    @Test func suppressionsPastACutAreNotCalledUnused() {
        let source = SourceText(Self.unknownFields(10, comment: "KRO304"))
        let found = DocumentAnalyzer.analyze(source, options: Self.options(findings: 4)).diagnostics
        // The first four findings are suppressed; the notice at the fifth stays, and no
        // suppression is called unused.
        #expect(found.map(\.code) == ["KRO921"])
        #expect(source.string(in: found[0].range) == "bad4")
        #expect(DocumentAnalyzer.analyze(source, options: Self.options(findings: 10)).diagnostics.isEmpty)
    }

    @Test func unusedSuppressionsAreReportedUpToTheLimit() throws {
        let source = SourceText(rgd("  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n"
            + "      metadata: {name: x}\n      data:\n"
            + (0..<6).map { "        k\($0): v # kro-lsp: ignore KRO304\n" }.joined()))
        let all = DocumentAnalyzer.analyze(source, options: Self.options(findings: 10)).diagnostics
        #expect(all.count == 6 && all.allSatisfy { $0.code == Suppressions.unusedCode })
        let found = DocumentAnalyzer.analyze(source, options: Self.options(findings: 4)).diagnostics
        #expect(Array(found.prefix(4)) == Array(all.prefix(4)))
        let notice = try #require(found.last)
        #expect(found.count == 5 && notice.code == "KRO921" && notice.range == all[4].range)
        #expect(notice.message == "more than 4 unused suppressions, over kro-lsp's limit of 4 findings; "
            + "this one and the rest are not reported")
    }

    /// Each finding looks at its own line's suppressions and the whole-document ones, in
    /// the order they are written.
    @Test func lineAndDocumentSuppressionsBothApply() {
        let source = SourceText("# kro-lsp: ignore-file KRO905\n" + rgd("""
              resources:
              - id: cm
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: x}
                  bad1: 1 # kro-lsp: ignore KRO304
                  bad2: 1
                  # kro-lsp: ignore KRO304
                  bad3: 1
              - id: foo
                template: {apiVersion: example.com/v1, kind: Foo, metadata: {name: y}}

            """))
        let found = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics
        #expect(found.map(\.code) == ["KRO304"])
        #expect(found.first.map { source.string(in: $0.range) } == "bad2")
    }
}
