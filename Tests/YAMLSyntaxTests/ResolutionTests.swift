import Testing
import YAMLSyntax

/// rgd.md §1: plain scalars resolve as kubectl (go-yaml v2) does.
@Suite struct ResolutionTests {
    func resolve(_ plain: String) -> ResolvedScalar? {
        parseMapping("k: \(plain)\n").1?.value(forKey: "k")?.scalar?.resolved
    }

    @Test(arguments: ["true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON"])
    func trueWords(_ word: String) { #expect(resolve(word) == .bool(true)) }

    @Test(arguments: ["false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF"])
    func falseWords(_ word: String) { #expect(resolve(word) == .bool(false)) }

    @Test(arguments: ["~", "null", "Null", "NULL", ""])
    func nullWords(_ word: String) { #expect(resolve(word) == .null) }

    @Test func integers() {
        #expect(resolve("42") == .int(42))
        #expect(resolve("-17") == .int(-17))
        #expect(resolve("+5") == .int(5))
        #expect(resolve("0x1F") == .int(31))
        #expect(resolve("0o17") == .int(15))
        #expect(resolve("017") == .int(15))
        #expect(resolve("0b101") == .int(5))
        #expect(resolve("1_000") == .int(1000))
        #expect(resolve("9223372036854775807") == .int(Int64.max))
        #expect(resolve("9223372036854775808") == .float(9223372036854775808))
    }

    @Test func floats() {
        #expect(resolve("3.5") == .float(3.5))
        #expect(resolve("3.0") == .int(3))
        #expect(resolve("1e3") == .int(1000))
        #expect(resolve("1e21") == .float(1e21))
        #expect(resolve(".5") == .float(0.5))
        #expect(resolve("08") == .int(8))
        #expect(resolve(".inf") == .float(.infinity))
        #expect(resolve("-.Inf") == .float(-.infinity))
        if case .float(let d)? = resolve(".nan") { #expect(d.isNaN) } else { Issue.record("nan") }
    }

    @Test func everythingElseIsAString() {
        for s in ["hello", "1.2.3", "0x", "yes please", "2024-01-01", "1e", "0xZZ", "-x", "${a.b}", "TrUe"] {
            #expect(resolve(s) == .string(s), "\(s)")
        }
    }

    @Test func quotedBlockAndTaggedScalarsAreStrings() {
        let (_, m) = parseMapping("a: \"yes\"\nb: '12'\nc: |-\n  true\nd: !!str 3\n")
        #expect(m?.value(forKey: "a")?.scalar?.resolved == .string("yes"))
        #expect(m?.value(forKey: "b")?.scalar?.resolved == .string("12"))
        #expect(m?.value(forKey: "c")?.scalar?.resolved == .string("true"))
        #expect(m?.value(forKey: "d")?.scalar?.resolved == .string("3"))
    }

    @Test func keysAreStringifiedLikeKubectl() {
        let (_, m) = parseMapping("yes: a\n0x10: b\n1.5: c\n1e6: d\n\"on\": e\n")
        #expect(m?.entries.compactMap(\.key.keyString) == ["true", "16", "1.5", "1e+06", "on"])
        #expect(m?.value(forKey: "true")?.scalar?.value == "a")
    }
}
