import Testing
@testable import YAMLSyntax

/// The parser marks mappings whose entries are already what kubectl sees, and records
/// duplicate keys pairwise for small mappings: over seeded random mappings (duplicates,
/// `yes`/`true`, merge keys, alias and collection keys, up to 14 keys) both must agree with
/// the computations they stand for.
@Suite struct ParsedMappingFlagTests {
    static let keys = ["a", "b", "c", "yes", "true", "1", "01", "\"1\"", "'a'", "null", "~", "1.0", "<<", "? [x]", "*k", "k2"]

    static func randomDocument(_ rng: inout FuzzTests.Generator, maxKeys: Int = 14) -> String {
        var text = "anchor: &k kv\nm:\n"
        for _ in 0..<(1 + rng.below(maxKeys)) {
            switch Self.keys[rng.below(Self.keys.count)] {
            case "<<": text += "  <<: {a: 9, z: 8}\n"
            case "? [x]": text += "  ? [x]\n  : v\n"
            case "*k": text += "  *k : v\n"
            case let key: text += "  \(key): v\(rng.below(5))\n"
            }
        }
        return text
    }

    /// Every mapping of a tree, depth first.
    static func mappings(_ node: YAMLNode?) -> [YAMLMapping] {
        guard let node else { return [] }
        switch node {
        case .mapping(let m): return [m] + m.entries.flatMap { mappings($0.key) + mappings($0.value) }
        case .sequence(let s): return s.items.flatMap { mappings($0) }
        case .scalar, .alias: return []
        }
    }

    /// Duplicate keys as a dictionary of first occurrences finds them.
    static func expectedDuplicates(_ m: YAMLMapping) -> [DuplicateKey] {
        guard m.entries.count > 1 else { return [] }
        var seen: [String: TextRange] = [:]
        var found: [DuplicateKey] = []
        for entry in m.entries where !entry.isMergeKey {
            guard let key = entry.key.keyString else { continue }
            if let first = seen[key] {
                found.append(DuplicateKey(key: key, first: first, duplicate: entry.key.range))
            } else {
                seen[key] = entry.key.range
            }
        }
        return found
    }

    @Test(arguments: [14, 60])
    func flagAndDuplicatesAgreeWithTheFullComputation(maxKeys: Int) throws {
        var rng = FuzzTests.Generator(state: 0xf1a9_5eed)
        var (flagged, unflagged) = (0, 0)
        for _ in 0..<1500 {
            let doc = try #require(YAMLParser.parse(SourceText(Self.randomDocument(&rng, maxKeys: maxKeys))).documents.first)
            var duplicates: [DuplicateKey] = []
            for m in Self.mappings(doc.root) {
                var recomputed = m
                recomputed.entries = m.entries  // clears the parser's mark
                #expect(!recomputed.entriesAreKnownEffective)
                #expect(m.effectiveEntries == recomputed.effectiveEntries)
                if m.entriesAreKnownEffective {
                    flagged += 1
                    #expect(m.effectiveEntries == m.entries)
                } else {
                    unflagged += 1
                }
                #expect(m == recomputed, "the mark is no part of equality")
                duplicates += Self.expectedDuplicates(m)
            }
            let byPlace = { (a: DuplicateKey, b: DuplicateKey) in a.duplicate.start < b.duplicate.start }
            #expect(doc.duplicateKeys.sorted(by: byPlace) == duplicates.sorted(by: byPlace))
        }
        #expect(flagged > (maxKeys > 20 ? 150 : 500) && unflagged > 500)
    }

    @Test func manyKeysWhoseHashesCollideAreNotRepeats() throws {
        // FNV-1a 32 collisions (costarring/liquid, declinate/macallums, altarage/zinke): the
        // many-key check sorts by that hash and must still compare the keys themselves.
        let words = ["costarring", "liquid", "declinate", "macallums", "altarage", "zinke", "a", "b", "c"]
        let unique = try #require(YAMLParser.parse(SourceText(words.map { "\($0): 1\n" }.joined())).documents.first)
        #expect(unique.duplicateKeys.isEmpty && unique.root?.mapping?.entriesAreKnownEffective == true)
        let repeated = words + ["liquid", "zinke", "costarring", "liquid"]
        let doc = try #require(YAMLParser.parse(SourceText(repeated.map { "\($0): 1\n" }.joined())).documents.first)
        let m = try #require(doc.root?.mapping)
        #expect(doc.duplicateKeys == Self.expectedDuplicates(m))
        #expect(doc.duplicateKeys.map(\.key) == ["liquid", "zinke", "costarring", "liquid"])
        #expect(!m.entriesAreKnownEffective)
    }

    @Test func shiftingKeepsTheMark() throws {
        let doc = try #require(YAMLParser.parse(SourceText("m:\n  a: 1\n  b: 2\n")).documents.first)
        let shifted = try #require(doc.root?.shifted(by: 7).mapping?.value(forKey: "m")?.mapping)
        #expect(shifted.entriesAreKnownEffective)
        #expect(shifted.effectiveEntries.compactMap(\.key.keyString) == ["a", "b"])
    }
}
