import JSON
import KroEngine
import YAMLSyntax

/// Engine diagnostics → LSP `Diagnostic` objects (ranges in the negotiated encoding).
struct DiagnosticsConversion: Sendable {
    let conversion: PositionConversion
    let documentationURL: String
    let relatedInformationSupported: Bool

    func lspDiagnostics(_ snapshot: DocumentSnapshot, uri: String) -> [JSONValue] {
        snapshot.diagnostics.map { lspDiagnostic($0, source: snapshot.source, uri: uri) }
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
            object.set("relatedInformation", .array(diagnostic.related.map { related in
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
