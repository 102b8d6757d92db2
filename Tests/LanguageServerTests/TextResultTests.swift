import Foundation
import JSON
import KroEngine
import KroIDE
import KroTestSupport
import Testing
import YAMLSyntax
@testable import LanguageServer

/// The results written as text (semantic tokens, the outline, folding ranges, code lenses,
/// inlay hints, workspace symbols, selection ranges)
/// are the bytes their `JSONValue` trees serialize to: the trees below are how the server
/// built those answers before, kept here as the reference. Non-ASCII text, CRLF line ends,
/// several RGDs in a file, both position encodings.
@Suite struct TextResultTests {
    let uri = "file:///text.yaml"
    let serializer = JSONSerializer(options: .init(nonFiniteNumbers: .null))

    static func document(lineEnd: String) -> String {
        let one = RGDFixture.head(name: "démo", kind: "Demo", schema: "spec:\n  name: string\n  size: integer") + """
          resources:
            # a comment
            # and another
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: "é☕😀-${schema.spec.name}"
                data:
                  k: ${size(schema.spec.name) + schema.spec.size}
                  "tab\\tquote\\"": x
            - id: second
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${config.metadata.name}-二
        """
        let two = RGDFixture.head(name: "zwei", kind: "Zwei", schema: "spec:\n  n: string") + """
          resources:
            - id: only
              template:
                apiVersion: v1
                kind: Secret
                metadata:
                  name: ${schema.spec.n}
        """
        return (one + "\n---\n" + two + "\n").replacingOccurrences(of: "\n", with: lineEnd)
    }

    /// In an expression after non-ASCII text, at the start, past the end, on a key, in the second RGD.
    static let selectionPositions: JSONValue = [
        ["line": 14, "character": 24], ["line": 0, "character": 0], ["line": 999, "character": 3],
        ["line": 12, "character": 9], ["line": 33, "character": 20],
    ]

    /// From the middle of the first RGD's resources to the end.
    static let tail: JSONValue = ["start": ["line": 14, "character": 3], "end": ["line": 999, "character": 0]]

    /// A server with `text` open, its snapshot request and the writer's answer for `method`.
    func answers(text: String, encodings: [String]) async throws -> (Server, SnapshotRequest, [String: JSONFragment]) {
        let server = Server(writer: FrameWriter(fd: open("/dev/null", O_WRONLY)), logLevel: .error)
        _ = server.handle(.success(.request(id: .int(1), method: "initialize", params: [
            "capabilities": ["general": ["positionEncodings": .array(encodings.map { .string($0) })]],
        ])))
        server.handleNotification(method: "initialized", params: [:])
        server.didOpen(["textDocument": ["uri": .string(uri), "version": 1, "languageId": "yaml", "text": .string(text)]])
        guard case .done(let result) = await server.analysis(uri) else { throw LSPClientError("no analysis") }
        let request = SnapshotRequest(uri: uri, snapshot: result.snapshot, conversion: server.withState { $0.conversion })
        let methods: [(String, JSONValue)] = [
            ("textDocument/semanticTokens/full", [:]), ("textDocument/semanticTokens/range", ["range": Self.tail]),
            ("textDocument/documentSymbol", [:]), ("textDocument/foldingRange", [:]), ("textDocument/codeLens", [:]),
            ("textDocument/inlayHint", ["range": ["start": ["line": 0, "character": 0], "end": ["line": 999, "character": 0]]]),
            ("workspace/symbol", ["query": ""]), ("textDocument/selectionRange", ["positions": Self.selectionPositions]),
        ]
        var out: [String: JSONFragment] = [:]
        for (method, extra) in methods {
            var params = extra
            params.set("textDocument", ["uri": .string(uri)])
            let answer: Payload = switch try server.dispatch(method: method, params: params) {
            case .now(let payload): payload
            case .later(let work): try await work().get()
            }
            guard case .text(let text) = answer else { throw LSPClientError("\(method) was not answered as text") }
            out[method] = text
        }
        return (server, request, out)
    }

