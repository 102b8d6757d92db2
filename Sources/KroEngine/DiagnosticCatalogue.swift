import CEL
/// The diagnostics catalogue (docs/diagnostics.md, embedded in the executable): one entry
/// per code, read from the doc's `## KROnnn` sections so code and doc cannot disagree.
public struct DiagnosticCatalogue: Sendable {
    public struct Entry: Sendable, Hashable {
        public var code: String
        /// The `Condition:` or `Finding:` line: what the code is about.
        public var summary: String
        /// The `Message:` line, when the doc gives one.
        public var message: String?
        /// `Default severity:` for kro-lsp lints; upstream errors are errors.
        public var defaultSeverity: DiagnosticSeverity
    }

    public let entries: [Entry]

    /// The embedded catalogue (empty if the doc is not embedded, which a test rules out).
    public static let embedded = DiagnosticCatalogue(markdown: EmbeddedResource.blob(named: "diagnostics.md")?
        .withBytes { String(decoding: $0, as: UTF8.self) } ?? "")

    public init(markdown: String) {
        var entries: [Entry] = []
        var current: Entry?
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmedOfSpaces
            if line.hasPrefix("## ") {
                if let current { entries.append(current) }
                let code = String(line.dropFirst(3)).trimmedOfSpaces
                current = code.hasPrefix("KRO") ? Entry(code: code, summary: "", message: nil, defaultSeverity: .error) : nil
                continue
            }
            guard current != nil, line.hasPrefix("- "), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[line.index(line.startIndex, offsetBy: 2)..<colon]
            let value = line[line.index(after: colon)...].trimmedOfSpaces
            switch key {
            case "Condition", "Finding": current?.summary = value
            case "Message": current?.message = value
            case "Default severity": current?.defaultSeverity = Self.severity(in: value)
            default: break
            }
        }
        if let current { entries.append(current) }
        self.entries = entries.sorted { $0.code < $1.code }
    }

    public func entry(_ code: String) -> Entry? { entries.first { $0.code == code } }

    /// Why `code` (upper case) names no entry, with the nearest code when one is close;
    /// nil when it names one. A misspelt code in a severity setting would change nothing.
    public func unknownCode(_ code: String) -> String? {
        guard entry(code) == nil else { return nil }
        let nearest = DidYouMean.closest(to: code, among: entries.lazy.map(\.code))
        return "no diagnostic has the code \(code)" + (nearest.map { " (did you mean \($0)?)" } ?? "")
    }

    /// The first severity word of a `Default severity:` value (`info (kro would fail…)`).
    static func severity(in text: String) -> DiagnosticSeverity {
        let word = text.prefix { $0.isLetter }.lowercased()
        switch word {
        case "warning": return .warning
        case "info", "information": return .information
        case "hint": return .hint
        default: return .error
        }
    }
}

private extension StringProtocol {
    var trimmedOfSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
