import Testing
@testable import CEL

@Suite("RE2 regex")
struct RegexTests {
    func m(_ p: String, _ s: String) throws -> Bool { try RE2Regex(p).matches(s) }

    @Test func basics() throws {
        #expect(try m("abc", "xxabcxx"))
        #expect(try !m("^abc$", "xxabcxx"))
        #expect(try m("^a.c$", "abc"))
        #expect(try !m("^a.c$", "a\nc"))
        #expect(try m("(?s)^a.c$", "a\nc"))
        #expect(try m("a|b|c", "zzc"))
        #expect(try m("^(ab)+$", "ababab"))
        #expect(try !m("^(ab)+$", "ababa"))
        #expect(try m("^a{2,3}$", "aaa"))
        #expect(try !m("^a{2,3}$", "aaaa"))
        #expect(try m("^a{2,}$", "aaaaa"))
        #expect(try m("^a{2}$", "aa"))
        #expect(try m("a{,2}", "a{,2}"))   // not a repeat: literal braces
    }

    @Test func classes() throws {
        #expect(try m("^[a-c]+$", "abcab"))
        #expect(try !m("^[^a-c]+$", "xbz"))
        #expect(try m("^\\d+\\s\\w+$", "42 foo_1"))
        #expect(try !m("^\\D$", "5"))
        #expect(try m("^[\\d-]+$", "1-2"))
        #expect(try m("^[[:alpha:]]+$", "abcXYZ"))
        #expect(try m("^\\pL+$", "héllo"))
        #expect(try m("^\\p{Lu}$", "Ä"))
        #expect(try !m("^\\PL$", "x"))
        #expect(try m("^[\\p{N}]+$", "١٢٣"))
    }

    @Test func flagsAndAssertions() throws {
        #expect(try m("(?i)^hello$", "HeLLo"))
        #expect(try !m("^hello$", "HeLLo"))
        #expect(try m("(?i:h)ello", "Hello"))
        #expect(try m("(?m)^b$", "a\nb\nc"))
        #expect(try !m("^b$", "a\nb\nc"))
        #expect(try m("\\bfoo\\b", "a foo b"))
        #expect(try !m("\\bfoo\\b", "afoob"))
        #expect(try m("\\Aab\\z", "ab"))
        #expect(try m("^\\Qa.b\\E$", "a.b"))
        #expect(try !m("^\\Qa.b\\E$", "axb"))
        #expect(try m("^(?P<year>\\d{4})-(?<m>\\d\\d)$", "2024-05"))
    }

    @Test func rejectsWhatRE2Rejects() {
        #expect(throws: RegexError.self) { try RE2Regex("(a)\\1") }
        #expect(throws: RegexError.self) { try RE2Regex("(?=a)") }
        #expect(throws: RegexError.self) { try RE2Regex("(?<=a)b") }
        #expect(throws: RegexError.self) { try RE2Regex("a**") }
        #expect(throws: RegexError.self) { try RE2Regex("(abc") }
        #expect(throws: RegexError.self) { try RE2Regex("abc)") }
        #expect(throws: RegexError.self) { try RE2Regex("[a") }
        #expect(throws: RegexError.self) { try RE2Regex("a{1001}") }
        #expect(throws: RegexError.self) { try RE2Regex("\\") }
        #expect(throws: RegexError.self) { try RE2Regex("((((a{100}){100}){100}))") }
    }

    @Test func leftmostFirstPositions() throws {
        let re = try RE2Regex("a+|b")
        #expect(re.firstMatch(in: "xxbaaa")?.text == "b")
        #expect(re.firstMatch(in: "xxbaaa")?.range == 2..<3)
        #expect(try RE2Regex("a*?b").firstMatch(in: "aaab")?.text == "aaab")
        #expect(try RE2Regex("a+?").firstMatch(in: "aaa")?.text == "a")
        #expect(try RE2Regex("(a|ab)(c|bcd)").firstMatch(in: "abcd")?.text == "abcd")
        #expect(try RE2Regex("é+").firstMatch(in: "xéé")?.range == 1..<5)
    }

    @Test func allMatchesLikeGo() throws {
        #expect(try RE2Regex("[0-9]+").allMatches(in: "a1b22c333").map(\.text) == ["1", "22", "333"])
        #expect(try RE2Regex("a*").allMatches(in: "baaac").map(\.text) == ["", "aaa", ""])
        #expect(try RE2Regex("x").allMatches(in: "xxx", limit: 2).count == 2)
    }

    /// `(a*)*b` is exponential for backtracking engines; here it is linear by
    /// construction (NFA simulation), so 50 000 characters finish.
    @Test func pathologicalPatternsCompleteOnLongInput() throws {
        let long = String(repeating: "a", count: 50_000)
        #expect(try !m("(a*)*b", long))
        #expect(try m("(a*)*b", long + "b"))
        #expect(try !m("(a|aa)+$x", long))
        #expect(try m("^(a+)+$", long))
    }
}
