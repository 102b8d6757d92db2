import JSON
import Testing
import YAMLSyntax
@testable import LanguageServer

/// A `ChunkedText` finds positions and makes edits as a `SourceText` of the same bytes
/// does, whatever its chunks' size, CRLFs at their seams included.
@Suite struct ChunkedTextTests {
    @Test func randomEditsAndPositionsMatchASourceText() {
        var seed: UInt64 = 0xC4C4
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        // Half the rounds without CR: chunks without one are searched for LFs another way.
        let allPieces = ["a", "é", "😀", "\n", "\r\n", "\r", "xy", "\u{FFFD}"]
        var pieces = allPieces
        func text(_ count: Int) -> [UInt8] { Array((0..<count).map { _ in pieces[next(pieces.count)] }.joined().utf8) }
        let encodings: [PositionEncoding] = [.utf8, .utf16, .unicodeScalars]
        for round in 0..<400 {
            pieces = round % 2 == 0 ? allPieces : allPieces.filter { !$0.utf8.contains(UInt8(ascii: "\r")) }
            var source = SourceText(bytes: text(next(round % 4 == 1 ? 400 : 40)))
            var chunked = ChunkedText(source.bytes, chunkSize: 1 + next(round % 4 == 1 ? 64 : 8))
            for _ in 0..<30 {
                let encoding = encodings[next(3)]
                let (line, column) = (next(source.lineCount + 2) - 1, next(8) - 1)
                let expected = source.offset(of: TextPosition(line: line, column: column), encoding: encoding)
                #expect(chunked.offset(of: TextPosition(line: line, column: column), encoding: encoding) == expected,
                        "round \(round): line \(line) column \(column) in \(source.text.debugDescription)")
                let end = min(source.bytes.count, expected + next(6))
                let replacement = text(next(4))
                source.replace(TextRange(start: expected, end: end), with: replacement)
                chunked.replace(TextRange(start: expected, end: end), with: replacement)
                #expect(chunked.bytes == source.bytes, "round \(round)")
            }
        }
    }

    /// A column far into a long line passes chunks of ASCII unread: the offsets are a
    /// `SourceText`'s, with characters of every width (and bytes that start none) between
    /// the ASCII stretches, in every encoding.
    @Test func positionsFarIntoALongLineMatchASourceText() {
        var seed: UInt64 = 0x10C6
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let rare: [[UInt8]] = [Array("é".utf8), Array("😀".utf8), Array("€".utf8), [0xE2], [0xF0, 0x9F], [0xFF]]
        for round in 0..<40 {
            var line: [UInt8] = []
            while line.count < 6_000 {
                line += next(3) == 0 ? rare[next(rare.count)] : Array(repeating: UInt8(ascii: "x"), count: next(200))
            }
            let bytes = Array("top\n".utf8) + line + Array((round % 2 == 0 ? "\r\nend" : "\nend").utf8)
            let source = SourceText(bytes: bytes)
            let chunked = ChunkedText(bytes, chunkSize: 8 + next(100))
            for encoding in [PositionEncoding.utf8, .utf16, .unicodeScalars] {
                for _ in 0..<60 {
                    let position = TextPosition(line: 1, column: next(6_500))
                    #expect(chunked.offset(of: position, encoding: encoding) == source.offset(of: position, encoding: encoding),
                            "round \(round), \(encoding), column \(position.column)")
                }
            }
        }
    }

    /// The store makes the edits it cannot gather in chunks: the text is the one of making
    /// them one per didChange.
    @Test func editsBackAndForthInOneChangeGiveTheTextOfOneAtATime() throws {
        let text = (0..<50).map { "k\($0): é😀\($0 % 4 == 0 ? "\r" : "")" }.joined(separator: "\n") + "\n"
        // Top, bottom, top, bottom…: no run gathers two of them.
        let changes: [JSONValue] = (0..<60).map { k in
            let line = k % 2 == 0 ? k / 2 % 7 : 49 - k / 2 % 5
            return ["range": ["start": ["line": .int(Int64(line)), "character": 1], "end": ["line": .int(Int64(line)), "character": 5]],
                    "text": .string(k % 3 == 0 ? "\r\n" : "Z")]
        }
        let conversion = PositionConversion(encoding: .utf16)
        var oneByOne = DocumentStore()
        _ = oneByOne.open(uri: "u", languageId: "yaml", version: 1, text: text)
        for change in changes { try oneByOne.change(uri: "u", version: 2, changes: [change], conversion: conversion) }
        for chunkSize in [3, 64, 64 << 10] {
            var store = DocumentStore()
            store.chunkedFrom = 0
            store.chunkSize = chunkSize
            _ = store.open(uri: "u", languageId: "yaml", version: 1, text: text)
            try store.change(uri: "u", version: 2, changes: changes, conversion: conversion)
            #expect(store["u"]?.source.bytes == oneByOne["u"]?.source.bytes, "chunks of \(chunkSize)")
        }
    }
}
