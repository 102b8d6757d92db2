import Testing
import YAMLSyntax
@testable import KroEngine

/// Over a resource or expression limit, KRO921 names the limit at the first item over it,
/// and what is left out produces no findings of its own.
@Suite struct AnalysisLimitsTests {
    static func options(resources: Int = 10_000, expressions: Int = 10_000, total: Int = 100_000) -> AnalysisOptions {
        var options = AnalysisOptions.bundled
        options.limits = AnalysisLimits(maxResources: resources, maxExpressionsPerResource: expressions, maxExpressions: total)
        return options
    }

    @Test func tooManyResourcesIsReportedOnTheFirstOneOverTheLimit() throws {
        let marked = MarkedText(rgd("""
            status:
              names: ${c.metadata.name}
          resources:
          - id: a
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
          - id: b
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${a.metadata.name}"}}
          - id: «c»
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${nowhere.name}"}}
        """))
        let found = diagnostics(marked, options: Self.options(resources: 2))
        // Neither the unknown `nowhere` nor the status read of `c` is reported: not analysed.
        #expect(found.map(\.code) == ["KRO921"])
        #expect(found.first?.range == marked.ranges[0])
        #expect(found.first?.message == "spec.resources has 3 resources, over kro-lsp's limit of 2 per RGD; "
            + "the resources and the status are not analysed")
        #expect(diagnostics(marked, options: Self.options(resources: 3)).map(\.code) == ["KRO311"])
    }

    @Test func tooManyExpressionsInOneResourceStopsCheckingItsRest() throws {
        let marked = MarkedText(rgd("""
          resources:
          - id: cm
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: "${schema.spec.name}"}
              data:
                a: "${schema.spec.name}"
                b: "x-${schema.spec.name}-é"
                c: "é-«${schema.spec.nope}»"
                d: "${schema.spec.nope}"
          - id: other
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.nope}"}}
        """))
        let found = diagnostics(marked, options: Self.options(expressions: 3))
        // `other` keeps its own count: its error is still found.
        #expect(found.map(\.code) == ["KRO921", "KRO333"])
        #expect(found.first?.range == marked.ranges[0])
        #expect(found.first?.message == "resource \"cm\" has more than 3 expressions, kro-lsp's limit per resource; "
            + "this one and the rest are not checked")
        let analysis = try #require(DocumentAnalyzer.analyze(marked.source, options: Self.options(expressions: 3)).rgds.first)
        #expect(analysis.expressions.filter { $0.resourceID == "cm" }.count == 3)
        #expect(diagnostics(marked.crlf, options: Self.options(expressions: 3)).first?.range == marked.crlf.ranges[0])
    }

    /// Counted as `${` in the text of `spec.resources` (comments too), all resources
    /// together: over the limit no resource is analysed, as over the resource limit.
    @Test func tooManyExpressionsInTheResourcesIsReportedOnTheFirstOneOverTheLimit() throws {
        let marked = MarkedText(rgd("""
            status:
              name: ${b.metadata.name}
          resources:
          - id: a
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.name}"}}
          # a comment: ${ counts too
          - id: b
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "é-«${»nowhere.name}"}}
          - not an object
        """))
        let found = diagnostics(marked, options: Self.options(total: 2))
        // Neither the unknown `nowhere` nor the status read of `b` is reported, but the
        // item that is not an object still is.
        #expect(found.map(\.code) == ["KRO921", "KRO016"], "\(found)")
        #expect(found.first?.range == marked.ranges[0])
        #expect(found.first?.message == "spec.resources holds more than 2 expressions (`${`), over kro-lsp's limit of 2 "
            + "per RGD; the resources and the status are not analysed")
        #expect(diagnostics(marked.crlf, options: Self.options(total: 2)).first?.range == marked.crlf.ranges[0])
        #expect(diagnostics(marked, options: Self.options(total: 3)).map(\.code).contains("KRO921") == false)
    }

    @Test func theStatusBlockHasItsOwnExpressionLimit() throws {
        let marked = MarkedText(rgd("""
            status:
              a: ${schema.spec.name}
              b: «${schema.spec.name}»
              conditions: ["${schema.spec.nope}"]
          resources: []
        """))
        let found = diagnostics(marked, options: Self.options(expressions: 1))
        #expect(found.map(\.code) == ["KRO921"])
        #expect(found.first?.range == marked.ranges[0])
        #expect(found.first?.message.hasPrefix("the status block has more than 1 expressions") == true)
    }

    @Test func unterminatedExpressionsCountTowardsTheLimit() throws {
        let marked = MarkedText(rgd("""
          resources:
          - id: cm
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: "${schema.spec.name}"}
              data: {a: "«${schema.spec»"}
        """))
        let found = diagnostics(marked, options: Self.options(expressions: 1))
        #expect(found.map(\.code) == ["KRO901", "KRO921"])
        #expect(found.last?.range == marked.ranges[0])
    }

    /// The defaults documented in README "Limits".
    @Test func theDefaultsAreTenThousand() throws {
        #expect(AnalysisOptions.bundled.limits == AnalysisLimits(maxResources: 10_000, maxExpressionsPerResource: 10_000,
                                                                 maxExpressions: 100_000, maxFindings: 10_000))
        var text = rgd("  resources:\n")
        for i in 0...10_000 { text += "  - {id: r\(i), template: {apiVersion: v1, kind: ConfigMap, metadata: {name: n\(i)}}}\n" }
        let found = DocumentAnalyzer.analyze(SourceText(text), options: .bundled).diagnostics
        #expect(found.map(\.code) == ["KRO921"])
        #expect(found.first.map { SourceText(text).string(in: $0.range) } == "r10000")
    }
}
