import Testing
import YAMLSyntax

/// The plain-scalar resolution table (go-yaml v2, as kubectl applies it): every special
/// word, and strings that only look like one, resolved through the public API.
@Suite struct ResolutionTableTests {
    /// go-yaml v2's resolve table: the only plain scalars that are null, booleans or
    /// special floats without being numbers.
    static let table: [String: ResolvedScalar] = {
        var t: [String: ResolvedScalar] = ["": .null, "~": .null, "null": .null, "Null": .null, "NULL": .null]
        for w in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { t[w] = .bool(true) }
        for w in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { t[w] = .bool(false) }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { t[w] = .float(.infinity) }
        for w in ["-.inf", "-.Inf", "-.INF"] { t[w] = .float(-.infinity) }
        return t
    }()

    static func plain(_ value: String) -> YAMLScalar {
        YAMLScalar(value: value, style: .plain, range: TextRange(start: 0, end: value.utf8.count),
                   sourceMap: .verbatim(start: 0, length: value.utf8.count))
    }

    @Test func everyWordOfTheTable() {
        for (word, expected) in Self.table {
            #expect(Self.plain(word).resolved == expected, "\(word)")
        }
        for word in [".nan", ".NaN", ".NAN"] {
            guard case .float(let d) = Self.plain(word).resolved else { Issue.record("\(word)"); continue }
            #expect(d.isNaN)
        }
    }

    @Test func nearMissesAreStrings() {
        let words = ["nul", "nulls", "NuLL", "tRUE", "Truee", "yess", "yES", "oN", "oFF", "offf", "Off ", " no",
                     "+.nan", "-.nan", ".iNF", "+.inF", "-.INFF", "~~", "falsey", "FALSE!", "nO", "ye", "tru",
                     "f", "t", "o", ".", "+", "-", "-.", "+."]
        for word in words { #expect(Self.plain(word).resolved == .string(word), "\(word)") }
    }

    @Test func quotedAndTaggedWordsStayStrings() {
        for (word, _) in Self.table where !word.isEmpty {
            var s = Self.plain(word)
            s.style = .doubleQuoted
            #expect(s.resolved == .string(word))
            var tagged = Self.plain(word)
            tagged.tag = "tag:yaml.org,2002:str"
            #expect(tagged.resolved == .string(word))
        }
    }

    /// Every string one edit away from a table word (a letter replaced, removed or
    /// inserted, over the table's letters; no digits, so no number can come out) resolves
    /// to its own table entry, or else to itself as a string.
    @Test func wordsOneEditAwayMatchTheTable() {
        let letters = Array("~nNyYtTfFoOuUeElLsSaArR.+-iI ")
        var words = Set<String>()
        for word in Self.table.keys.map(Array.init) + [Array(".nan")] {
            for i in 0...word.count {
                for c in letters { var w = word; w.insert(c, at: i); words.insert(String(w)) }
                guard i < word.count else { continue }
                var removed = word; removed.remove(at: i); words.insert(String(removed))
                for c in letters { var w = word; w[i] = c; words.insert(String(w)) }
            }
        }
        #expect(words.count > 5_000)
        for word in words {
            let got = Self.plain(word).resolved
            if [".nan", ".NaN", ".NAN"].contains(word) {
                if case .float(let d) = got { #expect(d.isNaN) } else { Issue.record("\(word)") }
                continue
            }
            #expect(got == (Self.table[word] ?? .string(word)), "\(word)")
        }
    }

    @Test func keyStringsOfTheTableWords() {
        #expect(Self.plain("yes").keyString == "true")
        #expect(Self.plain("Off").keyString == "false")
        #expect(Self.plain("~").keyString == "null")
        #expect(Self.plain("").keyString == "null")
        #expect(Self.plain("-.Inf").keyString == "-.inf")
        #expect(Self.plain("nul").keyString == "nul")
    }
}
