import Foundation
import JSON
import Testing
import YAMLSyntax
@testable import LanguageServer

@Suite struct DocumentStoreTests {
    func edit(_ text: String, _ range: JSONValue?, _ newText: String, encoding: PositionEncoding = .utf16) throws -> String {
        var store = DocumentStore()
        _ = store.open(uri: "u", languageId: "yaml", version: 1, text: text)
        var change: JSONValue = ["text": .string(newText)]
        if let range { change.set("range", range) }
        try store.change(uri: "u", version: 2, changes: [change], conversion: PositionConversion(encoding: encoding))
        #expect(store["u"]?.version == 2)
        return store["u"]?.source.text ?? ""
    }

    func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSONValue {
        ["start": ["line": .int(Int64(l1)), "character": .int(Int64(c1))],
         "end": ["line": .int(Int64(l2)), "character": .int(Int64(c2))]]
    }

    @Test func appliesRangesInUTF16AcrossSurrogatePairsAndCRLF() throws {
        // 😀 is two UTF-16 units: character 3 is right after it.
        #expect(try edit("a\r\nx😀y\r\n", range(1, 3, 1, 4), "Z") == "a\r\nx😀Z\r\n")
        #expect(try edit("a\r\nx😀y\r\n", range(0, 1, 1, 0), "-") == "a-x😀y\r\n")
        // The same edit in UTF-8 units (😀 is four bytes).
        #expect(try edit("a\r\nx😀y\r\n", range(1, 5, 1, 6), "Z", encoding: .utf8) == "a\r\nx😀Z\r\n")
    }

    @Test func clampsOutOfRangeEdits() throws {
        #expect(try edit("ab\ncd", range(0, 99, 0, 99), "!") == "ab!\ncd")
        #expect(try edit("ab\ncd", range(5, 0, 9, 9), "!") == "ab\ncd!")
        #expect(try edit("ab\ncd", range(1, 1, 0, 1), "") == "ad")  // reversed range
        #expect(try edit("ab\ncd", range(-3, -1, 0, 1), "X") == "Xb\ncd")
        // Half a surrogate pair snaps to the character's start.
        #expect(try edit("😀b", range(0, 1, 0, 3), "") == "")
    }

    /// The text after `changes` (each `(range, text)`), in one didChange.
    func edits(_ text: String, _ changes: [(JSONValue, String)]) throws -> String {
        var store = DocumentStore()
        _ = store.open(uri: "u", languageId: "yaml", version: 1, text: text)
        try store.change(uri: "u", version: 2, changes: changes.map { ["range": $0.0, "text": .string($0.1)] },
                         conversion: PositionConversion(encoding: .utf16))
        return try #require(store["u"]?.source).text
    }

    /// The text after `changes` sent one per didChange (each then made alone).
    func editsOneByOne(_ text: String, _ changes: [(JSONValue, String)]) throws -> SourceText {
        var store = DocumentStore()
        _ = store.open(uri: "u", languageId: "yaml", version: 1, text: text)
        for (k, change) in changes.enumerated() {
            try store.change(uri: "u", version: 2 + k, changes: [["range": change.0, "text": .string(change.1)]],
                             conversion: PositionConversion(encoding: .utf16))
        }
        return try #require(store["u"]?.source)
    }

    /// Forty lines, some ending in CRLF, with non-ASCII text.
    static let lines = (0..<40).map { "  k\($0): é😀 ${x}\($0 % 3 == 0 ? "\r" : "")" }.joined(separator: "\n") + "\n"

    /// A multi-cursor edit as VS Code sends it, last first, is made in one pass; the same
    /// edits one per didChange give the same text, line table and all.
    @Test func editsSentLastFirstGiveTheTextOfOneAtATime() throws {
        // Per line: a replacement of `é😀` (UTF-16 columns 6..<9), some with a line break,
        // and an insertion at the line's start.
        var changes: [(JSONValue, String)] = []
        for line in (0..<40).reversed() {
            changes.append((range(line, 6, line, 9), line % 5 == 0 ? "a\nb" : "ü"))
            changes.append((range(line, 0, line, 0), "#"))
        }
        #expect(changes.count >= EditRun.madeInOnePass)
        var run = EditRun(SourceText(Self.lines))
        let conversion = PositionConversion(encoding: .utf16)
        #expect(changes.allSatisfy { run.add(PositionConversion.positions($0.0)!, Array($0.1.utf8), conversion: conversion) })
        let expected = try editsOneByOne(Self.lines, changes)
        let batched = try edits(Self.lines, changes)
        #expect(batched == expected.text && run.made().text == batched)
        #expect(SourceText(batched).lineCount == expected.lineCount)
        #expect(batched.hasPrefix("#  k0: a\nb ${x}\r\n#  k1: ü ${x}\n"))
        // Two insertions at one place, last first: the later one ends up in front.
        #expect(try edits("ab", [(range(0, 1, 0, 1), "y"), (range(0, 1, 0, 1), "x")]) == "axyb")
    }

