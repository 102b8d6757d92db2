import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// `RGDSnapshot.expressions` is a view over the analysis's per-resource chunks: walking it
/// and reading it by index give the same expressions, numbered alike, with the same checks,
/// closed ones first and then the unterminated ones.
@Suite struct SnapshotExpressionsTests {
    static let text = RGDFixture.head(name: "demo", kind: "Demo",
                                      schema: "spec:\n  name: string\nstatus:\n  first: ${a.metadata.name}") + """
      resources:
      - id: a
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: ${schema.spec.name}
          data:
            open: ${schema.spec.
      - id: b
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: x-${a.metadata.name}-${schema.spec.name}
      - id: c
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: c
          data:
            bad: ${1 +}
            open: ${a.metadata.
    """

    func describe(_ e: SnapshotExpression) -> String {
        "\(e.index) \(e.celText) unterminated=\(e.expression.isUnterminated) type=\(e.type.map { "\($0)" } ?? "-") checked=\(e.check != nil)"
    }

    @Test func walkingEqualsReadingByIndex() throws {
        let snapshot = DocumentSnapshot.analyze(SourceText(Self.text), version: 1, options: .bundled)
        let rgd = try #require(snapshot.rgds.first)
        let walked = rgd.expressions.map(describe)
        let read = rgd.expressions.indices.map { describe(rgd.expressions[$0]) }
        #expect(walked == read)
        #expect(walked.count == rgd.analysis.expressions.count + rgd.analysis.unterminatedExpressions.count)
        // Several chunks, an unterminated expression in more than one, and a closed one after them.
        #expect(rgd.analysis.unterminatedExpressions.count == 2)
        #expect(walked.filter { $0.contains("unterminated=true") }.count == 2)
        #expect(Array(walked.suffix(2)).allSatisfy { $0.contains("unterminated=true") })
        #expect(walked.contains { $0.contains("schema.spec.name unterminated=false type=string checked=true") })
        #expect(walked.contains { $0.contains("1 + unterminated=false type=-") }, Comment(rawValue: walked.joined(separator: "\n")))
        #expect(Array(rgd.expressions.map(\.index)) == Array(0..<walked.count))
    }
}
