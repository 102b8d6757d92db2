import JSON
import KroEngine
import KroIDE
import YAMLSyntax

/// The editor features beyond navigation (semantic tokens, …): thin handlers over `KroIDE`
/// like those of Server+Features.swift, kept apart so both lists grow without conflicts.
extension Server {
    /// Positions one selectionRange request may ask about.
    static let maxSelectionPositions = 10_000

    static let editorCapabilities: [(String, JSONValue)] = [
        ("semanticTokensProvider", ["legend": semanticTokensLegend, "full": true, "range": true]),
        ("signatureHelpProvider", ["triggerCharacters": ["(", ","], "retriggerCharacters": [")"]]),
        ("foldingRangeProvider", true),
        ("selectionRangeProvider", true),
        ("inlayHintProvider", ["resolveProvider": false]),
    ]

    /// Token types and modifiers by index, as `SemanticTokenType` and `SemanticTokenModifiers` order them.
    static let semanticTokensLegend: JSONValue = [
        "tokenTypes": .array(SemanticTokenType.allCases.map { .string($0.rawValue) }),
        "tokenModifiers": .array(SemanticTokenModifiers.names.map { .string($0) }),
    ]

    /// nil when `method` is not one of these requests.
    func editorRequest(_ method: String, _ params: JSONValue) throws(ResponseError) -> Reply? {
        switch method {
        case "textDocument/semanticTokens/full":
            return try snapshotRequest(params, notKro: ["data": []]) { r, writer in
                r.writeSemanticTokens(in: nil, to: &writer)
            }
        case "textDocument/semanticTokens/range":
            return try snapshotRequest(params, notKro: ["data": []]) { r, writer throws(ResponseError) in
                guard let range = r.conversion.byteRange(params["range"], in: r.snapshot.source) else {
                    throw ResponseError.invalidParams("semanticTokens/range needs a range")
                }
                r.writeSemanticTokens(in: range, to: &writer)
            }
        case "textDocument/signatureHelp":
            return try snapshotRequest(params) { r throws(ResponseError) in
                guard let help = SignatureHelp.help(r.snapshot, at: try r.offset(ofPositionIn: params)) else { return .null }
                return r.signatureHelp(help)
            }
        case "textDocument/foldingRange":
            return try snapshotRequest(params, notKro: []) { r, writer in
                writer.beginArray()
                for f in FoldingRanges.ranges(r.snapshot) {
                    writer.beginObject()
                    writer.key("startLine")
                    writer.int(f.startLine)
                    writer.key("endLine")
                    writer.int(f.endLine)
                    writer.key("kind")
                    writer.string(f.kind == .comment ? "comment" : "region")
                    writer.endObject()
                }
                writer.endArray()
            }
        case "textDocument/selectionRange":
            guard let positions = params["positions"]?.arrayValue else { throw ResponseError.invalidParams("selectionRange needs positions") }
            // An editor asks for one per cursor; a frame of 64 MiB could ask for 1.5 million
            // (100,000 took 3.6 s for an 81 MB answer).
            guard positions.count <= Self.maxSelectionPositions else {
                throw ResponseError.invalidParams(
                    "selectionRange: \(positions.count) positions, over kro-lsp's limit of \(Self.maxSelectionPositions) per request")
            }
            // One answer per position: written as text as they come.
            return try snapshotRequest(params, notKro: []) { r, writer throws(ResponseError) in
                var offsets: [Int] = []
                for position in positions { offsets.append(try r.offset(position)) }
                writer.beginArray()
                for offset in offsets {
                    // Innermost first, each the child of the next; a position outside every node gets itself.
                    let chain = SelectionRanges.ranges(r.snapshot, at: offset)
                    let ranges = chain.isEmpty ? [TextRange(start: offset, end: offset)] : chain
                    for (k, range) in ranges.enumerated() {
                        if k > 0 { writer.key("parent") }
                        writer.beginObject()
                        writer.key("range")
                        r.write(range, to: &writer)
                    }
                    for _ in ranges { writer.endObject() }
                }
                writer.endArray()
            }
        case "textDocument/inlayHint":
            let enabled = withState { $0.configuration.inlayHints }
            let openRGDs = withState { $0.instanceRGDs(except: params["textDocument"]?["uri"]?.stringValue ?? "") }
            // A range as large as the file gets a hint per expression: written as text, one small tree each.
            return try snapshotRequest(params, notKro: []) { r, writer throws(ResponseError) in
                guard let range = r.conversion.byteRange(params["range"], in: r.snapshot.source) else {
                    throw ResponseError.invalidParams("inlayHint needs a range")
                }
                writer.beginArray()
                for hint in enabled ? InlayHints.hints(r.snapshot, in: range, openRGDs: openRGDs) : [] {
                    let position = r.conversion.position(hint.offset, in: r.snapshot.source)
                    guard let tooltip = hint.tooltip else {
                        writer.value(["position": position, "label": .string(hint.label), "kind": 1])
                        continue
                    }
                    writer.value(["position": position, "label": .string(hint.label), "kind": 2, "tooltip": .string(tooltip),
                                  "paddingLeft": true])
                }
                writer.endArray()
            }
        default: return nil
        }
    }
}

extension SnapshotRequest {
    func signatureHelp(_ help: SignatureHelpInfo) -> JSONValue {
        let signatures = help.signatures.map { s -> JSONValue in
            [
                "label": .string(s.label), "documentation": ["kind": "markdown", "value": .string(s.documentation)],
                "parameters": .array(s.parameters.map { ["label": [.int(Int64($0.lowerBound)), .int(Int64($0.upperBound))]] }),
            ]
        }
        return ["signatures": .array(signatures), "activeSignature": .int(Int64(help.activeSignature)),
                "activeParameter": .int(Int64(help.activeParameter))]
    }

    /// `{"data": [...]}` of the tokens (touching `range`) in LSP's relative encoding: per token
    /// (Δline, Δstart, length, type, modifiers), with columns and lengths in the negotiated
    /// position encoding. Written as text as the tokens come: five numbers a token, millions
    /// in a large file.
    func writeSemanticTokens(in range: TextRange?, to writer: inout JSONTextWriter) {
        let types = Dictionary(uniqueKeysWithValues: SemanticTokenType.allCases.enumerated().map { ($1, $0) })
        writer.beginObject()
        writer.key("data")
        writer.beginArray()
        var line = 0, column = 0
        SemanticTokens.forEachToken(snapshot, in: range) { token in
            let start = snapshot.source.position(of: token.range.start, encoding: conversion.encoding)
            let end = snapshot.source.position(of: token.range.end, encoding: conversion.encoding)
            let deltaLine = start.line - line
            writer.int(deltaLine)
            writer.int(deltaLine == 0 ? start.column - column : start.column)
            writer.int(end.column - start.column)
            writer.int(types[token.type]!)
            writer.int(Int(token.modifiers.rawValue))
            (line, column) = (start.line, start.column)
        }
        writer.endArray()
        writer.endObject()
    }
}
