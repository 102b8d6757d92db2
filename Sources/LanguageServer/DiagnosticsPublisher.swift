import JSON
import KroEngine
import YAMLSyntax

/// Engine diagnostics → LSP `Diagnostic` objects (ranges in the negotiated encoding).
struct DiagnosticsConversion: Sendable {
    let conversion: PositionConversion
    let documentationURL: String
    let relatedInformationSupported: Bool

    /// Findings published per file, at most: past them a list helps no one in an editor,
    /// and a file of thousands of findings (a cycle of 10,000 custom types is reported on
    /// each) took seconds and hundreds of MB to send. An information at the first one left
    /// out says how many there are. The engine keeps no more in the editor
    /// (`Configuration.analysisLimits`); its notices of what it left out (KRO921) are
    /// shown besides, as many again at most.
    static let maxPublished = 1_000
    /// Related places sent per finding, at most.
    static let maxRelated = 32

    /// A snapshot's findings (the first `maxPublished`, then a notice of the rest) and then
    /// `more`, as the text of an LSP `Diagnostic[]`. Text, not a tree: a list of a thousand
    /// findings with related places is megabytes of JSON, and it is kept for pulls.
    func lspDiagnostics(_ snapshot: DocumentSnapshot, uri: String, more: [Diagnostic] = []) -> JSONFragment {
        lspDiagnostics(snapshot.diagnostics, source: snapshot.source, uri: uri, more: more)
    }

    /// `diagnostics` and then `more` (an instance's admission findings), at most
    /// `maxPublished` findings of them together and as many limit notices, as the text of
    /// an LSP `Diagnostic[]`.
    func lspDiagnostics(_ diagnostics: [Diagnostic], source: SourceText, uri: String,
                        more: [Diagnostic] = []) -> JSONFragment {
        var writer = JSONTextWriter()
        writer.beginArray()
        // Both lists read in place: the snapshot's is not copied on each publish.
        var findings = 0, notices = 0, leftOut = 0
        var firstLeftOut: Diagnostic?
        for list in [diagnostics, more] {
            for diagnostic in list {
                let isNotice = diagnostic.isLimitNotice
                guard isNotice ? notices < Self.maxPublished : findings < Self.maxPublished else {
                    if firstLeftOut == nil { firstLeftOut = diagnostic }
                    leftOut += 1
                    continue
                }
                if isNotice { notices += 1 } else { findings += 1 }
                write(diagnostic, source: source, uri: uri, to: &writer)
            }
        }
        if let firstLeftOut {
            let total = findings + notices + leftOut
            let notice = Diagnostic(code: AnalysisLimits.code, severity: .information,
                                    message: "kro-lsp shows the first \(Self.maxPublished) of the \(total) findings of "
                                        + "this file; kro-lsp --check lists them all",
                                    range: firstLeftOut.range)
            write(notice, source: source, uri: uri, to: &writer)
        }
        writer.endArray()
        return writer.finish()
    }

    /// One LSP `Diagnostic`.
    func write(_ diagnostic: Diagnostic, source: SourceText, uri: String, to writer: inout JSONTextWriter) {
        writer.beginObject()
        writer.key("range")
        conversion.write(range: diagnostic.range, in: source, to: &writer)
        writer.key("severity")
        writer.int(Int(Self.severity(diagnostic.severity)))
        writer.key("code")
        writer.string(diagnostic.code)
        writer.key("codeDescription")
        writer.beginObject()
        writer.key("href")
        writer.string(documentationURL + "#" + diagnostic.code.lowercased())
        writer.endObject()
        writer.key("source")
        writer.string("kro")
        writer.key("message")
        writer.string(diagnostic.message)
        if !diagnostic.related.isEmpty && relatedInformationSupported {
            writer.key("relatedInformation")
            writer.beginArray()
            for related in diagnostic.related.prefix(Self.maxRelated) {
                writer.beginObject()
                writer.key("location")
                writer.beginObject()
                writer.key("uri")
                writer.string(uri)
                writer.key("range")
                conversion.write(range: related.range, in: source, to: &writer)
                writer.endObject()
                writer.key("message")
                writer.string(related.message)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    static func severity(_ severity: DiagnosticSeverity) -> Int64 {
        switch severity {
        case .error: 1
        case .warning: 2
        case .information: 3
        case .hint: 4
        }
    }
}