    /// Neovim's order, first first, each on the text the last one left: lines added or
    /// removed by one edit move the lines of the next.
    @Test func editsSentFirstFirstGiveTheTextOfOneAtATime() throws {
        var changes: [(JSONValue, String)] = []
        var line = 0
        for k in 0..<40 {
            // `é😀` replaced; every third edit adds two lines, every fifth joins the line
            // with the next one.
            let text = k % 3 == 0 ? "a\nb\nc" : "ü"
            if k % 5 == 4 {
                changes.append((range(line, 6, line + 1, 9), text))
            } else {
                changes.append((range(line, 6, line, 9), text))
            }
            // The next edit is on the line after the one where this one's text ends.
            line += (k % 3 == 0 ? 2 : 0) + 1
            if line >= 30 { break }
        }
        #expect(changes.count >= EditRun.madeInOnePass)
        // All in one run: each is put in the offsets of the text they started from.
        var run = EditRun(SourceText(Self.lines))
        let conversion = PositionConversion(encoding: .utf16)
        #expect(changes.allSatisfy { run.add(PositionConversion.positions($0.0)!, Array($0.1.utf8), conversion: conversion) })
        let expected = try editsOneByOne(Self.lines, changes)
        #expect(run.made().text == expected.text)
        let batched = try edits(Self.lines, changes)
        #expect(batched == expected.text)
        #expect(SourceText(batched).lineCount == expected.lineCount)
        // Two on one line, then one further down, then one back up: made as they come.
        let mixed: [(JSONValue, String)] = [(range(0, 0, 0, 1), "AA"), (range(0, 3, 0, 4), "C"), (range(1, 0, 1, 1), "D"),
                                            (range(0, 0, 0, 0), ">")]
        #expect(try edits("abc\ndef\n", mixed) == ">AAbC\nDef\n")
        // A CR and an LF brought together: the lines after are counted again.
        let joined: [(JSONValue, String)] = [(range(0, 2, 0, 2), "\r"), (range(2, 0, 2, 1), "X"), (range(3, 0, 3, 1), "Y")]
        #expect(try edits("ab\ncd\nef\ngh\n", joined) == (try editsOneByOne("ab\ncd\nef\ngh\n", joined)).text)
    }

    /// Random edits, mostly in runs down or up the text as editors send them, with line
    /// breaks of every kind in the text and the edits: one didChange gives the text of one
    /// change at a time.
    @Test func randomEditsInOneChangeGiveTheTextOfOneAtATime() throws {
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["a", "é", "😀", "\n", "\r\n", "\r", " ", "x: 1"]
        func text(_ count: Int) -> String { (0..<count).map { _ in pieces[next(pieces.count)] }.joined() }
        for _ in 0..<300 {
            let start = text(10 + next(60))
            var current = SourceText(start)
            var changes: [(JSONValue, String)] = []
            let down = next(2) == 0
            var line = down ? current.lineCount : 0
            for _ in 0..<(1 + next(24)) {
                // Mostly the next line down or up the text; now and then anywhere.
                line = next(5) == 0 ? next(current.lineCount + 1) : max(0, down ? line - 1 - next(2) : line + 1 + next(2))
                let (c1, c2) = (next(6), next(6))
                let endLine = next(4) == 0 ? line + 1 : line
                let change = (range(line, c1, endLine, endLine == line ? max(c1, c2) : c2), text(next(4)))
                changes.append(change)
                current = try editsOneByOne(current.text, [change])
            }
            #expect(try edits(start, changes) == current.text, "\(changes.map { ($0.0.jsonText, $0.1) }) on \(start.debugDescription)")
        }
    }

    @Test func fullTextChangesReplaceEverything() throws {
        #expect(try edit("old", nil, "new é") == "new é")
    }

