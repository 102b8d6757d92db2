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
    /// How many documents may be open at once, and how many bytes they may hold together:
    /// far above any editor session, low enough that a runaway client cannot exhaust memory.
    struct Limits: Sendable {
        var maxDocuments = 2000
        /// Two documents of the largest size YAML reads (64 MiB). An open document's
        /// analysis takes several times its text: 2,000 of 229 KB (458 MB, under the 1 GiB
        /// this was) kept 1.7 GB.
        var maxTotalBytes = 128 << 20
        /// A file URI of the longest Linux path, every byte percent-encoded, is about 12 KiB.
        /// The URI is kept, and read as a path by other documents' analyses: 20 documents
        /// of 10 MB URIs held 257 MB, outside the limit on their text.
        var maxURIBytes = 16 << 10
    }

    private(set) var documents: [String: OpenDocument] = [:]
    var limits = Limits()
    private var totalBytes = 0
    /// Documents the client has open that the store does not hold, for a limit: the ones
    /// `change` closed and the ones `open` refused. Their language and why, by URI (no more
    /// entries than `maxDocuments`), so that a request on one says why it has no answer.
    private var closedForLimit: [String: (languageId: String, reason: String)] = [:]

    subscript(uri: String) -> OpenDocument? { documents[uri] }

    /// Opens (or reopens) a document; returns why it was refused when a limit is reached.
    mutating func open(uri: String, languageId: String, version: Int, text: String) -> String? {
        if uri.utf8.count > limits.maxURIBytes {
            return "a document URI of \(uri.utf8.count) bytes is over the limit of \(limits.maxURIBytes); "
                + "not analysed: \(uri.prefix(80))…"
        }
        let previous = documents[uri]?.source.bytes.count ?? 0
        if previous == 0 && documents[uri] == nil && documents.count >= limits.maxDocuments {
            return refused(uri, languageId,
                           "\(documents.count) documents are open, the limit is \(limits.maxDocuments); close some to analyse \(uri)")
        }
        let bytes = totalBytes - previous + text.utf8.count
        if bytes > limits.maxTotalBytes {
            return refused(uri, languageId,
                           "open documents would hold \(bytes) bytes, the limit is \(limits.maxTotalBytes); close some to analyse \(uri)")
        }
        documents[uri] = OpenDocument(uri: uri, languageId: languageId, version: version, source: SourceText(text))
        totalBytes = bytes
        closedForLimit[uri] = nil
        return nil
    }

    /// Keeps why `uri` was refused (the client has it open all the same) and returns it.
    private mutating func refused(_ uri: String, _ languageId: String, _ reason: String) -> String {
        if documents[uri] == nil, closedForLimit[uri] != nil || closedForLimit.count < limits.maxDocuments {
            closedForLimit[uri] = (languageId, reason)
        }
        return reason
    }

    /// The error for a request on `uri` when the store does not hold it: why, when a limit
    /// closed or refused it.
    func notOpenError(_ uri: String, what: String = "document") -> ResponseError {
        guard let reason = closedForLimit[uri]?.reason else { return .invalidParams("\(what) not open: \(uri)") }
        return .invalidParams("\(what) not analysed, over a limit of kro-lsp: \(reason)")
    }

    mutating func close(uri: String) -> OpenDocument? {
        closedForLimit[uri] = nil
        let closed = documents.removeValue(forKey: uri)
        totalBytes -= closed?.source.bytes.count ?? 0
        return closed
    }

    /// A didChange of at least this many changes makes its edits in a `ChunkedText` from the
    /// first one no `EditRun` gathers: edits far apart, back and forth, each moved the whole
    /// text (10,000 of them: 6.7 s in an 11 MB document). Made from the document's text,
    /// not from an edited copy, it holds no third copy of a large text. Fewer changes cost
    /// at most that many moves, and keep the line table of the edited text.
    var chunkedFrom = 64
    var chunkSize = 4 << 10

    /// Applies `contentChanges` in order: a change with a `range` replaces that range
    /// (clamped into the text), one without replaces the whole text. Range edits are made
    /// together where they allow it (`EditRun`). An edit is never dropped alone (the next
    /// ones would apply to the wrong text): one that takes the open documents past
    /// `maxTotalBytes` closes its document, and the reason is returned. Edits appending
    /// to one document without end would otherwise hold any amount of text.
    @discardableResult
    mutating func change(uri: String, version: Int, changes: [JSONValue],
                         conversion: PositionConversion) throws(ResponseError) -> String? {
        guard var document = documents[uri] else {
            throw ResponseError.invalidParams("didChange for a document that is not open: \(uri)")
        }
        var run = EditRun(document.source)
        var chunked: ChunkedText?
        let chunks = changes.count >= chunkedFrom
        for change in changes {
            guard let text = change["text"]?.stringValue else {
                throw ResponseError.invalidParams("a content change needs a text")
            }
            guard let range = change["range"], range != .null else {
                (run, chunked) = (EditRun(SourceText(text)), nil)
                continue
            }
            guard let positions = PositionConversion.positions(range) else {
                throw ResponseError.invalidParams("malformed range in a content change")
            }
            let replacement = Array(text.utf8)
            if chunked == nil, !run.add(positions, replacement, conversion: conversion) {
                if chunks {
                    chunked = run.madeInChunks(chunkSize: chunkSize)
                } else {
                    run = EditRun(run.made())
                    run.add(positions, replacement, conversion: conversion)
                }
            }
            if chunked != nil {
                let place = conversion.byteRange(positions) { chunked!.offset(of: $0, encoding: conversion.encoding) }
                chunked!.replace(place, with: replacement)
            }
        }
        let source: SourceText
        if var text = chunked {
            chunked = nil  // `text` the only holder: its chunks are freed as they are copied
            source = SourceText(bytes: text.takeBytes())
        } else {
            source = run.made()
        }
        let bytes = totalBytes - document.source.bytes.count + source.bytes.count
        guard bytes <= limits.maxTotalBytes else {
            _ = close(uri: uri)
            let reason = "open documents would hold \(bytes) bytes after this change, the limit is \(limits.maxTotalBytes); "
                + "\(uri) is closed in kro-lsp (reopen it, or replace its whole text, to analyse it)"
            if closedForLimit.count < limits.maxDocuments { closedForLimit[uri] = (document.languageId, reason) }
            return reason
        }
        totalBytes = bytes
        document.source = source
        document.version = version
        documents[uri] = document
        return nil
    }

    /// Whether `uri` is a document `change` closed, or `open` refused, for a limit.
    func isClosedForLimit(_ uri: String) -> Bool { closedForLimit[uri] != nil }

    /// A didChange for a document `change` closed, or `open` refused, for a limit: the
    /// client still has it open. A change of the whole text reopens it, the changes after that one applied,
    /// when it fits; changes of ranges alone cannot be applied to a text no longer held.
    /// Returns whether the document is open again.
    mutating func changeClosed(uri: String, version: Int, changes: [JSONValue],
                               conversion: PositionConversion) throws(ResponseError) -> Bool {
        guard let languageId = closedForLimit[uri]?.languageId,
              let whole = changes.lastIndex(where: { $0["range"] == nil || $0["range"] == .null }),
              let text = changes[whole]["text"]?.stringValue,
              open(uri: uri, languageId: languageId, version: version, text: text) == nil else { return false }
        return try change(uri: uri, version: version, changes: Array(changes[(whole + 1)...]), conversion: conversion) == nil
    }
}
