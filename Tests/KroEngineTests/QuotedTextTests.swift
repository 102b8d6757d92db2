import KroEngine
import KroTestSupport
import Testing
import YAMLSyntax

/// Messages quote expressions; a template string holding a whole document (a Step Functions
/// definition, a policy) is quoted by its first characters, and the range still points at
/// the mistake.
@Suite struct QuotedTextTests {
    @Test func aLongTemplateIsQuotedByItsHeadAndTheRangeStillPointsAtTheMistake() throws {
        let entries = (0..<60).map { "\\\"key\($0)\\\": \\\"value-\($0)\\\"" }.joined(separator: ", ")
        let template = "{" + entries + ", \\\"name\\\": \\\"${schema.spec.nmae}\\\"}"
        let yaml = RGDFixture.text(name: "quoted", kind: "Quoted", spec: "name: string",
                                   resources: RGDFixture.configMap("cm", data: "doc: \"\(template)\""))
        let source = SourceText(yaml)
        let errors = DocumentAnalyzer.analyze(source, options: .bundled).diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.code == "KRO333")
        #expect(source.string(in: error.range) == "nmae")

        // The string as written (JSON escapes decoded by YAML), cut after 200 characters.
        let written = template.replacingOccurrences(of: "\\\"", with: "\"")
        #expect(written.count > 1_000)
        let head = String(written.prefix(QuotedText.expressionLimit))
        #expect(error.message == "failed to compile template expression \"\(head)…\" at path \"data.doc\": "
            + "undefined field 'nmae'; did you mean 'name'?")
    }

    @Test func shortTextsAreQuotedWhole() {
        #expect(QuotedText.excerpt("schema.spec.name") == "schema.spec.name")
        let exact = String(repeating: "é", count: QuotedText.expressionLimit)  // 400 bytes, 200 characters
        #expect(QuotedText.excerpt(exact) == exact)
        #expect(QuotedText.excerpt(exact + "x") == exact + "…")
        #expect(QuotedText.excerpt("abcdef", limit: 3) == "abc…")
    }

    @Test func anUnknownSchemaTypeIsQuotedByItsFirst80Characters() throws {
        let name = "bn:" + String(repeating: "x", count: 300)
        let yaml = RGDFixture.text(name: "quoted", kind: "Quoted", spec: "enabled: \"\(name)\"")
        let source = SourceText(yaml)
        let error = try #require(DocumentAnalyzer.analyze(source, options: .bundled).diagnostics.first { $0.code == "KRO107" })
        #expect(error.message == "field enabled: unknown type: \(name.prefix(80))…")
        #expect(source.string(in: error.range) == name)
    }

    /// The bound every message keeps, whatever quotes it: start and end kept, valid UTF-8.
    @Test func aMessageOverTheBoundKeepsItsStartAndItsEnd() {
        let exact = String(repeating: "a", count: Diagnostic.maxMessageBytes)
        #expect(Diagnostic(code: "KRO000", message: exact, range: TextRange(start: 0, end: 0)).message == exact)

        let long = "head " + String(repeating: "é😀", count: 2_000) + " the end"
        var d = Diagnostic(code: "KRO000", message: long, range: TextRange(start: 0, end: 0))
        #expect(d.message.utf8.count <= Diagnostic.maxMessageBytes)
        #expect(d.message.hasPrefix("head é😀é😀"))
        #expect(d.message.hasSuffix("é😀 the end"))
        #expect(d.message.contains(" … "))
        #expect(d.message.unicodeScalars.allSatisfy { $0 != "\u{FFFD}" })

        d.message = "short"
        #expect(d.message == "short")
        d.message = long + long
        #expect(d.message.utf8.count <= Diagnostic.maxMessageBytes && d.message.hasSuffix(" the end"))
    }
}
