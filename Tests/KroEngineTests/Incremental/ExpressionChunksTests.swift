import CEL
import Testing
import YAMLSyntax
@testable import KroEngine

/// The analysis keeps expressions and checks per resource (`ExpressionList`,
/// `ExpressionChecks`); read by index they must be one list, empty chunks skipped.
@Suite struct ExpressionChunksTests {
    /// `a` has two expressions, `b` none, `c` one and one being typed, then the status.
    static let text = RGDFixture.text(
        name: "demo", kind: "Demo", spec: "name: string", status: "count: ${size(a.metadata.name)}",
        resources: [
            RGDFixture.configMap("a", data: "size: ${string(size(schema.spec.name))}"),
            RGDFixture.configMap("b", name: "fixed"),
            RGDFixture.configMap("c", name: "${a.metadata.name + 'x'}") + "\n      labels:\n        typing: ${schema.spec.",
        ].joined(separator: "\n"))

    @Test func indicesRunAcrossResourcesAndStatus() throws {
        let analysis = try #require(rgdAnalysis(Self.text))
        let texts = analysis.expressions.map(\.celText)
        #expect(texts == ["schema.spec.name", "string(size(schema.spec.name))", "a.metadata.name + 'x'",
                          "size(a.metadata.name)"])
        #expect(analysis.expressions.indices.map { analysis.expressions[$0].celText } == texts)
        #expect(analysis.expressions.chunks.count == 4)  // a, b (empty), c, status
        #expect(analysis.unterminatedExpressions.map(\.celText) == ["schema.spec."])

        // Checks: numbered over the expressions, then the unterminated ones.
        let types = (0..<5).map { analysis.checks[$0]?.result.type }
        #expect(types[0...3] == [.string, .string, .string, .int])
        #expect(analysis.checks[4] != nil)  // the partial tree is checked silently
        #expect(analysis.checks[5] == nil)
        #expect(analysis.checks[-1] == nil)
    }

    @Test func aListOfChunksReadsAsTheirConcatenation() throws {
        let all = Array(try #require(rgdAnalysis(Self.text)).expressions)
        for cuts in [[0, 0, 4], [1, 1, 1, 1], [0, 4, 0], [2, 0, 0, 2], [4]] {
            var chunks: [[RGDExpression]] = []
            var at = 0
            for n in cuts { chunks.append(Array(all[at..<at + n])); at += n }
            let list = ExpressionList(chunks)
            #expect(list.count == all.count)
            #expect(list.map(\.celText) == all.map(\.celText))
            #expect(list.indices.map { list[$0].celText } == all.map(\.celText))
        }
        #expect(ExpressionList().isEmpty)
    }
}
