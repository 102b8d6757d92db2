import Testing
import YAMLSyntax
@testable import KroEngine

/// `RGDExpression.matchRanges` is derived from the matches and the scalar's source map:
/// each `${…}` from `$` to `}` in the file, through escapes, non-ASCII text and CRLF, and an
/// unterminated one to the end of its value.
@Suite struct MatchRangesTests {
    static let marked = MarkedText(rgd("""
      resources:
      - id: a
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: "«${schema.spec.name}»"}
          data:
            b: "é-«${schema.spec.name}»-«${'x'}»"
            c: "\\t\\u00e9«${schema.spec.name + \\"\\\\u00e9\\"}»"
            d: |
              line «${schema.spec.name}»
            e: x-«${schema.spec.»
    """))

    @Test(arguments: [false, true])
    func eachMatchSpansItsDollarToItsBrace(crlf: Bool) throws {
        let m = crlf ? Self.marked.crlf : Self.marked
        let analysis = try #require(DocumentAnalyzer.analyze(m.source, options: .bundled).rgds.first)
        let ranges = analysis.expressions.flatMap(\.matchRanges) + analysis.unterminatedExpressions.flatMap(\.matchRanges)
        #expect(ranges == m.ranges)
        #expect(analysis.unterminatedExpressions.count == 1)
        // Moved with the expression's scalar.
        let moved = try #require(analysis.expressions.first).shifted(by: 7)
        #expect(moved.matchRanges == [m.ranges[0].shifted(by: 7)])
    }
}
