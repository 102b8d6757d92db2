import JSON
import KroEngine
import KroIDE
import YAMLSyntax

/// The authoring features. Each handler decodes the request, converts positions, asks
/// `KroIDE` (pure functions of a snapshot) and encodes the answer; nothing else.
extension Server {
    /// The capabilities of exactly the features below (merged into `initialize`).
    static let featureCapabilities: [(String, JSONValue)] = [
        ("completionProvider", ["triggerCharacters": [".", "{", "|"], "resolveProvider": false]),
        ("hoverProvider", true),
        ("codeLensProvider", ["resolveProvider": false]),
        ("definitionProvider", true),
        ("referencesProvider", true),
        ("documentHighlightProvider", true),
        ("renameProvider", ["prepareProvider": true]),
        ("documentSymbolProvider", true),
        ("workspaceSymbolProvider", true),
        ("codeActionProvider", ["codeActionKinds": ["quickfix"]]),
    ]

    /// nil when `method` is not a feature request.
    func featureRequest(_ method: String, _ params: JSONValue) throws(ResponseError) -> Reply? {
        switch method {
        case "textDocument/completion": return try completion(params)
        case "textDocument/codeLens": return try codeLens(params)
        case "textDocument/hover":
            let openRGDs = withState { $0.instanceRGDs(except: params["textDocument"]?["uri"]?.stringValue ?? "") }
            return try snapshotRequest(params) { r throws(ResponseError) in
                guard let info = Hover.info(r.snapshot, at: try r.offset(ofPositionIn: params), openRGDs: openRGDs) else { return .null }
                return ["contents": ["kind": "markdown", "value": .string(info.markdown)], "range": r.range(info.range)]
            }
        case "textDocument/definition":
            return try snapshotRequest(params) { r throws(ResponseError) in
                .array(Navigation.definition(r.snapshot, at: try r.offset(ofPositionIn: params)).map { r.location($0) })
            }
        case "textDocument/references":
            let declaration = params["context"]?["includeDeclaration"]?.boolValue ?? true
            return try snapshotRequest(params) { r throws(ResponseError) in
                .array(Navigation.references(r.snapshot, at: try r.offset(ofPositionIn: params), includeDeclaration: declaration)
                    .map { r.location($0) })
            }
        case "textDocument/documentHighlight":
            return try snapshotRequest(params) { r throws(ResponseError) in
                .array(Navigation.highlights(r.snapshot, at: try r.offset(ofPositionIn: params)).map {
                    ["range": r.range($0.range), "kind": $0.isDefinition ? 3 : 2]
                })
            }
        case "textDocument/prepareRename":
            return try snapshotRequest(params) { r throws(ResponseError) in
                switch Rename.prepare(r.snapshot, at: try r.offset(ofPositionIn: params)) {
                case .success(let found): return ["range": r.range(found.range), "placeholder": .string(found.name)]
                case .failure(let refusal): throw ResponseError(code: Server.requestFailed, message: "Cannot rename: \(refusal)")
                }
            }
        case "textDocument/rename":
            guard let newName = params["newName"]?.stringValue else { throw ResponseError.invalidParams("rename needs newName") }
            return try snapshotRequest(params) { r throws(ResponseError) in
                switch Rename.edits(r.snapshot, at: try r.offset(ofPositionIn: params), newName: newName) {
                case .success(let edits):
                    let lspEdits = edits.map { ["range": r.range($0.range), "newText": .string($0.newText)] as JSONValue }
                    return ["changes": .object([r.uri: .array(lspEdits)])]
                case .failure(let refusal): throw ResponseError(code: Server.requestFailed, message: "Cannot rename: \(refusal)")
                }
            }
        case "textDocument/documentSymbol":
            return try snapshotRequest(params, notKro: []) { r, writer in
                writer.beginArray()
                for symbol in DocumentSymbols.outline(r.snapshot) { r.write(symbol, to: &writer) }
                writer.endArray()
            }
        case "workspace/symbol": return workspaceSymbols(params)
        case "textDocument/codeAction":
            let openRGDs = withState { $0.instanceRGDs(except: params["textDocument"]?["uri"]?.stringValue ?? "") }
            return try snapshotRequest(params, notKro: []) { r throws(ResponseError) in
                guard let range = r.conversion.byteRange(params["range"], in: r.snapshot.source) else {
                    throw ResponseError.invalidParams("codeAction needs a range")
                }
                let instance = Server.instanceFindings(r.snapshot, openRGDs: openRGDs)
                return .array(CodeActions.actions(r.snapshot, range: range, alsoReported: instance).map { r.codeAction($0) })
            }
        default: return nil
        }
    }

    /// LSP's RequestFailed (3.17).
    static let requestFailed = -32803

