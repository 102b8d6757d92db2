import JSON
import Testing

@Suite struct JSONSerializerTests {
    @Test func compactOutputKeepsKeyOrder() throws {
        let value: JSONValue = ["b": [1, true, nil], "a": ["x": "y"], "c": [], "d": .object([:])]
        #expect(try JSONSerializer().string(value) == #"{"b":[1,true,null],"a":{"x":"y"},"c":[],"d":{}}"#)
    }

    @Test func sortsKeysByUTF8Bytes() throws {
        let value: JSONValue = ["é": 1, "b": 2, "B": 3, "a": ["z": 1, "y": 2]]
        let options = JSONSerializer.Options(sortedKeys: true)
        #expect(try JSONSerializer(options: options).string(value) == #"{"B":3,"a":{"y":2,"z":1},"b":2,"é":1}"#)
    }

    @Test func prettyPrintsWithIndent() throws {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        let text = try JSONSerializer(options: .init(indent: "  ")).string(value)
        #expect(text == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func escapesWhatJSONRequires() throws {
        let value: JSONValue = .string("\"\\\n\r\t\u{08}\u{0C}\u{01}\u{1F}/<é😀\u{2028}")
        #expect(try JSONSerializer().string(value) == "\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f/<é😀\u{2028}\"")
    }

    @Test func optionalEscapes() throws {
        let value: JSONValue = .string("a/<b>&é😀\u{2028}")
        let go = try JSONSerializer(options: .goMarshal).string(value)
        #expect(go == #""a/\u003cb\u003e\u0026é😀\u2028""#)
        let ascii = try JSONSerializer(options: .init(escapeNonASCII: true, escapeSlash: true)).string(value)
        #expect(ascii == #""a\/<b>&\u00e9\ud83d\ude00\u2028""#)
        // Every escaped form reads back as the original text.
        #expect(try JSONParser.parse(go) == value)
        #expect(try JSONParser.parse(ascii) == value)
    }

    @Test(arguments: [
        (1.0, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (100.0, "100"), (1e20, "100000000000000000000"),
        (1e21, "1e+21"), (1.5e300, "1.5e+300"), (0.000001, "0.000001"), (1e-7, "1e-7"),
        (-2.5e-8, "-2.5e-8"), (123456.789, "123456.789"), (Double.leastNonzeroMagnitude, "5e-324"), (0.0, "0"),
        (-0.0, "-0"), (1.7976931348623157e308, "1.7976931348623157e+308"), (0.3, "0.3"),
    ])
    func formatsNumbersLikeGoAndECMAScript(value: Double, text: String) throws {
        #expect(JSONNumberFormat.shortest(value) == text)
        #expect(try JSONSerializer().string(.double(value)) == text)
        if case .double(let back) = try JSONParser.parse(text) { #expect(back == value) }
    }

    @Test func nonFiniteNumbersAreAnErrorOrNull() throws {
        #expect(throws: JSONSerializationError.self) { try JSONSerializer().string([.double(.nan)]) }
        let lenient = JSONSerializer(options: .init(nonFiniteNumbers: .null))
        #expect(try lenient.string([.double(.infinity), .double(-.infinity)]) == "[null,null]")
        #expect(JSONValue.array([.double(.nan), 2]).jsonText == "[null,2]")
    }
}
