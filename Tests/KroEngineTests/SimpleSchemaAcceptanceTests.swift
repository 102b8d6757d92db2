@testable import KroEngine
import Testing

/// CRD-acceptance findings decidable from the schema alone (errors.md phase 10): kro
/// builds these RGDs, the API server refuses the CRD.
@Suite struct SimpleSchemaAcceptanceTests {
    @Test func setListsNeedScalarItems() throws {
        let f = SchemaFixture("""
        types:
          Item:
            name: string
        spec:
          a: '[]Item | uniqueItems=true'
          b: '[][]string | listType=set'
          c: '[]string | listType=set'
        """)
        let set = f.diagnostics.filter { $0.code == "KRO505" }
        #expect(set.map { f.text(of: $0) } == ["uniqueItems=true", "listType=set"])
        #expect(set.allSatisfy { $0.message.hasSuffix(MarkerApplication.acceptanceNote) })
        #expect(f.codes == ["KRO505", "KRO505"])
    }

    @Test func listMapKeysMustExistBeScalarAndRequiredOrDefaulted() {
        let f = SchemaFixture("""
        types:
          Item:
            name: string | required=true
            port: integer | default=80
            loose: string
            meta:
              x: string
        spec:
          ok: '[]Item | listType=map listMapKey=name listMapKey=port'
          missing: '[]Item | listType=map listMapKey=nope'
          notScalar: '[]Item | listType=map listMapKey=meta'
          optional: '[]Item | listType=map listMapKey=loose'
          free: '[]object | listType=map listMapKey=name'
        """)
        let keys = f.diagnostics.filter { $0.code == "KRO506" }
        #expect(keys.map { f.text(of: $0) } == ["nope", "meta", "loose", "name"])
        #expect(keys[0].message.contains("has no property nope"))
        #expect(keys[1].message.contains("must be a scalar property"))
        #expect(keys[2].message.contains("must be required or have a default"))
        #expect(f.codes.allSatisfy { $0 == "KRO506" })
    }

    @Test func contradictoryLimitsWarn() throws {
        let f = SchemaFixture("""
        spec:
          a: integer | minimum=10 maximum=1
          b: string | maxLength=1 minLength=2
          c: '[]string | minItems=3 maxItems=2'
          d: integer | minimum=1 maximum=1
        """)
        let limits = f.diagnostics.filter { $0.code == "KRO509" }
        #expect(limits.count == 3)
        #expect(limits.allSatisfy { $0.severity == .warning && $0.related.count == 1 })
        #expect(limits.map { f.text(of: $0) } == ["maximum=1", "minLength=2", "maxItems=2"])
        #expect(limits[0].message == "minimum 10 is greater than maximum 1: no value can satisfy this field")
    }

    @Test func defaultsInsideCustomTypesAreCheckedWhereWritten() throws {
        let f = SchemaFixture("""
        types:
          Level: string | default=loud enum="low,high"
        spec:
          level: Level
        """)
        let d = try #require(f.only("KRO504"))
        #expect(f.text(of: d) == "loud")
        // kro accepts it, so the type still builds and is usable.
        #expect(f.property("level")?["default"] == "loud")
    }

    @Test func requiredPropertiesOfAnObjectDefault() throws {
        let f = SchemaFixture("""
        types:
          Pair:
            a: string | required=true
            b: string | default=x
        spec:
          bad: 'Pair | default={"b":"y"}'
          good: 'Pair | default={"a":"z"}'
        """)
        let d = try #require(f.only("KRO504"))
        #expect(d.message.contains("default.a: Required value"))
        #expect(f.text(of: d) == #"{"b":"y"}"#)
    }

    @Test func integerEnumItemsThatAreNotJSON() throws {
        let f = field("integer | enum=\"1,+2,03\"")
        #expect(f.codes == ["KRO503", "KRO503"])
        #expect(f.property("f")?["enum"] == [1, 2, 3])
    }
}

@Suite struct SimpleSchemaPatternSyntaxTests {
    /// Valid Go regexes must never be reported (a false KRO125 would reject a good RGD).
    @Test(arguments: [#"^[a-zA-Z0-9-_]+$"#, #"\d{1,3}"#, #"[[:alpha:]]+"#, #"(?i)abc"#, #"\pL+"#, #"\p{Greek}"#,
                      #"a{2,}"#, #"^$"#, #"[^\]]"#, #"a|b|"#, #"()"#, #"(?P<name>x)"#, #"\."#, #"[a-]"#, #"x{,3}"#,
                      #"\/path"#, #"\_"#, #"[\w-.]"#, #"a*?b+?c??"#, #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#,
                      #"\x41\x{263a}"#, #"\Qa.b\E"#, #"(?s:.)"#, #"[a-z&&[^x]]"#, "{", "a{", "}"])
    func acceptsValidPatterns(_ pattern: String) {
        #expect(RE2Syntax.check(pattern) == nil, "\(pattern)")
    }

    @Test(arguments: [("a)", "unexpected )"), ("(a", "missing closing )"), ("[a", "missing closing ]"),
                      ("a**", "invalid nested repetition operator"), ("+a", "missing argument to repetition operator"),
                      (#"(\1)"#, "invalid escape sequence"), ("(?<!a)", "invalid or unsupported Perl syntax"),
                      ("[z-a]", "invalid character class range"), ("a{1001}", "invalid repeat count"), (#"a\"#, "trailing backslash")])
    func rejectsInvalidPatterns(_ pattern: String, _ reason: String) {
        #expect(RE2Syntax.check(pattern)?.contains(reason) == true, "\(pattern): \(RE2Syntax.check(pattern) ?? "nil")")
    }

    /// Go refuses a parse tree over 1,000 nodes high: 1,000 nested capture groups around a
    /// literal are 1,001 high, 999 are 1,000. Non-capturing groups are no nodes of their own.
    @Test func captureGroupsNestedPastGosHeightAreRefused() {
        func nested(_ depth: Int, open: String = "(") -> String {
            String(repeating: open, count: depth) + "a" + String(repeating: ")", count: depth)
        }
        #expect(RE2Syntax.check(nested(999)) == nil)
        #expect(RE2Syntax.check(nested(1_000)) == "error parsing regexp: expression nests too deeply: `\(nested(1_000))`")
        #expect(RE2Syntax.check(nested(998, open: "(?P<n>") + "(" + "b)") == nil)
        #expect(RE2Syntax.check(nested(1_000, open: "(?P<n>"))?.contains("expression nests too deeply") == true)
        #expect(RE2Syntax.check(nested(5_000, open: "(?:")) == nil)
        #expect(RE2Syntax.check(nested(100_000))?.contains("expression nests too deeply") == true)
        // Side by side, groups do not add up.
        #expect(RE2Syntax.check(String(repeating: nested(600), count: 3)) == nil)
        // Another error comes first, as in Go.
        #expect(RE2Syntax.check(String(repeating: "(", count: 1_000) + "a")?.contains("missing closing )") == true)
    }
}