    @Test(arguments: ["\n", "\r\n"], [["utf-8"], []])
    func textResultsAreTheBytesOfTheTrees(lineEnd: String, encodings: [String]) async throws {
        let text = Self.document(lineEnd: lineEnd)
        let (server, r, answers) = try await answers(text: text, encodings: encodings)
        let whole = try #require(r.conversion.byteRange(["start": ["line": 0, "character": 0], "end": ["line": 999, "character": 0]],
                                                        in: r.snapshot.source))
        let openRGDs = server.withState { $0.instanceRGDs(except: uri) }
        #expect(r.conversion.encoding == (encodings.isEmpty ? .utf16 : .utf8))
        let tail = try #require(r.conversion.byteRange(Self.tail, in: r.snapshot.source))
        let trees: [String: JSONValue] = [
            "textDocument/semanticTokens/full": semanticTokensTree(r, SemanticTokens.tokens(r.snapshot)),
            "textDocument/semanticTokens/range": semanticTokensTree(r, SemanticTokens.tokens(r.snapshot, in: tail)),
            "textDocument/documentSymbol": .array(DocumentSymbols.outline(r.snapshot).map { symbolTree(r, $0) }),
            "textDocument/foldingRange": .array(FoldingRanges.ranges(r.snapshot).map { f -> JSONValue in
                ["startLine": .int(Int64(f.startLine)), "endLine": .int(Int64(f.endLine)),
                 "kind": f.kind == .comment ? "comment" : "region"]
            }),
            "textDocument/codeLens": .array(CodeLenses.lenses(r.snapshot).map { r.codeLens($0) }),
            "textDocument/inlayHint": .array(InlayHints.hints(r.snapshot, in: whole, openRGDs: openRGDs).map { hint in
                let position = r.conversion.position(hint.offset, in: r.snapshot.source)
                guard let tooltip = hint.tooltip else { return ["position": position, "label": .string(hint.label), "kind": 1] }
                return ["position": position, "label": .string(hint.label), "kind": 2, "tooltip": .string(tooltip), "paddingLeft": true]
            }),
            "workspace/symbol": .array(DocumentSymbols.workspace([(uri, r.snapshot)], query: "").map { entry -> JSONValue in
                var info: JSONValue = [
                    "name": .string(entry.symbol.name), "kind": .int(SnapshotRequest.symbolKind(entry.symbol.kind)),
                    "location": ["uri": .string(entry.uri), "range": r.range(entry.symbol.selectionRange)],
                ]
                if let container = entry.container { info.set("containerName", .string(container)) }
                return info
            }),
            "textDocument/selectionRange": .array(try Self.selectionPositions.arrayValue!.map { position -> JSONValue in
                let offset = try r.offset(position)
                let chain = SelectionRanges.ranges(r.snapshot, at: offset)
                var selection: JSONValue = .null
                for range in (chain.isEmpty ? [TextRange(start: offset, end: offset)] : chain).reversed() {
                    selection = selection == .null ? ["range": r.range(range)] : ["range": r.range(range), "parent": selection]
                }
                return selection
            }),
        ]
        for (method, tree) in trees {
            // Not trivially equal: every answer has something in it.
            #expect(tree != [] && tree["data"] != [], "\(method)")
            #expect(answers[method]?.bytes == (try serializer.serialize(tree)), "\(method)")
        }
    }

    @Test func columnsDifferBetweenTheEncodings() async throws {
        let text = Self.document(lineEnd: "\r\n")
        let utf8 = try await answers(text: text, encodings: ["utf-8"]).2
        let utf16 = try await answers(text: text, encodings: []).2
        #expect(utf8["textDocument/semanticTokens/full"] != utf16["textDocument/semanticTokens/full"])
        #expect(utf8["textDocument/documentSymbol"] != utf16["textDocument/documentSymbol"])
    }

    @Test func messagesAroundTextAreTheBytesOfTheirTrees() throws {
        let result: JSONValue = ["data": [1, 2], "é": "\u{01}\"\r\n"]
        for id in [RequestID.int(7), .string("k\"é"), nil] {
            let tree = OutgoingMessage.response(id: id, result: .success(.tree(result)))
            let text = OutgoingMessage.response(id: id, result: .success(.text(JSONFragment(result))))
            guard case .tree(let expected) = tree, case .text(let written) = text else {
                Issue.record("a tree stays a tree and text stays text")
                continue
            }
            #expect(written.bytes == (try serializer.serialize(expected)))
            #expect(Array(written.bytes.prefix(14)) == Array(#"{"jsonrpc":"2."#.utf8))
        }
        guard case .tree(let expected) = OutgoingMessage.notification("m/é", .tree(result)),
            case .text(let written) = OutgoingMessage.notification("m/é", .text(JSONFragment(result)))
        else {
            Issue.record("a tree stays a tree and text stays text")
            return
        }
        #expect(written.bytes == (try serializer.serialize(expected)))
    }

    @Test func aFrameOfTextIsTheFrameOfItsTree() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        // Read while the frames are written: they are larger than a pipe holds.
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        let read = Task.detached { reader.readDataToEndOfFile() }
        let writer = FrameWriter(fd: ends[1])
        // A result of several pieces (more than `JSONTextWriter.chunkBytes`), in its envelope.
        var text = JSONTextWriter()
        text.beginObject()
        text.key("data")
        text.beginArray()
        for n in 0..<100_000 { text.int(n) }
        text.endArray()
        text.endObject()
        let result = text.finish()
        #expect(result.chunks.count > 1)
        let tree: JSONValue = ["data": .array((0..<100_000).map { .int(Int64($0)) })]
        writer.send(OutgoingMessage.response(id: .int(3), result: .success(.text(result))))
        writer.send(OutgoingMessage.response(id: .int(3), result: .success(.tree(tree))))
        close(ends[1])
        let frame = encodeFrame(try serializer.serialize(["jsonrpc": "2.0", "id": 3, "result": tree]))
        #expect(Array(await read.value) == frame + frame)
    }

    // The trees the server built before it wrote these answers as text.

    func semanticTokensTree(_ r: SnapshotRequest, _ tokens: [SemanticToken]) -> JSONValue {
        let types = Dictionary(uniqueKeysWithValues: SemanticTokenType.allCases.enumerated().map { ($1, $0) })
        var data: [JSONValue] = []
        var line = 0, column = 0
        for token in tokens {
            let start = r.snapshot.source.position(of: token.range.start, encoding: r.conversion.encoding)
            let end = r.snapshot.source.position(of: token.range.end, encoding: r.conversion.encoding)
            let deltaLine = start.line - line
            data += [.int(Int64(deltaLine)), .int(Int64(deltaLine == 0 ? start.column - column : start.column)),
                     .int(Int64(end.column - start.column)), .int(Int64(types[token.type]!)), .int(Int64(token.modifiers.rawValue))]
            (line, column) = (start.line, start.column)
        }
        return ["data": .array(data)]
    }

    func symbolTree(_ r: SnapshotRequest, _ s: DocumentSymbol) -> JSONValue {
        var value: JSONValue = [
            "name": .string(s.name), "kind": .int(SnapshotRequest.symbolKind(s.kind)),
            "range": r.range(s.range), "selectionRange": r.range(s.selectionRange),
            "children": .array(s.children.map { symbolTree(r, $0) }),
        ]
        if let detail = s.detail { value.set("detail", .string(detail)) }
        return value
    }
}