    @Test func rejectsChangesToUnknownDocumentsAndMalformedRanges() {
        var store = DocumentStore()
        let conversion = PositionConversion(encoding: .utf16)
        func fails(_ uri: String, _ change: JSONValue) -> Bool {
            do {
                try store.change(uri: uri, version: 2, changes: [change], conversion: conversion)
                return false
            } catch {
                return error.code == ResponseError.invalidParams
            }
        }
        #expect(fails("nope", ["text": "x"]))
        _ = store.open(uri: "u", languageId: "yaml", version: 1, text: "x")
        #expect(fails("u", ["range": ["start": 1], "text": "x"]))
        #expect(fails("u", ["range": .null]))
        #expect(store["u"]?.source.text == "x")
        // A malformed change after good ones: none is made, however the good ones were gathered.
        let good: [JSONValue] = (0..<10).reversed().map { ["range": range(0, $0, 0, $0), "text": "y"] }
        #expect(throws: ResponseError.self) {
            try store.change(uri: "u", version: 3, changes: good + [["range": ["start": 1], "text": "x"]], conversion: conversion)
        }
        #expect(store["u"]?.source.text == "x" && store["u"]?.version == 1)
    }

    @Test func refusesDocumentsPastTheOpenLimitsAndCountsEditsAndCloses() throws {
        var store = DocumentStore()
        store.limits = .init(maxDocuments: 2, maxTotalBytes: 10)
        #expect(store.open(uri: "a", languageId: "yaml", version: 1, text: "1234") == nil)
        #expect(store.open(uri: "b", languageId: "yaml", version: 1, text: "1234") == nil)
        let third = store.open(uri: "c", languageId: "yaml", version: 1, text: "1") ?? ""
        #expect(third.contains("2 documents are open, the limit is 2"))
        #expect(store["c"] == nil)
        // Reopening counts the new text instead of the old.
        #expect(store.open(uri: "a", languageId: "yaml", version: 2, text: "123456") == nil)
        // An edit within the byte limit is applied, and a new document is then refused on bytes.
        let conversion = PositionConversion(encoding: .utf16)
        #expect(try store.change(uri: "b", version: 2, changes: [["text": "1234"]], conversion: conversion) == nil)
        _ = store.close(uri: "a")
        let refused = store.open(uri: "d", languageId: "yaml", version: 1, text: "1234567") ?? ""
        #expect(refused.contains("would hold 11 bytes, the limit is 10"))
        #expect(store.open(uri: "d", languageId: "yaml", version: 1, text: "12") == nil)
        // An edit that grows past it closes its document (dropping the edit alone would
        // apply the next ones to the wrong text): the bytes it held are free again.
        let closed = try store.change(uri: "b", version: 3, changes: [["text": "123456789"]], conversion: conversion) ?? ""
        #expect(closed.contains("would hold 11 bytes after this change, the limit is 10; b is closed in kro-lsp"))
        #expect(store["b"] == nil && store["d"]?.source.text == "12")
        #expect(store.open(uri: "e", languageId: "yaml", version: 1, text: "12345678") == nil)
    }

    /// A URI over the limit is refused with a message that names the limit and quotes only
    /// the URI's start; one at the limit opens.
    @Test func refusesURIsOverTheLengthLimit() {
        var store = DocumentStore()
        let limit = store.limits.maxURIBytes
        let atLimit = "file:///" + String(repeating: "a", count: limit - 8)
        #expect(store.open(uri: atLimit, languageId: "yaml", version: 1, text: "a: 1\n") == nil)
        let over = atLimit + "b"
        let refusal = store.open(uri: over, languageId: "yaml", version: 1, text: "a: 1\n") ?? ""
        #expect(refusal.hasPrefix("a document URI of \(limit + 1) bytes is over the limit of \(limit); not analysed: file:///aaa"))
        #expect(refusal.utf8.count < 200)
        #expect(store[over] == nil)
    }
}

