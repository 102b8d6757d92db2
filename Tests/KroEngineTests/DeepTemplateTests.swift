import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// A template nested as deep as the parser allows is checked to the bottom: the expression
/// walk stopped at 200 levels, and what lay below was left out without a word.
@Suite struct DeepTemplateTests {
    /// `depth` mappings under `spec.deep` of a kind without a schema (anything goes), ending
    /// in a misspelt field.
    static func document(depth: Int) -> MarkedText {
        let nested = String(repeating: "{a: ", count: depth) + "'${schema.spec.«nme»}'" + String(repeating: "}", count: depth)
        return MarkedText(rgd("""
              resources:
              - id: free
                template:
                  apiVersion: example.com/v1
                  kind: Foo
                  metadata: {name: x}
                  spec:
                    deep: \(nested)

            """))
    }

    @Test(arguments: [10, 300, 500]) func theDeepestExpressionIsChecked(depth: Int) throws {
        let marked = Self.document(depth: depth)
        let found = diagnostics(marked)
        #expect(YAMLParser.parse(SourceText(marked.text)).errors.isEmpty)
        let undefined = try #require(found.first { $0.code == "KRO333" })
        #expect(undefined.range == marked.ranges[0])
        #expect(undefined.message.contains("undefined field 'nme'"))
    }
}