    private func completion(_ params: JSONValue) throws(ResponseError) -> Reply {
        let (configuration, root, snippets) = withState { ($0.configuration, $0.rootPath, $0.snippetSupport) }
        let uri = params["textDocument"]?["uri"]?.stringValue ?? ""
        let openRGDs = withState { $0.instanceRGDs(except: uri) }
        return try snapshotRequest(params) { [self] r throws(ResponseError) in
            let store = documentOptions(uri, configuration: configuration, root: root).schemaStore
            let list = Completion.list(r.snapshot, at: try r.offset(ofPositionIn: params), store: store, openRGDs: openRGDs)
            return ["isIncomplete": .bool(list.isIncomplete), "items": .array(list.items.map { r.completionItem($0, snippets: snippets) })]
        }
    }

    private func workspaceSymbols(_ params: JSONValue) -> Reply {
        let query = params["query"]?.stringValue ?? ""
        let (files, conversion) = withState { state in
            (state.analyses.completed.filter(\.value.isKroFile).map { (uri: $0.key, snapshot: $0.value.snapshot) }
                .sorted { $0.uri < $1.uri }, state.conversion)
        }
        let sources = Dictionary(files.map { ($0.uri, $0.snapshot.source) }, uniquingKeysWith: { a, _ in a })
        // Every symbol of every open file for an empty query: written as text, one small tree each.
        var writer = JSONTextWriter()
        writer.beginArray()
        for entry in DocumentSymbols.workspace(files, query: query) {
            var info: JSONValue = [
                "name": .string(entry.symbol.name), "kind": .int(SnapshotRequest.symbolKind(entry.symbol.kind)),
                "location": ["uri": .string(entry.uri), "range": conversion.range(entry.symbol.selectionRange, in: sources[entry.uri]!)],
            ]
            if let container = entry.container { info.set("containerName", .string(container)) }
            writer.value(info)
        }
        writer.endArray()
        return .now(.text(writer.finish()))
    }
}

extension SnapshotRequest {
    func location(_ range: TextRange) -> JSONValue { ["uri": .string(uri), "range": self.range(range)] }

    func codeAction(_ action: CodeAction) -> JSONValue {
        let edits = action.edits.map { ["range": range($0.range), "newText": .string($0.newText)] as JSONValue }
        var value: JSONValue = [
            "title": .string(action.title), "kind": "quickfix", "isPreferred": .bool(action.isPreferred),
            "edit": ["changes": .object([uri: .array(edits)])],
        ]
        if let d = action.diagnostic {
            value.set("diagnostics", [["range": range(d.range), "message": .string(d.message), "code": .string(d.code), "source": "kro"]])
        }
        return value
    }

    /// An LSP `DocumentSymbol`, written as text (an outline grows with the file).
    func write(_ s: DocumentSymbol, to writer: inout JSONTextWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(s.name)
        writer.key("kind")
        writer.int(Int(Self.symbolKind(s.kind)))
        writer.key("range")
        write(s.range, to: &writer)
        writer.key("selectionRange")
        write(s.selectionRange, to: &writer)
        writer.key("children")
        writer.beginArray()
        for child in s.children { write(child, to: &writer) }
        writer.endArray()
        if let detail = s.detail {
            writer.key("detail")
            writer.string(detail)
        }
        writer.endObject()
    }

    static func symbolKind(_ kind: DocumentSymbol.Kind) -> Int64 {
        switch kind {
        case .rgd: 5  // Class
        case .namespace: 3
        case .field: 8
        case .resource: 19  // Object
        case .type: 23  // Struct
        }
    }

    func completionItem(_ item: CompletionItem, snippets: Bool) -> JSONValue {
        let text = item.isSnippet && !snippets ? Self.plainText(item.newText) : item.newText
        var value: JSONValue = [
            "label": .string(item.label), "kind": .int(Self.completionKind(item.kind)),
            "sortText": .string("\(item.priority)\(item.label)"),
            "textEdit": ["range": range(item.range), "newText": .string(text)],
            "insertTextFormat": item.isSnippet && snippets ? 2 : 1,
        ]
        if let detail = item.detail { value.set("detail", .string(detail)) }
        if let doc = item.documentation { value.set("documentation", ["kind": "markdown", "value": .string(doc)]) }
        return value
    }

    /// A snippet without its placeholders (`f(${1:x})` → `f(x)`, `f($1)` → `f()`).
    static func plainText(_ snippet: String) -> String {
        var out = ""
        var rest = Substring(snippet)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "{", let colon = rest.firstIndex(of: ":"), let close = rest.firstIndex(of: "}"), colon < close {
                out += rest[rest.index(after: colon)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                rest = rest.drop { $0.isNumber }
            }
        }
        return out + rest
    }

    static func completionKind(_ kind: CompletionItem.Kind) -> Int64 {
        switch kind {
        case .method: 2
        case .function: 3
        case .field: 5
        case .variable: 6
        case .module: 9
        case .property: 10
        case .value: 12
        case .keyword, .marker: 14
        case .macro: 15  // Snippet
        case .type: 25  // TypeParameter
        }
    }
}
