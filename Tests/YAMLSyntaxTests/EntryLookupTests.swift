import Testing
@testable import YAMLSyntax

/// `YAMLMapping.entry(forKey:)` compares key text instead of resolving every key when the
/// key reads as itself: over seeded mappings (bool and null words, numbers, quoted and
/// tagged keys, merge keys, alias and collection keys, duplicates) and keys that do and
/// do not read as themselves, it must find what resolving each key finds.
@Suite struct EntryLookupTests {
    static let queries = ["a", "b", "c", "k2", "kv", "yes", "Yes", "true", "True", "null", "Null", "NaN", "y", "n",
                          "on", "1", "01", "1.0", "~", "<<", "x", "apiVersion", "", ".nan", "-", "é"]

    static func reference(_ m: YAMLMapping, _ key: String) -> YAMLMappingEntry? {
        if !m.entries.contains(where: \.isMergeKey) { return m.entries.last { $0.key.keyString == key } }
        return m.effectiveEntries.first { $0.key.keyString == key }
    }

    @Test func findsWhatResolvingEveryKeyFinds() {
        var rng = FuzzTests.Generator(state: 0xE17A_5EED)
        var found = 0
        for _ in 0..<1_500 {
            var text = ParsedMappingFlagTests.randomDocument(&rng)
            // Tagged keys too: their text is not what they read as.
            if rng.below(3) == 0 { text += "  !!str yes: t\n  !!int 1: u\n  !!str NaN: w\n" }
            let file = YAMLParser.parse(SourceText(text))
            for m in ParsedMappingFlagTests.mappings(file.documents.first?.root) {
                for key in Self.queries {
                    let expected = Self.reference(m, key)
                    #expect(m.entry(forKey: key) == expected, "\(key) in \(text)")
                    if expected != nil { found += 1 }
                }
            }
        }
        #expect(found > 1_000)
    }

    /// `YAMLEntryLookup` answers through an index for large mappings: the same entries
    /// as `entry(forKey:)`, duplicates and merge keys included.
    @Test func theLookupOfLargeMappingsFindsTheSameEntries() {
        var rng = FuzzTests.Generator(state: 0x10_0C_0B)
        var indexed = 0
        for _ in 0..<300 {
            let text = ParsedMappingFlagTests.randomDocument(&rng, maxKeys: 60)
            let file = YAMLParser.parse(SourceText(text))
            let lookup = YAMLEntryLookup()
            for m in ParsedMappingFlagTests.mappings(file.documents.first?.root) {
                if m.entries.count >= YAMLEntryLookup.indexedFrom { indexed += 1 }
                for _ in 0..<2 {  // the second round reads the index built by the first
                    for key in Self.queries {
                        #expect(lookup.entry(key, in: m) == m.entry(forKey: key), "\(key) in \(text)")
                    }
                }
            }
        }
        #expect(indexed > 100)
    }

    @Test func wordsThatReadAsThemselves() {
        #expect(YAMLMapping.readsAsItself("apiVersion"))
        #expect(YAMLMapping.readsAsItself("NaN"))
        for word in ["yes", "True", "null", "on", "y", "1", ".nan", "", "~", "-x", "é"] {
            #expect(!YAMLMapping.readsAsItself(word), "\(word)")
        }
    }
}
