import Testing
@testable import YAMLSyntax

/// Wide collections: the tree builder's child stack (segments, large ones freed as a pop
/// empties them) and the duplicate-key check of mappings over 8 keys (hashes, strings made
/// again only for equal hashes).
@Suite struct WideMappingTests {
    final class Counter { var freed = 0 }
    final class Token {
        let value: Int
        let counter: Counter
        init(_ value: Int, _ counter: Counter) { self.value = value; self.counter = counter }
        deinit { counter.freed += 1 }
    }

    /// Random pushes and pops across many segments behave as an array, and every element is
    /// released exactly once (moved out, popped or left on the stack at its end).
    @Test func childStackIsAnArrayOfItsElements() {
        var rng = FuzzTests.Generator(state: 0x5EC0_57AC)
        let counter = Counter()
        var made = 0
        for _ in 0..<6 {
            let stack = ChildStack<Token>()
            var model: [Int] = []
            for _ in 0..<400 {
                if rng.below(3) > 0 {
                    // Bursts big enough to cross several 4,096-element segments.
                    let n = rng.below(4) == 0 ? rng.below(9000) : rng.below(40)
                    for _ in 0..<n { stack.push(Token(made, counter)); model.append(made); made += 1 }
                } else {
                    let start = model.isEmpty ? 0 : rng.below(model.count + 1)
                    let popped = stack.popArray(from: start)
                    #expect(popped.map(\.value) == Array(model[start...]))
                    model.removeSubrange(start...)
                }
                #expect(stack.count == model.count)
                if !model.isEmpty {
                    let i = rng.below(model.count)
                    #expect(stack.element(i).value == model[i])
                }
            }
        }
        #expect(counter.freed == made)
    }

    /// Past the doubling segments the stack maps large ones of their own: filled, emptied
    /// by pops (unmapped as they empty, but one spare) and filled again, it still hands out
    /// exactly what was pushed, and releases every element once.
    @Test func largeSegmentsAreMappedAndHandedBack() {
        let counter = Counter()
        let large = ChildStack<Token>.largeSegment
        do {
            let stack = ChildStack<Token>()
            for i in 0..<(5 * large) { stack.push(Token(i, counter)) }
            let top = stack.popArray(from: 2 * large + 7)
            #expect(top.map(\.value) == Array((2 * large + 7)..<(5 * large)))
            for i in 0..<large { stack.push(Token(-i, counter)) }
            #expect(stack.element(2 * large + 6).value == 2 * large + 6 && stack.element(2 * large + 7).value == 0)
            let all = stack.popArray(from: 0)
            #expect(all.count == 3 * large + 7 && all.last?.value == -(large - 1))
            #expect(stack.count == 0)
        }
        #expect(counter.freed == 6 * large)
    }

    /// The duplicates a naive pairwise look finds, and the mark of keys as written.
    static func naive(_ m: YAMLMapping) -> (duplicates: [DuplicateKey], asWritten: Bool) {
        var seen: [(String, TextRange)] = []
        var duplicates: [DuplicateKey] = []
        var asWritten = true
        for entry in m.entries {
            if entry.isMergeKey { asWritten = false; continue }
            guard let key = entry.key.keyString else { asWritten = false; continue }
            if let first = seen.first(where: { $0.0 == key }) {
                duplicates.append(DuplicateKey(key: key, first: first.1, duplicate: entry.key.range))
            }
            seen.append((key, entry.key.range))
        }
        return (duplicates, asWritten && duplicates.isEmpty)
    }

    @Test func duplicateKeysOfWideMappingsAreTheNaiveOnes() throws {
        var rng = FuzzTests.Generator(state: 0xD0_7B1E)
        let words = ["a", "b", "yes", "true", "True", "'true'", "1", "01", "0x1", "null", "~", "\"a\"", "é", "k-1", "k.1"]
        for i in 0..<200 {
            var text = ""
            let count = 9 + rng.below(i % 10 == 0 ? 3000 : 60)
            for n in 0..<count {
                switch rng.below(12) {
                case 0: text += "\(words[rng.below(words.count)]): \(n)\n"
                case 1: text += "<<: {m\(n): 1}\n"
                case 2: text += "? [c\(n)]\n: 1\n"
                case 3: text += "k\(rng.below(max(1, count / 2))): \(n)\n"
                default: text += "key\(n): \(n)\n"
                }
            }
            let document = try #require(YAMLParser.parse(SourceText(text)).documents.first)
            let root = try #require(document.root?.mapping)
            let expected = Self.naive(root)
            // The merged mappings close first: their (no) duplicates come before the root's.
            #expect(document.duplicateKeys == expected.duplicates, "case \(i)")
            #expect(root.entriesAreKnownEffective == expected.asWritten, "case \(i)")
        }
    }
}
