import JSON
import YAMLSyntax

/// One open document as the client last described it.
struct OpenDocument: Sendable {
    var uri: String
    var languageId: String
    var version: Int
    var source: SourceText
}

/// The open documents; edits are applied in the order they arrive.
struct DocumentStore: Sendable {
    private(set) var documents: [String: OpenDocument] = [:]

    subscript(uri: String) -> OpenDocument? { documents[uri] }

    mutating func open(uri: String, languageId: String, version: Int, text: String) {
        documents[uri] = OpenDocument(uri: uri, languageId: languageId, version: version, source: SourceText(text))
    }

    mutating func close(uri: String) -> OpenDocument? { documents.removeValue(forKey: uri) }

    /// Applies `contentChanges` in order: a change with a `range` replaces that range
    /// (clamped into the text), one without replaces the whole text.
    mutating func change(uri: String, version: Int, changes: [JSONValue],
                         conversion: PositionConversion) throws(ResponseError) {
        guard var document = documents[uri] else {
            throw ResponseError.invalidParams("didChange for a document that is not open: \(uri)")
        }
        var bytes = document.source.bytes
        var source = document.source
        for change in changes {
            guard let text = change["text"]?.stringValue else {
                throw ResponseError.invalidParams("a content change needs a text")
            }
            if let rangeValue = change["range"], rangeValue != .null {
                guard let range = conversion.byteRange(rangeValue, in: source) else {
                    throw ResponseError.invalidParams("malformed range in a content change")
                }
                bytes.replaceSubrange(range.start..<range.end, with: text.utf8)
            } else {
                bytes = Array(text.utf8)
            }
            source = SourceText(bytes: bytes)
        }
        document.source = source
        document.version = version
        documents[uri] = document
    }
}
