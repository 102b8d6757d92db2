import JSON
import Testing
@testable import YAMLSyntax

/// Explicitly tagged scalars decode as go-yaml v2 decodes them for kubectl: the tag
/// decides the type, whatever the style, and a tag that cannot hold its value fails the
/// document (ScalarTags.swift).
@Suite struct ScalarTagTests {
    func json(_ value: String) -> JSONValue? {
        let file = YAMLParser.parse(SourceText("k: \(value)\n"))
        guard let document = file.documents.first, document.errors.isEmpty else { return nil }
        return document.root?.mapping?.value(forKey: "k").map(\.jsonValue)
    }

    func problem(_ value: String) -> (message: String, text: Substring)? {
        let text = "k: \(value)\n"
        let file = YAMLParser.parse(SourceText(text))
        guard let error = file.documents.first?.errors.first else { return nil }
        let bytes = Array(text.utf8)[error.range.start..<error.range.end]
        return (error.message, Substring(decoding: bytes, as: UTF8.self))
    }

    @Test func theTagDecidesTheType() {
        #expect(json("!!int \"3\"") == .int(3))
        #expect(json("!!int '0x10'") == .int(16))
        #expect(json("!!float 1") == .int(1))
        #expect(json("!!float \"2.5\"") == .double(2.5))
        #expect(json("!!bool \"yes\"") == .bool(true))
        #expect(json("!!null ''") == .null)
        #expect(json("!!null ~") == .null)
        #expect(json("!!str 1") == .string("1"))
        #expect(json("!!timestamp 2001-12-14") == .string("2001-12-14"))
    }

    @Test func anyOtherTagKeepsTheText() {
        #expect(json("!local 1") == .string("1"))
        #expect(json("! true") == .string("true"))
        #expect(json("!<tag:example.com,2000:x> .inf") == .string(".inf"))
        #expect(json("!!map null") == .string("null"))
    }

    @Test func binaryIsItsDecodedBytes() {
        #expect(json("!!binary aGVsbG8=") == .string("hello"))
        #expect(json("!!binary |\n  aGVs\n  bG8=") == .string("hello"))
        #expect(json("!!binary /w==") == .string("\u{FFFD}"))
    }

    @Test func aTagThatCannotHoldItsValueFailsTheDocumentAtTheScalar() {
        #expect(problem("!!int abc")?.message == "cannot decode !!str `abc` as a !!int")
        #expect(problem("!!int abc")?.text == "abc")
        #expect(problem("!!bool 1")?.message == "cannot decode !!int `1` as a !!bool")
        #expect(problem("!!int 1.5")?.message == "cannot decode !!float `1.5` as a !!int")
        #expect(problem("!!null 0")?.message == "cannot decode !!int `0` as a !!null")
        #expect(problem("!!float 18446744073709551615")?.message
            == "cannot decode !!int `18446744073709551615` as a !!float")
        #expect(problem("!!timestamp 2001-13-01")?.message == "cannot decode !!str `2001-13-01` as a !!timestamp")
        #expect(problem("!!binary abc")?.message == "!!binary value contains invalid base64 data")
        #expect(problem("!!int 1") == nil && problem("!local abc") == nil && problem("!!str 1.5") == nil)
    }

    @Test func tagsDecideKeysToo() throws {
        let (_, mapping) = parseMapping("!!int '1': a\n!!str 2: b\n")
        let keys = try #require(mapping).entries.map(\.key.keyString)
        #expect(keys == ["1", "2"])
    }

    @Test func base64AsGoDecodesIt() {
        func text(_ s: String) -> String? { YAMLScalar.goBase64Decode(s).map { String(decoding: $0, as: UTF8.self) } }
        #expect(text("") == "")
        #expect(text("YQ==") == "a")
        #expect(text("YWI=") == "ab")
        #expect(text("YWJj") == "abc")
        #expect(text("YW\r\nJj") == "abc")
        #expect(text("YQ\n==") == "a")
        for invalid in ["YQ=", "YQ", "Y===", "====", "YQ==YQ==", "YQ===", "Y Q==", "YW Jj", "YWJ*"] {
            #expect(text(invalid) == nil, "\(invalid)")
        }
    }

    @Test func invalidUTF8BecomesOneReplacementPerByteAsGoWritesIt() {
        #expect(YAMLScalar.goJSONText([0x61, 0xE2, 0x82]) == "a\u{FFFD}\u{FFFD}")
        #expect(YAMLScalar.goJSONText([0xE2, 0x82, 0xAC]) == "€")
        #expect(YAMLScalar.goJSONText([0xED, 0xA0, 0x80]) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(YAMLScalar.goJSONText([0xC0, 0x80]) == "\u{FFFD}\u{FFFD}")
        #expect(YAMLScalar.goJSONText([0xF0, 0x9F, 0x98, 0x80, 0xFF]) == "😀\u{FFFD}")
    }

    @Test func timestampsAsGoParsesThem() {
        for valid in ["2001-12-14", "2000-2-29", "2001-1-2T3:4:5Z", "2001-12-14t21:59:43.10-05:00",
                      "2001-12-14 21:59:43.10", "2001-12-14 21:59:43", "2001-12-14T21:59:43,5+01:00"] {
            #expect(YAMLScalar.isGoTimestamp(valid), "\(valid)")
        }
        for invalid in ["2001-2-29", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43", "12001-12-14", "201-12-14",
                        "2001-12-14T24:00:00Z", "2001-12-14T21:60:00Z", "2001-12-32", "2001-0-1", "2001-12-14x",
                        "2001-12-14T21:59:43+0100", "2001-12-14 21:59:43Z"] {
            #expect(!YAMLScalar.isGoTimestamp(invalid), "\(invalid)")
        }
    }
}
