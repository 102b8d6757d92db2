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
        // An edit that grows past the byte limit is applied (edits are never lost), and a
        // new document is then refused on bytes.
        try store.change(uri: "b", version: 2, changes: [["text": "12345678"]], conversion: PositionConversion(encoding: .utf16))
        _ = store.close(uri: "a")
        let refused = store.open(uri: "d", languageId: "yaml", version: 1, text: "123") ?? ""
        #expect(refused.contains("would hold 11 bytes, the limit is 10"))
        #expect(store.open(uri: "d", languageId: "yaml", version: 1, text: "12") == nil)
    }
}
