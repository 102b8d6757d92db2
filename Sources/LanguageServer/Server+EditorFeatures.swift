import JSON
import KroEngine
import KroIDE
import YAMLSyntax

/// The editor features beyond navigation (semantic tokens, …): thin handlers over `KroIDE`
/// like those of Server+Features.swift, kept apart so both lists grow without conflicts.
extension Server {
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
            return try snapshotRequest(params, notKro: ["data": []]) { r in
                r.semanticTokens(SemanticTokens.tokens(r.snapshot))
            }
        case "textDocument/semanticTokens/range":
            return try snapshotRequest(params, notKro: ["data": []]) { r throws(ResponseError) in
                guard let range = r.conversion.byteRange(params["range"], in: r.snapshot.source) else {
                    throw ResponseError.invalidParams("semanticTokens/range needs a range")
                }
                return r.semanticTokens(SemanticTokens.tokens(r.snapshot, in: range))
            }
        case "textDocument/signatureHelp":
            return try snapshotRequest(params) { r throws(ResponseError) in
                guard let help = SignatureHelp.help(r.snapshot, at: try r.offset(ofPositionIn: params)) else { return .null }
                return r.signatureHelp(help)
            }
        case "textDocument/foldingRange":
            return try snapshotRequest(params, notKro: []) { r in
                .array(FoldingRanges.ranges(r.snapshot).map { f -> JSONValue in
                    ["startLine": .int(Int64(f.startLine)), "endLine": .int(Int64(f.endLine)),
                     "kind": f.kind == .comment ? "comment" : "region"]
                })
            }
        case "textDocument/selectionRange":
            guard let positions = params["positions"]?.arrayValue else { throw ResponseError.invalidParams("selectionRange needs positions") }
            return try snapshotRequest(params, notKro: []) { r throws(ResponseError) in
                var answers: [JSONValue] = []
                for position in positions {
                    let offset = try r.offset(position)
                    let chain = SelectionRanges.ranges(r.snapshot, at: offset)
                    // Outermost first, each the parent of the next; a position outside every node gets itself.
                    var selection: JSONValue = .null
                    for range in (chain.isEmpty ? [TextRange(start: offset, end: offset)] : chain).reversed() {
                        selection = selection == .null ? ["range": r.range(range)] : ["range": r.range(range), "parent": selection]
                    }
                    answers.append(selection)
                }
                return .array(answers)
            }
        case "textDocument/inlayHint":
            let enabled = withState { $0.configuration.inlayHints }
            let openRGDs = withState { $0.instanceRGDs(except: params["textDocument"]?["uri"]?.stringValue ?? "") }
            return try snapshotRequest(params, notKro: []) { r throws(ResponseError) in
                guard let range = r.conversion.byteRange(params["range"], in: r.snapshot.source) else {
                    throw ResponseError.invalidParams("inlayHint needs a range")
                }
                guard enabled else { return [] }
                return .array(InlayHints.hints(r.snapshot, in: range, openRGDs: openRGDs).map { hint in
                    let position = r.conversion.position(hint.offset, in: r.snapshot.source)
                    guard let tooltip = hint.tooltip else { return ["position": position, "label": .string(hint.label), "kind": 1] }
                    return ["position": position, "label": .string(hint.label), "kind": 2, "tooltip": .string(tooltip), "paddingLeft": true]
                })
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

    /// LSP's relative encoding: per token (Δline, Δstart, length, type, modifiers), with
    /// columns and lengths in the negotiated position encoding.
    func semanticTokens(_ tokens: [SemanticToken]) -> JSONValue {
        let types = Dictionary(uniqueKeysWithValues: SemanticTokenType.allCases.enumerated().map { ($1, $0) })
        var data: [JSONValue] = []
        data.reserveCapacity(tokens.count * 5)
        var line = 0, column = 0
        for token in tokens {
            let start = snapshot.source.position(of: token.range.start, encoding: conversion.encoding)
            let end = snapshot.source.position(of: token.range.end, encoding: conversion.encoding)
            let deltaLine = start.line - line
            data += [.int(Int64(deltaLine)), .int(Int64(deltaLine == 0 ? start.column - column : start.column)),
                     .int(Int64(end.column - start.column)), .int(Int64(types[token.type]!)), .int(Int64(token.modifiers.rawValue))]
            (line, column) = (start.line, start.column)
        }
        return ["data": .array(data)]
    }
}
