import JSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" { "a" : [1, -2.5, 1e3, true, false, null, "x"], "b": {} } "#)
        #expect(value == ["a": [1, .double(-2.5), .double(1000), true, false, nil, "x"], "b": .object([:])])
    }

    @Test func keepsKeyOrderAndLetsTheLastDuplicateWin() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"z":3}"#)
        #expect(value.objectValue?.keys.elementsEqual(["z", "a"]) == true)
        #expect(value["z"] == .int(3))
    }

    @Test func rejectsDuplicatesWhenAskedTo() {
        let parser = JSONParser(options: .init(duplicateKeys: .reject))
        #expect(throws: JSONParseError.self) { try parser.parse(#"{"z":1,"z":3}"#) }
        let error = parseError(#"{"z":1,"z":3}"#, parser: parser)
        #expect(error?.reason == .duplicateKey("z"))
        #expect(error?.offset == 7)
    }

    @Test func integersThatFitInt64StayIntegers() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSONParser.parse("1.0") == .double(1))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("2E-2") == .double(0.02))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""a\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00""#)
            == .string("a\"\\/\u{08}\u{0C}\n\r\tAé😀"))
        // Lone surrogates are legal JSON but not Unicode: replaced like Go does.
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\udc00""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse("\"é😀\"") == .string("é😀"))
    }

    @Test(arguments: [
        // (input, offset, message)
        ("", 0, "unexpected end of JSON input"),
        ("  ", 2, "unexpected end of JSON input"),
        ("{", 1, "unexpected end of JSON input"),
        ("[1,]", 3, "invalid character ']' looking for beginning of value"),
        ("{\"a\":1,}", 7, "invalid character '}' looking for beginning of object key string"),
        ("{\"a\" 1}", 5, "invalid character '1' after object key"),
        ("[1 2]", 3, "invalid character '2' after array element"),
        ("{\"a\":1 \"b\"}", 7, "invalid character '\"' after object key:value pair"),
        ("01", 1, "invalid character '1' after top-level value"),
        ("+1", 0, "invalid character '+' looking for beginning of value"),
        ("-", 1, "unexpected end of JSON input"),
        ("-a", 1, "invalid character 'a' in numeric literal"),
        ("1.", 2, "unexpected end of JSON input"),
        ("1.e3", 2, "invalid character 'e' after decimal point in numeric literal"),
        ("1e+", 3, "unexpected end of JSON input"),
        ("1ex", 2, "invalid character 'x' in exponent of numeric literal"),
        ("1e999", 0, "number 1e999 is out of range"),
        ("tru", 3, "unexpected end of JSON input"),
        ("trUe", 2, "invalid character 'U' in literal true (expecting 'u')"),
        ("NaN", 0, "invalid character 'N' looking for beginning of value"),
        ("\"a\nb\"", 2, "invalid character '\\n' in string literal"),
        ("\"\\x\"", 2, "invalid character 'x' in string escape code"),
        ("\"\\u12g4\"", 5, "invalid character 'g' in \\u hexadecimal character escape"),
        ("\"abc", 4, "unexpected end of JSON input"),
        ("// c\n1", 0, "invalid character '/' looking for beginning of value"),
        ("1 x", 2, "invalid character 'x' after top-level value"),
    ])
    func rejectsWithExactPosition(input: String, offset: Int, message: String) {
        let error = parseError(input)
        #expect(error?.offset == offset, "\(input)")
        #expect(error?.message == message, "\(input)")
    }

    @Test func reportsLineAndColumn() {
        let error = parseError("{\n  \"a\": tru\n}")
        #expect(error?.line == 2)
        #expect(error?.column == 11)
        #expect(error?.description == "2:11: invalid character '\\n' in literal true (expecting 'e')")
    }

    @Test func rejectsInvalidUTF8AndByteOrderMark() {
        let invalid = parseError(bytes: [0x22, 0x61, 0xC3, 0x28, 0x22])
        #expect(invalid?.reason == .invalidUTF8)
        #expect(invalid?.offset == 2)
        // Overlong encodings and encoded surrogates are not UTF-8.
        #expect(parseError(bytes: [0x22, 0xC0, 0xAF, 0x22])?.reason == .invalidUTF8)
        #expect(parseError(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22])?.reason == .invalidUTF8)
        #expect(parseError(bytes: [0xEF, 0xBB, 0xBF, 0x31])?.offset == 0)
    }

    @Test func limitsDepthAndSize() throws {
        let parser = JSONParser(options: .init(maxDepth: 3, maxBytes: 20))
        #expect(try parser.parse("[[[1]]]") == [[[1]]])
        let deep = parseError("[[[[1]]]]", parser: parser)
        #expect(deep?.reason == .depthLimitExceeded(3))
        #expect(deep?.offset == 3)
        #expect(parseError(String(repeating: " ", count: 21) + "1", parser: parser)?.reason == .sizeLimitExceeded(20))
        // The default limit turns hostile nesting into an error, not a stack overflow.
        let hostile = String(repeating: "[", count: 100_000)
        #expect(parseError(hostile)?.reason == .depthLimitExceeded(512))
    }

    @Test func roundTripsThroughTheSerializer() throws {
        let text = #"{"b":[1,2.5,"é\n",{"c":null}],"a":true,"e":-1.5e-7}"#
        let value = try JSONParser.parse(text)
        #expect(try JSONSerializer().string(value) == text)
        #expect(try JSONParser.parse(JSONSerializer().serialize(value)) == value)
    }

    /// `members` gives each member's value where it is written, and parses nothing it keeps.
    @Test func membersAreTheRangesOfTheirValues() throws {
        let text = #" { "a" : [1, {"x": "y\"z"}, -2.5e1, null] , "b":"s\u00e9", "c" : {}, "a": true } "#
        let bytes = Array(text.utf8)
        let members = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in try JSONParser().members(buffer) }
        #expect(members.map(\.key) == ["a", "b", "c", "a"])
        #expect(members.map { String(decoding: bytes[$0.value], as: UTF8.self) }
                == [#"[1, {"x": "y\"z"}, -2.5e1, null]"#, #""s\u00e9""#, "{}", "true"])
        let whole = try JSONParser.parse(text)
        // Each range parses to the member's value (the last of a duplicate key wins in both).
        for (key, range) in members.reversed() where members.last(where: { $0.key == key })?.value == range {
            #expect(try JSONParser.parse(Array(bytes[range])) == whole[key])
        }
    }

    /// A bad value inside is found where `parse` finds it, with the same message; a document
    /// that is not one object is an error.
    @Test func membersCheckEveryValueAsParseDoes() {
        let values = ["[1,]", "[1 2]", "{\"a\" 1}", "-a", "1.e3", "trUe", "\"a\nb\"", "\"\\x\"", "\"abc", "{\"a\":[[{\"b\":tru"]
        for value in values {
            let document = Array("{\"ok\": [1, \"s\"], \"bad\": \(value)}".utf8)
            let expected = parseError(bytes: document)
            #expect(expected != nil)
            #expect(membersError(document)?.offset == expected?.offset, "\(value)")
            #expect(membersError(document)?.message == expected?.message, "\(value)")
        }
        for document in ["[1]", "\"s\"", "", "{\"a\":1} x", "{\"a\":1"] {
            #expect(membersError(Array(document.utf8)) != nil, "\(document)")
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(membersError(Array("{\"a\":\(deep)}".utf8))?.message == parseError("{\"a\":\(deep)}")?.message)
        let strict = JSONParser(options: .init(duplicateKeys: .reject))
        #expect(membersError(Array(#"{"z":1,"z":3}"#.utf8), parser: strict)?.reason == .duplicateKey("z"))
    }

    private func membersError(_ bytes: [UInt8], parser: JSONParser = .init()) -> JSONParseError? {
        do {
            _ = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in try parser.members(buffer) }
            return nil
        } catch {
            return error
        }
    }

    private func parseError(_ text: String, parser: JSONParser = .init()) -> JSONParseError? {
        parseError(bytes: Array(text.utf8), parser: parser)
    }

    private func parseError(bytes: [UInt8], parser: JSONParser = .init()) -> JSONParseError? {
        do {
            _ = try parser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }
}
