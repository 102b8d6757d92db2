import Testing
@testable import CEL

/// The lexer compares an identifier with the literals, `in` and the reserved words only
/// when its first letter and length match one of them: every word still gets the kind
/// the full comparison gives, for the words themselves, their prefixes and extensions,
/// case changes, and identifiers sharing a first letter and length with one.
@Suite struct LexerWordTests {
    static func expectedKind(_ word: String) -> Token.Kind {
        switch word {
        case "true": .true
        case "false": .false
        case "null": .null
        case "in": .in
        default: Lexer.reservedWords.contains(word) ? .reserved(word) : .identifier(word)
        }
    }

    @Test func everyWordLexesAsTheFullComparisonSays() {
        let special = Lexer.reservedWords.union(["true", "false", "null", "in"])
        var words: Set<String> = ["a", "_", "r5", "schema", "metadata", "name", "spec", "x_1", "Z", "zz", "nulls"]
        for w in special {
            words.insert(w)
            words.insert(w.uppercased())
            words.insert(w + "s")
            words.insert("_" + w)
            words.insert(String(w.dropLast()))
            words.insert(String(w.dropFirst()))
            // Same first letter and length, another word.
            words.insert(String(w.first!) + String(repeating: "q", count: w.count - 1))
        }
        for length in 1...17 { words.insert(String(repeating: "n", count: length)) }
        var keywords = 0
        for word in words where !word.isEmpty {
            let tokens = Lexer.tokenize(Array(word.utf8))
            #expect(tokens.count == 2 && tokens[0].kind == Self.expectedKind(word) && tokens[0].end == word.utf8.count, "\(word): \(tokens)")
            if special.contains(word) { keywords += 1 }
        }
        #expect(keywords == special.count)
    }
}
