import JSON
import KroEngine
import YAMLSyntax

/// What a request handler gets: the snapshot of the version current when the request
/// arrived, and the position conversion of the session.
struct SnapshotRequest: Sendable {
    let uri: String
    let snapshot: DocumentSnapshot
    let conversion: PositionConversion

    /// The byte offset of an LSP position in the snapshot's text; invalid params when malformed.
    func offset(_ position: JSONValue?) throws(ResponseError) -> Int {
        guard let offset = conversion.offset(position, in: snapshot.source) else {
            throw ResponseError.invalidParams("expected a position {line, character}")
        }
        return offset
    }

    /// The byte offset of `params.position` (every text-document-position request).
    func offset(ofPositionIn params: JSONValue) throws(ResponseError) -> Int { try offset(params["position"]) }

    /// An LSP range of a byte range.
    func range(_ range: TextRange) -> JSONValue { conversion.range(range, in: snapshot.source) }

    /// `range(_:)` written as text.
    func write(_ range: TextRange, to writer: inout JSONTextWriter) {
        conversion.write(range: range, in: snapshot.source, to: &writer)
    }
}

extension Server {
    /// The one way a request reads a document. Captures the document's current analysis
    /// run now (on the reader, so the request is about the text as of its arrival), then
    /// off the reader waits for that run's snapshot and answers `body(request)`. It never
    /// analyses: when the document changes before the answer, the request fails with
    /// ContentModified (LSP 3.17) and the client asks again; when only a newer run of the
    /// same text replaced it (a CRD or configuration change), it answers from that one. An unopened document is an
    /// invalid-params error. A file that is not kro's (KroFileDetection) gets `notKro`
    /// (null by default: "nothing here" for hover, completion, definition, …).
    func snapshotRequest(_ params: JSONValue, notKro: JSONValue = .null,
                         _ body: @escaping @Sendable (SnapshotRequest) throws(ResponseError) -> JSONValue)
        throws(ResponseError) -> Reply
    {
        try snapshotRequest(params, notKro: notKro, payload: { r throws(ResponseError) in .tree(try body(r)) })
    }

    /// `snapshotRequest` for a result that grows with the file: `body` writes it as text
    /// (semantic tokens, the outline, …), and no `JSONValue` tree of it is ever made.
    func snapshotRequest(_ params: JSONValue, notKro: JSONValue = .null,
                         _ body: @escaping @Sendable (SnapshotRequest, inout JSONTextWriter) throws(ResponseError) -> Void)
        throws(ResponseError) -> Reply
    {
        try snapshotRequest(params, notKro: notKro, payload: { r throws(ResponseError) in
            var writer = JSONTextWriter()
            try body(r, &writer)
            return .text(writer.finish())
        })
    }

    private func snapshotRequest(_ params: JSONValue, notKro: JSONValue,
                                 payload body: @escaping @Sendable (SnapshotRequest) throws(ResponseError) -> Payload)
        throws(ResponseError) -> Reply
    {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            throw ResponseError.invalidParams("the request needs textDocument.uri")
        }
        let (generation, conversion, notOpen) = withState {
            ($0.analyses.current[uri], $0.conversion, $0.analyses.current[uri] == nil ? $0.documents.notOpenError(uri) : nil)
        }
        guard let generation else { throw notOpen ?? ResponseError.invalidParams("document not open: \(uri)") }
        return .later { [self] in
            guard case .done(let result) = await analysis(uri, generation: generation) else { return .failure(Server.contentModified) }
            guard result.isKroFile else { return .success(.tree(notKro)) }
            let request = SnapshotRequest(uri: uri, snapshot: result.snapshot, conversion: conversion)
            let answer = Result { () throws(ResponseError) -> Payload in try body(request) }
            // An edit that arrived while `body` ran makes its answer stale too.
            let stillCurrent = withState { $0.analyses.hasText(of: generation, uri) }
            return stillCurrent ? answer : .failure(Server.contentModified)
        }
    }

    static let contentModified = ResponseError(code: ResponseError.contentModified,
                                               message: "Content modified: the document changed during the request")
}
