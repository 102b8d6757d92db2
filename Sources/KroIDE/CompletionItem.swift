import YAMLSyntax

/// One completion proposal, as plain data: the server turns it into an LSP item.
public struct CompletionItem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case field, variable, function, method, macro, keyword, value, type, property, marker, module
    }
    public var label: String
    public var kind: Kind
    /// The type (fields, variables), the signature (functions) or the kind (resources).
    public var detail: String?
    /// Markdown.
    public var documentation: String?
    /// The file range the item replaces (the partial word before the cursor).
    public var range: TextRange
    public var newText: String
    /// `newText` holds snippet placeholders (`${1:x}`).
    public var isSnippet: Bool
    /// Lower first (required template keys before optional ones).
    public var priority: Int

    public init(label: String, kind: Kind, detail: String? = nil, documentation: String? = nil, range: TextRange,
                newText: String? = nil, isSnippet: Bool = false, priority: Int = 1) {
        self.label = label; self.kind = kind; self.detail = detail; self.documentation = documentation
        self.range = range; self.newText = newText ?? label; self.isSnippet = isSnippet; self.priority = priority
    }
}
