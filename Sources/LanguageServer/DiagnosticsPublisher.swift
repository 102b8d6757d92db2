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
    /// out says how many there are.
    static let maxPublished = 1_000
    /// Related places sent per finding, at most.
    static let maxRelated = 32

    func lspDiagnostics(_ snapshot: DocumentSnapshot, uri: String) -> [JSONValue] {
        let all = snapshot.diagnostics
        var shown = all.prefix(Self.maxPublished).map { lspDiagnostic($0, source: snapshot.source, uri: uri) }
        if all.count > Self.maxPublished {
            let notice = Diagnostic(code: AnalysisLimits.code, severity: .information,
                                    message: "kro-lsp shows the first \(Self.maxPublished) of the \(all.count) findings of "
                                        + "this file; kro-lsp --check lists them all",
                                    range: all[Self.maxPublished].range)
            shown.append(lspDiagnostic(notice, source: snapshot.source, uri: uri))
        }
        return shown
    }

    func lspDiagnostic(_ diagnostic: Diagnostic, source: SourceText, uri: String) -> JSONValue {
        var object: JSONValue = [
            "range": conversion.range(diagnostic.range, in: source),
            "severity": .int(Self.severity(diagnostic.severity)),
            "code": .string(diagnostic.code),
            "codeDescription": ["href": .string(documentationURL + "#" + diagnostic.code.lowercased())],
            "source": "kro",
            "message": .string(diagnostic.message),
        ]
        if !diagnostic.related.isEmpty && relatedInformationSupported {
            object.set("relatedInformation", .array(diagnostic.related.prefix(Self.maxRelated).map { related in
                ["location": ["uri": .string(uri), "range": conversion.range(related.range, in: source)],
                 "message": .string(related.message)]
            }))
        }
        return object
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
