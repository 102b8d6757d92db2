import YAMLSyntax

public enum DiagnosticSeverity: String, Sendable, Hashable, Comparable {
    case error, warning, information, hint

    private var rank: Int {
        switch self { case .error: 0; case .warning: 1; case .information: 2; case .hint: 3 }
    }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A place related to a diagnostic (the other end of a cycle, the first duplicate).
public struct RelatedLocation: Sendable, Hashable {
    public var range: TextRange
    public var message: String
    public init(range: TextRange, message: String) { self.range = range; self.message = message }
}

/// A replacement of one range of the analysed file (UTF-8 byte offsets) with new text.
public struct SourceEdit: Sendable, Hashable {
    public var range: TextRange
    public var newText: String
    public init(range: TextRange, newText: String) { self.range = range; self.newText = newText }
}

/// A structured fix for a diagnostic (a did-you-mean, a missing field): data, not prose, so
/// the editor can offer it as a quick fix and `--check --format json` can print it.
public struct DiagnosticFix: Sendable, Hashable {
    public var title: String
    public var edits: [SourceEdit]
    public init(title: String, edits: [SourceEdit]) { self.title = title; self.edits = edits }
}

/// One finding, positioned by UTF-8 byte offsets in the analysed file. `code` is a stable
/// catalogue code (`KRO001`…, see docs/diagnostics.md).
public struct Diagnostic: Sendable, Hashable {
    public var code: String
    public var severity: DiagnosticSeverity
    public var message: String
    public var range: TextRange
    public var related: [RelatedLocation]
    public var fixes: [DiagnosticFix]

    public init(code: String, severity: DiagnosticSeverity = .error, message: String,
                range: TextRange, related: [RelatedLocation] = [], fixes: [DiagnosticFix] = []) {
        self.code = code; self.severity = severity; self.message = message
        self.range = range; self.related = related; self.fixes = fixes
    }
}

extension DiagnosticFix {
    /// A did-you-mean: replace `range` with `text`.
    public static func replace(_ range: TextRange, with text: String) -> DiagnosticFix {
        DiagnosticFix(title: "Change to '\(text)'", edits: [SourceEdit(range: range, newText: text)])
    }
}
