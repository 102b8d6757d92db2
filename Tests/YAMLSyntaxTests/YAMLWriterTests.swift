import JSON
import Testing
import YAMLSyntax

@Suite struct YAMLWriterTests {
    /// Writes, parses back, and converts to JSON again: the value must survive unchanged.
    private func roundTrip(_ value: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let text = YAMLWriter.write(value)
        let file = YAMLParser.parse(SourceText(text))
        #expect(file.errors.isEmpty, "\(file.errors)\n\(text)", sourceLocation: sourceLocation)
        #expect(file.documents.count == 1, sourceLocation: sourceLocation)
        #expect(file.documents.first?.root?.jsonValue == value, "\n\(text)", sourceLocation: sourceLocation)
        return text
    }

    @Test func blockStyleLikeKubectl() {
        let value: JSONValue = [
            "apiVersion": "v1",
            "spec": ["versions": [["name": "v1", "served": true, "schema": ["type": "object"]]], "empty": [:]],
            "list": [],
            "nested": [[1, 2], ["a": "b"]],
        ]
        let text = roundTrip(value)
        #expect(text == """
        apiVersion: v1
        spec:
          versions:
          - name: v1
            served: true
            schema:
              type: object
          empty: {}
        list: []
        nested:
        - - 1
          - 2
        - a: b

        """)
    }

    @Test(arguments: ["", " ", "true", "True", "yes", "no", "on", "OFF", "y", "N", "null", "~", "Null",
                      "1", "-1", "+1", "0x1F", "0o17", "017", "1_000", "0b101", "1.5", ".5", "1e3", "-.inf", ".nan", ".NaN",
                      "2001-12-14", "12:30:00", "1:20", "- a", "-a", "a: b", "a #b", "a:", "#c", "&a", "*a", "!t", "|",
                      ">", "'q'", "\"q\"", "%p", "@x", "`x", "[a]", "{a}", "a,b", "?", ":", "? x", "multi\nline",
                      "tab\there", "trailing ", " leading", "caf\u{e9}", "\u{1F600}", "ctl\u{1}x", "back\\slash",
                      "<<", "=", "${schema.spec.name}", "^[a-z0-9./:-]+$", ".status.conditions[?(@.type==\"Ready\")].status",
                      "self == oldSelf", "nginx:latest", "http://x", "nel\u{85}x", "c1\u{9F}", "\u{FEFF}bom", "ls\u{2028}",
                      "ps\u{2029}x", "del\u{7F}", "é: x", "ü #x", "+.INF", "yes!"])
    func stringsReadBackAsTheSameString(_ s: String) {
        _ = roundTrip(["k": .string(s), .init(stringLiteral: s.isEmpty ? "e" : s): "v", "l": [.string(s)]])
    }

    @Test func plainWhenSafe() {
        #expect(YAMLWriter.write(["a": "hello world", "b": "nginx:latest", "c": "self == oldSelf"])
                == "a: hello world\nb: nginx:latest\nc: self == oldSelf\n")
        #expect(YAMLWriter.write(["a": "true", "b": "8080"]) == "a: \"true\"\nb: \"8080\"\n")
    }

    @Test(arguments: [JSONValue.int(0), .int(-42), .int(Int64.max), .int(Int64.min), .double(0.5), .double(-1.25),
                      .double(1e21), .double(1e-7), .double(123456.789), .bool(false), .null])
    func numbersAndLiterals(_ v: JSONValue) {
        _ = roundTrip(["v": v, "items": [v]])
    }

    @Test func integralDoubleStaysIntegralNumber() {
        // kubectl turns integral floats into ints; the writer keeps the mantissa's dot so
        // the value is at least a number of the same magnitude.
        #expect(YAMLWriter.write(["v": .double(1000)]) == "v: 1000.0\n")
    }

    @Test func topLevelScalarsAndEmptyCollections() {
        #expect(YAMLWriter.write("x") == "x\n")
        #expect(YAMLWriter.write([:]) == "{}\n")
        #expect(YAMLWriter.write([]) == "[]\n")
        _ = roundTrip(["a": ["b": ["c": ["d": [["e": [[:], []]]]]]]])
    }
}
