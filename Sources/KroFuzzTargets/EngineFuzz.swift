import KroEngine
import YAMLSyntax

/// The whole engine on a file: every diagnostic, related location and fix edit lies inside
/// the file; diagnostics come sorted; analysing the same bytes twice gives the same findings.
enum EngineFuzz {
    /// The embedded bundle, parsed once per fuzzing process.
    static let options = AnalysisOptions(schemaStore: (try? BundledSchemas.load().get()) ?? SchemaStore())

    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let source = SourceText(bytes: input)
        let analysis = DocumentAnalyzer.analyze(source, options: options)
        let count = input.count
        for d in analysis.diagnostics {
            v.expectInside(d.range, count, "\(d.code) '\(d.message.prefix(80))'")
            v.expect(!d.message.isEmpty, "\(d.code) has an empty message")
            v.expect(d.message.utf8.count <= 4096, "\(d.code) message is \(d.message.utf8.count) bytes")
            for r in d.related { v.expectInside(r.range, count, "\(d.code) related '\(r.message.prefix(80))'") }
            for fix in d.fixes {
                for edit in fix.edits { v.expectInside(edit.range, count, "\(d.code) fix '\(fix.title)'") }
            }
        }
        let keys = analysis.diagnostics.map { ($0.range.start, $0.range.end, $0.code) }
        v.expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "diagnostics are not sorted by position")
        v.expect(DocumentAnalyzer.analyze(source, options: options).diagnostics == analysis.diagnostics,
                 "a second analysis of the same bytes differs")
        return v.list
    }
}
