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
    /// At most `maxMessageBytes`: a longer message (one quoting a pasted document) keeps its
    /// start and its end, where the finding is named, around an ellipsis.
    public var message: String {
        get { boundedMessage }
        set { boundedMessage = Self.bounded(newValue) }
    }
    private var boundedMessage: String
    public var range: TextRange
    public var related: [RelatedLocation]
    public var fixes: [DiagnosticFix]

    public init(code: String, severity: DiagnosticSeverity = .error, message: String,
                range: TextRange, related: [RelatedLocation] = [], fixes: [DiagnosticFix] = []) {
        self.code = code; self.severity = severity; self.boundedMessage = Self.bounded(message)
        self.range = range; self.related = related; self.fixes = fixes
    }

    public static let maxMessageBytes = 2048

    static func bounded(_ message: String) -> String {
        guard message.utf8.count > maxMessageBytes else { return message }
        let scalars = message.unicodeScalars
        var headEnd = scalars.startIndex, used = 0
        while headEnd < scalars.endIndex, used + UTF8.width(scalars[headEnd]) <= maxMessageBytes / 2 {
            used += UTF8.width(scalars[headEnd])
            scalars.formIndex(after: &headEnd)
        }
        var tailStart = scalars.endIndex
        used = 0
        while tailStart > headEnd {
            let previous = scalars.index(before: tailStart)
            let width = UTF8.width(scalars[previous])
            guard used + width <= maxMessageBytes * 2 / 5 else { break }
            used += width
            tailStart = previous
        }
        return String(scalars[..<headEnd]) + " … " + String(scalars[tailStart...])
    }
}

extension DiagnosticFix {
    /// A did-you-mean: replace `range` with `text`.
    public static func replace(_ range: TextRange, with text: String) -> DiagnosticFix {
        DiagnosticFix(title: "Change to '\(text)'", edits: [SourceEdit(range: range, newText: text)])
    }
}
