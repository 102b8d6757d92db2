import Testing
@testable import CEL

/// Every literal form and escape of cel-spec's langdef, and the literal errors.
@Suite struct ParserLiteralTests {
    private func value(_ text: String) -> Literal? {
        guard let e = parse(text).parsed?.expr, case .literal(let l) = e.kind else { return nil }
        return l
    }

    @Test(arguments: [
        ("0", Literal.int(0)), ("42", .int(42)), ("0x1F", .int(31)), ("0XfF", .int(255)),
        ("-9223372036854775808", .int(Int64.min)), ("9223372036854775807", .int(Int64.max)),
        ("-0x8000000000000000", .int(Int64.min)),
        ("1u", .uint(1)), ("7U", .uint(7)), ("0x1u", .uint(1)), ("18446744073709551615u", .uint(UInt64.max)),
        ("1.5", .double(1.5)), ("1e3", .double(1000)), ("1E-2", .double(0.01)), ("2.5e+1", .double(25)),
        (".5", .double(0.5)), ("-0.25", .double(-0.25)),
        ("true", .bool(true)), ("false", .bool(false)), ("null", .null),
    ])
    func numbersAndKeywords(text: String, expected: Literal) {
        #expect(value(text) == expected, "\(text)")
    }

    @Test(arguments: [
        (#"'\a\b\f\n\r\t\v'"#, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}"),
        (#"'\\ \' \" \` \?'"#, "\\ ' \" ` ?"),
        (#"'\x41\X42'"#, "AB"),
        (#"'\u00e9\U0001F600'"#, "é😀"),
        (#"'\101\060'"#, "A0"),
        (#"'\xff'"#, "\u{FF}"),
        (#""double""#, "double"),
        (#"r'\n'"#, "\\n"), (#"R"\d+""#, "\\d+"),
        ("'''a\n'b'\n'''", "a\n'b'\n"), (#""""x""y""""#, "x\"\"y"),
        (#"r'''\n'''"#, "\\n"),
        ("'héllo wörld'", "héllo wörld"),
    ])
    func strings(text: String, expected: String) {
        #expect(value(text) == .string(expected), "\(text)")
    }

    @Test func bytes() {
        #expect(value(#"b'abc'"#) == .bytes(Array("abc".utf8)))
        #expect(value(#"B"\xff\x00""#) == .bytes([0xFF, 0x00]))
        #expect(value(#"b'\377\001'"#) == .bytes([0xFF, 0x01]))
        #expect(value(#"b'é'"#) == .bytes([0xC3, 0xA9]))
        #expect(value(#"br'\x41'"#) == .bytes(Array(#"\x41"#.utf8)))
        #expect(value(#"b'''a'b'''"#) == .bytes(Array("a'b".utf8)))
    }

    @Test(arguments: [
        ("9223372036854775808", "invalid int literal", 0),
        ("-9223372036854775809", "invalid int literal", 0),
        ("18446744073709551616u", "invalid uint literal", 0),
        ("x + 0x10000000000000000", "invalid int literal", 4),
    ])
    func numberErrors(text: String, message: String, offset: Int) {
        let issues = parse(text).issues
        #expect(issues.map(\.message) == [message], "\(text)")
        #expect(issues.first?.span.start == offset)
    }

    @Test func stringErrorsPointAtTheProblem() {
        // Unterminated literals and bad escapes are reported where they are, once.
        let unterminated = parse("x + 'abc")
        #expect(unterminated.issues.map(\.message) == ["Syntax error: token recognition error at: ''abc'"])
        #expect(unterminated.issues.first?.span.start == 4)
        let newline = parse("'ab\ncd'")
        #expect(newline.issues.first?.span.start == 0)
        #expect(parse(#"'\q'"#).issues.count == 1)
        #expect(parse(#"'\q'"#).issues.first?.span.start == 1)
        #expect(parse(#"'\uD800'"#).issues.map(\.message) == ["Syntax error: invalid unicode code point"])
        #expect(!parse(#"b'\u00ff'"#).issues.isEmpty, "\\u is not allowed in bytes")
        #expect(!parse(#"'\x4'"#).issues.isEmpty)
        #expect(!parse(#"'\400'"#).issues.isEmpty, "octal escapes stop at \\377")
    }

    @Test func reservedWordsAndComments() {
        for word in ["as", "break", "const", "continue", "else", "for", "function", "if", "import",
                     "let", "loop", "package", "namespace", "return", "var", "void", "while"] {
            #expect(parse(word).issues.map(\.message) == ["reserved identifier: \(word)"], "\(word)")
            #expect(parse("a.\(word)").issues.isEmpty, "\(word) is a valid field name")
        }
        #expect(shape("a // comment with ) and '\n + b") == "(_+_ a b)")
    }
}
