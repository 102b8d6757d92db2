import Testing
@testable import YAMLSyntax

/// Keys kubectl's YAML→JSON conversion refuses fail the document at the key
/// (MapKeyProblems.swift); every other key is quiet.
@Suite struct MapKeyProblemTests {
    /// The first error of `text`'s first document: its message's start and the text it covers.
    func problem(_ text: String) -> (message: Substring, text: Substring)? {
        let file = YAMLParser.parse(SourceText(text))
        guard let error = file.documents.first?.errors.first else { return nil }
        let bytes = Array(text.utf8)[error.range.start..<error.range.end]
        return (error.message.prefix { $0 != ";" }, Substring(decoding: bytes, as: UTF8.self))
    }

    @Test func nullKeys() {
        for key in ["null", "~", "Null", "NULL", "!!null ''"] {
            #expect(problem("a: 1\n\(key): x\n")?.message == "unsupported map key of type: <nil>", "\(key)")
        }
        #expect(problem("a: 1\n~: x\n")?.text == "~")
        #expect(problem("? \n: x\n")?.message == "unsupported map key of type: <nil>")
        #expect(problem("{a: 1, null: 2}\n")?.text == "null")
    }

    @Test func numbersPastInt64() {
        #expect(problem("18446744073709551615: x\n")?.message
            == "unsupported map key of type: uint64, key: 18446744073709551615")
        #expect(problem("9223372036854775807: x\n") == nil)
        #expect(problem("1e30: x\n") == nil)
    }

    @Test func collectionKeys() {
        #expect(problem("? [a, b]\n: x\n")?.message == "invalid map key: a sequence")
        #expect(problem("? [a, b]\n: x\n")?.text == "[a, b]")
        #expect(problem("{a: 1}: x\n")?.message == "invalid map key: a mapping")
        #expect(problem("m: &m {a: 1}\nn: {*m : x}\n")?.message == "invalid map key: a mapping")
    }

    @Test func everyOtherKeyIsQuiet() {
        for key in ["name", "'null'", "\"~\"", "!!str null", "1", "-5", "0x10", "1.5", ".inf", "true", "no", "<<", "n", "nil",
                    "2001-12-14", "+", "~x", "Nope", "!local null"] {
            #expect(problem("\(key): x\n") == nil, "\(key)")
        }
        #expect(problem("k: &k name\n*k : x\n") == nil)
        #expect(problem("base: &b {a: 1}\nm: {<<: *b}\n") == nil)
    }
}