/// In the server, an edit that takes the open documents past their byte limit closes its
/// document: a warning names the limit, its diagnostics are cleared, and the server keeps
/// serving (the document reopens).
@Suite struct GrowingDocumentTests {
    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [JSONValue] = []
        func add(_ m: JSONValue) { lock.withLock { all.append(m) } }
        /// Waits (up to a minute) for a message matching `match`.
        func first(_ match: (JSONValue) -> Bool) async throws -> JSONValue? {
            for _ in 0..<6_000 {
                if let m = lock.withLock({ all.first(where: match) }) { return m }
                try await Task.sleep(nanoseconds: 10_000_000)
            }
            return nil
        }
    }

    /// A server, initialized, whose open documents may hold `maxTotalBytes`, and what it sends.
    static func initializedServer(maxTotalBytes: Int) -> (Server, Messages) {
        let messages = Messages()
        let server = Server(writer: FrameWriter(deliver: { messages.add($0) }), logLevel: .error)
        server.withState { $0.documents.limits.maxTotalBytes = maxTotalBytes }
        for m: JSONValue in [["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]],
                             ["jsonrpc": "2.0", "method": "initialized", "params": [:]]] {
            _ = server.handle(Message.decode(Array(m.jsonText.utf8)))
        }
        return (server, messages)
    }

    @Test func anEditPastTheOpenBytesLimitClosesItsDocument() async throws {
        let (server, messages) = Self.initializedServer(maxTotalBytes: 400)
        func send(_ m: JSONValue) { _ = server.handle(Message.decode(Array(m.jsonText.utf8))) }
        let uri = "file:///grow.yaml"
        let text = "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: grow\n"
        send(["jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(text)]]])
        let first = try await messages.first { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == 1 }
        #expect(first != nil)
        let grown = text + "# " + String(repeating: "x", count: 400) + "\n"
        send(["jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": .string(grown)]]]])
        let warning = try await messages.first { $0["method"] == "window/showMessage" }
        #expect(warning?["params"]?["type"] == 2)
        #expect(warning?["params"]?["message"]?.stringValue == "kro-lsp: open documents would hold \(grown.utf8.count) bytes "
            + "after this change, the limit is 400; \(uri) is closed in kro-lsp (reopen it, or replace its whole text, to analyse it)")
        let cleared = try await messages.first {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == nil
                && $0["params"]?["diagnostics"]?.arrayValue?.isEmpty == true
        }
        #expect(cleared != nil)
        #expect(server.withState { $0.documents[uri] == nil })
        // A request on it says why it has no answer.
        send(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
              "params": ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 0]]])
        let hover = try await messages.first { $0["id"] == 2 }
        #expect(hover?["error"]?["message"]?.stringValue == "document not analysed, over a limit of kro-lsp: open documents "
            + "would hold \(grown.utf8.count) bytes after this change, the limit is 400; \(uri) is closed in kro-lsp "
            + "(reopen it, or replace its whole text, to analyse it)")
        // The client still has it open: an edit of a range cannot be applied, and is ignored;
        // one of the whole text (then a range) reopens it, within the limit.
        let range: JSONValue = ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]]
        send(["jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": ["textDocument": ["uri": .string(uri), "version": 3], "contentChanges": [["range": range, "text": "#"]]]])
        #expect(server.withState { $0.documents[uri] == nil && $0.documents.isClosedForLimit(uri) })
        send(["jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": ["textDocument": ["uri": .string(uri), "version": 4],
                         "contentChanges": [["text": .string(text)], ["range": range, "text": "# a\n"]]]])
        let whole = try await messages.first { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == 4 }
        #expect(whole != nil)
        #expect(server.withState { $0.documents[uri]?.source.text } == "# a\n" + text)
        // Closed by the client, it is forgotten; it reopens as any document.
        send(["jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": ["textDocument": ["uri": .string(uri), "version": 5], "contentChanges": [["text": .string(grown)]]]])
        #expect(server.withState { $0.documents.isClosedForLimit(uri) })
        send(["jsonrpc": "2.0", "method": "textDocument/didClose", "params": ["textDocument": ["uri": .string(uri)]]])
        #expect(server.withState { !$0.documents.isClosedForLimit(uri) })
        send(["jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 6, "text": .string(text)]]])
        let reopened = try await messages.first { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == 6 }
        #expect(reopened != nil)
    }

    /// A document refused at its opening is one the client has open: a request on it says
    /// why, and a change of its whole text opens it once it fits.
    @Test func aDocumentRefusedAtItsOpeningSaysWhyAndOpensOnAWholeText() async throws {
        let (server, messages) = Self.initializedServer(maxTotalBytes: 400)
        func send(_ m: JSONValue) { _ = server.handle(Message.decode(Array(m.jsonText.utf8))) }
        let uri = "file:///big.yaml"
        let big = "# " + String(repeating: "x", count: 500) + "\n"
        send(["jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(big)]]])
        let warning = try await messages.first { $0["method"] == "window/showMessage" }
        let reason = "open documents would hold \(big.utf8.count) bytes, the limit is 400; close some to analyse \(uri)"
        #expect(warning?["params"]?["message"]?.stringValue == "kro-lsp: " + reason)
        send(["jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": .string(uri)]]])
        let symbols = try await messages.first { $0["id"] == 2 }
        #expect(symbols?["error"]?["message"]?.stringValue == "document not analysed, over a limit of kro-lsp: " + reason)
        send(["jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
              "params": ["textDocument": ["uri": "file:///never.yaml"], "position": ["line": 0, "character": 0]]])
        let unknown = try await messages.first { $0["id"] == 3 }
        #expect(unknown?["error"]?["message"]?.stringValue == "document not open: file:///never.yaml")
        let text = "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: small\n"
        send(["jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": .string(text)]]]])
        let opened = try await messages.first { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == 2 }
        #expect(opened != nil)
        #expect(server.withState { $0.documents[uri]?.source.text } == text)
    }
}
