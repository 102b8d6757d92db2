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

    /// A standalone expression's one match is derived (the whole value, its text the CEL
    /// text), not stored: every expression's matches are still its value's scan, over the
    /// corpus and generated RGDs; a match set to anything else reads back as set.
    @Test func matchesAreTheScansOfTheValues() throws {
        let checked = try RGDCorpusTests.sumOverCorpusAndGenerated(generated: 30, generatedCRLF: 5) { text, name in
            var count = 0
            for analysis in DocumentAnalyzer.analyze(SourceText(text), options: .bundled).rgds {
                for e in analysis.expressions {
                    #expect(e.matches == ExpressionScanner.scan(e.scalar.value).matches, "\(name): \(e.celText)")
                    count += 1
                }
            }
            return count
        }
        #expect(checked > 100)
        let analysis = try #require(DocumentAnalyzer.analyze(Self.marked.source, options: .bundled).rgds.first)
        var e = try #require(analysis.expressions.first)
        #expect(e.form == .standalone && e.matches.map(\.text) == ["schema.spec.name"])
        let other = ExpressionMatch(start: 0, end: e.scalar.value.utf8.count, text: "other")
        e.matches = [other]
        #expect(e.matches == [other])
        e.matches = []
        #expect(e.matches.isEmpty)
    }
}
