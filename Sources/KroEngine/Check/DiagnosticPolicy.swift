/// A severity a user can give a code (`--severity KRO909=error`, `severity:` in
/// `.kro-lsp.yaml`); `off` drops the code's findings.
public enum RuleSeverity: String, Sendable, Hashable, CaseIterable {
    case error, warning, info, off

    public init?(word: String) {
        switch word.lowercased() {
        case "error": self = .error
        case "warning", "warn": self = .warning
        case "info", "information", "note": self = .info
        case "off", "none", "ignore": self = .off
        default: return nil
        }
    }

    var severity: DiagnosticSeverity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .information
        case .off: nil
        }
    }
}

/// How findings are re-graded after analysis: per-code severities, strict schemas,
/// warnings as errors. Shared by `--check` and the server (from `.kro-lsp.yaml`).
public struct DiagnosticPolicy: Sendable, Hashable {
    public var severities: [String: RuleSeverity] = [:]
    /// "No schema for this kind" (KRO905) becomes an error instead of an information.
    public var strictSchemas = false
    public var warningsAsErrors = false
    public init() {}

    /// The code kro-lsp reports when it has no schema for a resource's kind.
    public static let unknownKindCode = "KRO905"

    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var diagnostics = diagnostics
        apply(&diagnostics)
        return diagnostics
    }

    /// As `apply(_:)`, in place: no second array, and none touched when nothing is re-graded.
    public func apply(_ diagnostics: inout [Diagnostic]) {
        guard strictSchemas || warningsAsErrors || !severities.isEmpty else { return }
        if severities.values.contains(where: { $0.severity == nil }) {
            diagnostics.removeAll { severities[$0.code].map { $0.severity == nil } ?? false }
        }
        for i in diagnostics.indices {
            var severity = diagnostics[i].severity
            if strictSchemas && diagnostics[i].code == Self.unknownKindCode { severity = .error }
            if let rule = severities[diagnostics[i].code], let regraded = rule.severity { severity = regraded }
            if warningsAsErrors && severity == .warning { severity = .error }
            if severity != diagnostics[i].severity { diagnostics[i].severity = severity }
        }
    }
}
