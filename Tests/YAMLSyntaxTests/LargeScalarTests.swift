import Foundation
import Testing
@testable import YAMLSyntax

/// From `YAMLLimits.rebuildValuesFrom` on, a value is built from the source after libyaml's
/// buffer is freed: read back when libyaml copied it verbatim, written by `ScalarDecoder`
/// when escaped or folded (after its check pass matched libyaml's). A value the decoder does
/// not match stays libyaml's. Either way the node is what the value, range and map say.
@Suite struct LargeScalarTests {
    static let threshold = YAMLLimits.default.rebuildValuesFrom

    /// A body of `length` bytes with non-ASCII characters (é is two bytes) at both ends.
    static func body(_ length: Int) -> String {
        "é" + String(repeating: "ab", count: (length - 4) / 2) + String(repeating: "c", count: (length - 4) % 2) + "é"
    }

    /// The scalar under `data.big` of the last document of `text`.
    static func big(_ text: String) -> (SourceText, YAMLScalar?) {
        let source = SourceText(text)
        let file = YAMLParser.parse(source)
        let data = file.documents.last?.root?.mapping?.value(forKey: "data")?.mapping
        return (source, data?.value(forKey: "big")?.scalar)
    }

    @Test(arguments: [threshold - 1, threshold, threshold + 1, 3 * threshold + 7])
    func verbatimValuesReadAsWritten(length: Int) throws {
        let value = Self.body(length)
        // A first document, so the second one's chunk does not start at offset 0.
        let head = "first: 1\n---\nkind: ConfigMap\ndata:\n  big: "
        for (open, close, style) in [("", "", ScalarStyle.plain), ("'", "'", .singleQuoted), ("\"", "\"", .doubleQuoted),
                                     ("!!str \"", "\"", .doubleQuoted), ("&big '", "'", .singleQuoted)] {
            let (source, scalar) = Self.big(head + open + value + close + "\n  after: x\n")
            let s = try #require(scalar, "\(style) \(length)")
            #expect(s.value == value, "\(open) \(length)")
            #expect(s.style == style)
            let inside = try #require(source.offset(of: "éab"))
            let tokenStart = inside - (open.hasPrefix("!") || open.hasPrefix("&") ? 1 : open.count)
            #expect(s.range == TextRange(start: tokenStart, end: inside + value.utf8.count + close.count))
            #expect(s.sourceMap.segments == [.init(valueOffset: 0, sourceOffset: inside, valueLength: value.utf8.count,
                                                  sourceLength: value.utf8.count)])
            #expect(mapMismatches(s, source).isEmpty)
        }
    }

    @Test func escapedAndFoldedLargeValuesAreDecoded() throws {
        let half = Self.body(Self.threshold)
        let escaped = Self.big("data:\n  big: \"" + half + "\\n\\t" + half + "\"\n")
        #expect(try #require(escaped.1).value == half + "\n\t" + half)
        #expect(mapMismatches(try #require(escaped.1), escaped.0).isEmpty)
        let quote = Self.big("data:\n  big: '" + half + "''" + half + "'\n")
        #expect(try #require(quote.1).value == half + "'" + half)
        let folded = Self.big("data:\n  big: " + half + "\n    " + half + "\n")
        #expect(try #require(folded.1).value == half + " " + half)
        let literal = Self.big("data:\n  big: |\n    " + half + "\n    " + half + "\n")
        #expect(try #require(literal.1).value == half + "\n" + half + "\n")
    }

    /// Every kind of escape, CRLF breaks, and a value made of escapes only: the second pass
    /// writes the bytes the first one matched, and the map still points at each escape.
    @Test func decodedLargeValuesAreWrittenFromTheSource() throws {
        let half = Self.body(Self.threshold / 2)
        let escapes = Self.big("data:\n  big: \"" + half + "\\x41\\u00e9\\U0001F600\\0\\\"\\/\\\n    " + half + "\"\n")
        let s = try #require(escapes.1)
        #expect(s.value == half + "A\u{e9}\u{1F600}\u{0}\"/" + half)
        #expect(mapMismatches(s, escapes.0).isEmpty)
        let emoji = try #require(escapes.0.offset(of: "\\U0001F600"))
        #expect(s.sourceMap.sourceOffset(forValueOffset: half.utf8.count + 3) == emoji)

        let crlf = Self.big("data:\r\n  big: >-\r\n    " + half + "\r\n\r\n    " + half + "\r\n")
        #expect(try #require(crlf.1).value == half + "\n" + half)
        #expect(mapMismatches(try #require(crlf.1), crlf.0).isEmpty)

        let count = Self.threshold
        let only = Self.big("data:\n  big: \"" + String(repeating: "\\t", count: count) + "\"\n")
        let o = try #require(only.1)
        #expect(o.value == String(repeating: "\t", count: count))
        let open = try #require(only.0.offset(of: "\""))
        #expect(o.sourceMap.sourceOffset(forValueOffset: count - 1) == open + 1 + 2 * (count - 1))
    }

    /// NEL (U+0085) is a line break to libyaml, which folds it; the decoder copies it, so it
    /// does not match: the value is libyaml's, with the coarse map.
    @Test func largeValuesTheDecoderDoesNotMatchStayLibyamls() throws {
        let half = Self.body(Self.threshold)
        let small = Self.big("data:\n  big: \"a\u{85}b\"\n")
        let large = Self.big("data:\n  big: \"" + half + "\u{85}" + half + "\"\n")
        let smallValue = try #require(small.1).value
        #expect(smallValue != "a\u{85}b")
        #expect(try #require(large.1).value == half + smallValue.dropFirst().dropLast() + half)
    }

    /// Items of a large `resources` list parse in groups on several threads; a group's
    /// chunk starts inside the file.
    @Test func largeValuesInParallelItemGroups() throws {
        let value = Self.body(Self.threshold + 3)
        var text = "kind: ResourceGraphDefinition\nspec:\n  resources:\n"
        for i in 0..<8 { text += "  - id: r\(i)\n    template:\n      data:\n        big: \"\(i)\(value)\"\n" }
        let source = SourceText(text)
        let one = YAMLParser.parse(source)
        let many = YAMLParser.parse(source, limits: .default,
                                    parallel: .init(threads: 4, minimumDocumentBytes: 1, groupsPerThread: 2))
        #expect(one.documents == many.documents)
        let items = try #require(many.documents.first?.root?.mapping?.value(forKey: "spec")?.mapping?
            .value(forKey: "resources")?.sequence?.items)
        #expect(items.count == 8)
        for (i, item) in items.enumerated() {
            let big = item.mapping?.value(forKey: "template")?.mapping?.value(forKey: "data")?.mapping?.value(forKey: "big")?.scalar
            #expect(big?.value == "\(i)" + value)
            if let big { #expect(mapMismatches(big, source).isEmpty) }
        }
    }

    /// Every value of the corpus built from the source after libyaml's copy is freed (the
    /// path from 0 bytes on, not 64 KiB) reads as the default parse's.
    @Test func corpusValuesRebuiltFromTheSourceReadAsLibyamls() throws {
        var rebuilding = YAMLLimits.default
        rebuilding.rebuildValuesFrom = 0
        for url in CorpusTests.corpusFiles {
            let source = SourceText(bytes: [UInt8](try Data(contentsOf: url)))
            let rebuilt = YAMLParser.parse(source, limits: rebuilding)
            let reference = YAMLParser.parse(source)
            #expect(rebuilt.documents == reference.documents && rebuilt.errors == reference.errors, "\(url.lastPathComponent)")
        }
    }
}
