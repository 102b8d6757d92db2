/// Parses YAML streams into position-exact trees.
///
/// The stream is first split at document boundaries (a line starting with `---` followed
/// by a blank or the end of the line; libyaml treats such a line as a document start
/// everywhere, and it always ends a block scalar because block content is indented at
/// least one column). Each part is then parsed by libyaml on its own, so an error in
/// one document never hides the others.
///
/// Incremental use: `documentRanges(in:)` gives the parts and `parseDocuments(_:range:)`
/// re-parses one of them alone with offsets already absolute in `source`. A document
/// parsed from a standalone `SourceText` of its own text can be moved into place with
/// `YAMLDocument.shifted(by:)` / `YAMLNode.shifted(by:)`.
public enum YAMLParser {
    public static func parse(_ source: SourceText, limits: YAMLLimits = .default) -> YAMLFile {
        var documents: [YAMLDocument] = []
        var streamErrors: [YAMLError] = []
        var room = DuplicateKeyRoom(limits)
        var nodes = NodeRoom(limits)
        for (i, range) in documentRanges(in: source, limit: limits.maxDocuments).enumerated() {
            // Past `maxDocuments` the last range holds the rest of the text: not read, one
            // document carrying the error.
            guard i < limits.maxDocuments else {
                documents.append(YAMLDocument(root: nil, range: range, errors: [limits.tooManyDocuments(at: range.start, in: source)]))
                break
            }
            guard !nodes.isSpent else {
                documents.append(NodeRoom.notRead(range))
                continue
            }
            var part = parseDocuments(source, range: range, limits: nodes.limitsForNext)
            nodes.record(part.documents)
            room.take(&part.documents)
            documents += part.documents
            streamErrors += part.leftoverErrors
        }
        let all = (documents.flatMap(\.errors) + streamErrors).sorted { $0.range < $1.range }
        return YAMLFile(source: source, documents: documents, errors: all)
    }

    /// Parses the byte range `range` of `source` (normally one element of
    /// `documentRanges(in:)`) and returns its single document, or an empty document
    /// covering the range when it holds only comments. Offsets are absolute in `source`.
    public static func parseDocument(_ source: SourceText, range: TextRange,
                                     limits: YAMLLimits = .default) -> YAMLDocument {
        let part = parseDocuments(source, range: range, limits: limits)
        guard var first = part.documents.first else {
            return YAMLDocument(root: nil, range: range, errors: part.leftoverErrors)
        }
        // A range holding `...`-separated documents: keep the first, keep every error.
        first.errors += part.documents.dropFirst().flatMap(\.errors) + part.leftoverErrors
        first.range = TextRange(start: first.range.start, end: max(first.range.end, range.end))
        return first
    }

    /// All documents of one part of the stream, plus errors that belong to no document
    /// (e.g. an encoding error inside a comment-only part).
    public static func parseDocuments(_ source: SourceText, range: TextRange,
                                      limits: YAMLLimits = .default)
        -> (documents: [YAMLDocument], leftoverErrors: [YAMLError]) {
        let start = min(max(range.start, 0), source.count)
        let end = min(max(range.end, start), source.count)
        let chunk = TextRange(start: start, end: end)
        if chunk.length > limits.maxDocumentSize {
            let error = YAMLError(
                message: "document is \(chunk.length) bytes, more than the limit of \(limits.maxDocumentSize) bytes",
                range: TextRange(start: start, end: start), kind: .limit)
            return ([YAMLDocument(root: nil, range: chunk, errors: [error])], [])
        }
        var reader = LibYAMLReader(source: source, chunk: chunk, limits: limits)
        return reader.run()
    }

    /// The byte ranges of the stream's parts: the first starts at 0, every other one at a
    /// column-0 `---` line (pulled back over `%` directive lines right before it). They
    /// tile the whole text. At most `limit` + 1: the last one then holds the rest of the
    /// text (the parts over `YAMLLimits.maxDocuments` are not read, nor listed).
    public static func documentRanges(in source: SourceText, limit: Int = .max) -> [TextRange] {
        let bytes = source.bytes
        var starts = [0]
        source.lineStarts.forEachOffset { index, lineStart in
            guard starts.count <= limit, lineStart > 0, isDocumentStartLine(bytes, lineStart) else { return }
            var boundary = lineStart
            var line = index
            while line > 0, source.lineStarts[line - 1] > starts[starts.count - 1],
                  bytes[source.lineStarts[line - 1]] == UInt8(ascii: "%") {
                line -= 1
                boundary = source.lineStarts[line]
            }
            starts.append(boundary)
        }
        var ranges: [TextRange] = []
        for (i, s) in starts.enumerated() {
            let e = i + 1 < starts.count ? starts[i + 1] : bytes.count
            ranges.append(TextRange(start: s, end: e))
        }
        return ranges
    }

    static func isDocumentStartLine(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard i + 3 <= bytes.count, bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x2D else { return false }
        guard i + 3 < bytes.count else { return true }
        let next = bytes[i + 3]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }
}
