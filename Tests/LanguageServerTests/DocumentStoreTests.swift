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

    /// A multi-cursor edit as VS Code sends it, last first, is made in one pass; the same
    /// edits one per didChange, or in another order, give the same text, line table and all.
    @Test func editsSentLastFirstGiveTheTextOfOneAtATime() throws {
        let lines = (0..<40).map { "  k\($0): é😀 ${x}\($0 % 3 == 0 ? "\r" : "")" }
        let text = lines.joined(separator: "\n") + "\n"
        // Per line: a replacement of `é😀` (UTF-16 columns 6..<9), an insertion at the line's
        // start, and on some lines a line break put in or a CR taken out.
        var changes: [(JSONValue, String)] = []
        for line in (0..<40).reversed() {
            changes.append((range(line, 6, line, 9), line % 5 == 0 ? "a\nb" : "ü"))
            changes.append((range(line, 0, line, 0), "#"))
        }
        #expect(changes.count >= DocumentStore.editsMadeInOnePass)
        var oneByOne = DocumentStore()
        _ = oneByOne.open(uri: "u", languageId: "yaml", version: 1, text: text)
        for (k, change) in changes.enumerated() {
            try oneByOne.change(uri: "u", version: 2 + k, changes: [["range": change.0, "text": .string(change.1)]],
                                conversion: PositionConversion(encoding: .utf16))
        }
        let expected = try #require(oneByOne["u"]?.source)
        let batched = try edits(text, changes)
        #expect(batched == expected.text)
        #expect(SourceText(batched).lineCount == expected.lineCount)
        #expect(batched.hasPrefix("#  k0: a\nb ${x}\r\n#  k1: ü ${x}\n"))
        // Two insertions at one place, last first: the later one ends up in front.
        #expect(try edits("ab", [(range(0, 1, 0, 1), "y"), (range(0, 1, 0, 1), "x")]) == "axyb")
        // Edits in increasing order (each on the text the one before left) are made one by one.
        #expect(try edits("abc\ndef\n", [(range(0, 0, 0, 1), "AA"), (range(0, 3, 0, 4), "C"), (range(1, 0, 1, 1), "D")])
                == "AAbC\nDef\n")
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
