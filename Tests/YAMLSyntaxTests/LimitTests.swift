import Testing
import YAMLSyntax

@Suite struct LimitTests {
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    @Test func aliasBombIsRejectedWithALimitError() throws {
        let file = YAMLParser.parse(SourceText(Self.billionLaughs))
        let error = try #require(file.errors.first)
        #expect(error.kind == .limit)
        #expect(error.message.contains("aliases expand"))
    }

    @Test func moderateAliasUseIsFine() {
        let file = YAMLParser.parse(SourceText("a: &a [1, 2]\nb: [*a, *a]\nc: *a\n"))
        #expect(file.errors.isEmpty)
    }

    @Test func nestingDepthIsLimited() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let file = YAMLParser.parse(SourceText(deep))
        let error = try #require(file.errors.first)
        #expect(error.kind == .limit)
        #expect(error.range.start == 512)
        let fine = YAMLParser.parse(SourceText("- - - - [x]\n"), limits: YAMLLimits(maxDepth: 5))
        #expect(fine.errors.isEmpty)
        let tooDeep = YAMLParser.parse(SourceText("- - - - [x]\n"), limits: YAMLLimits(maxDepth: 4))
        #expect(tooDeep.errors.map(\.kind) == [.limit])
    }

    @Test func documentSizeIsLimitedPerDocument() {
        let text = "a: 1\n---\nb: " + String(repeating: "x", count: 200) + "\n---\nc: 3\n"
        let file = YAMLParser.parse(SourceText(text), limits: YAMLLimits(maxDocumentSize: 100))
        #expect(file.errors.map(\.kind) == [.limit])
        #expect(file.documents.count == 3)
        #expect(file.documents[2].root?.mapping?.value(forKey: "c")?.scalar?.value == "3")
    }

    /// Past `maxDocuments`, one document with the limit error covers the rest of the file,
    /// read in order or in parallel.
    @Test func documentCountIsLimitedPerFile() throws {
        let limits = YAMLLimits(maxDocuments: 4)
        let dashes = (0..<7).map { "---\nk: v\($0)\n" }.joined()
        let cases = [("dashes", dashes, "---\nk: v4"), ("bare first", "k: a\n# note\n" + dashes, "---\nk: v3"),
                     ("empty", String(repeating: "---\n", count: 7), nil)]
        for (name, text, fifthText) in cases {
            let source = SourceText(text)
            for file in [YAMLParser.parse(source, limits: limits),
                         YAMLParser.parse(source, limits: limits, parallel: .init(threads: 4, minimumDocumentBytes: 1))] {
                #expect(file.documents.count == 5, "\(name)")
                let last = try #require(file.documents.last)
                #expect(last.root == nil && last.range.end == source.count, "\(name)")
                #expect(Array(file.documents.map(\.range.start).dropFirst()) == Array(file.documents.map(\.range.end).dropLast()),
                        "\(name): the documents tile the file")
                let error = try #require(file.errors.first)
                #expect(file.errors.count == 1 && error.kind == .limit, "\(name)")
                #expect(error.message == "the file has more than 4 YAML documents, over kro-lsp's limit; the documents from here on are not read")
                // On the fifth document's `---`.
                let fifth = try #require(fifthText.map { source.offset(of: $0) } ?? 16)
                #expect(error.range == TextRange(start: fifth, end: fifth + 3), "\(name)")
                #expect(last.range.start == fifth, "\(name)")
            }
        }
        // Only the parts read are listed; an edit before or past the limit reads as a full parse.
        let capped = YAMLParser.documentRanges(in: SourceText(dashes), limit: 4)
        #expect(capped.count == 5 && capped.last?.end == dashes.utf8.count)
        let before = YAMLParser.parse(SourceText(dashes), limits: limits)
        for edited in [dashes.replacingOccurrences(of: "k: v1", with: "k: v1x"),
                       dashes.replacingOccurrences(of: "k: v6", with: "k: v6x"),
                       dashes.replacingOccurrences(of: "k: v2\n", with: "k: v2\n---\n")] {
            let source = SourceText(edited)
            let reparsed = YAMLParser.reparse(source, previous: before, limits: limits), full = YAMLParser.parse(source, limits: limits)
            #expect(reparsed.documents == full.documents && reparsed.errors == full.errors)
            #expect(full.documents.count == 5 && full.errors.count == 1)
        }
        let atTheLimit = YAMLParser.parse(SourceText((0..<4).map { "---\nk: v\($0)\n" }.joined()), limits: limits)
        #expect(atTheLimit.documents.count == 4 && atTheLimit.errors.isEmpty)
        // The default: 10,000 documents.
        let many = YAMLParser.parse(SourceText(String(repeating: "---\n", count: 10_050)))
        #expect(many.documents.count == 10_001 && many.errors.map(\.kind) == [.limit])
        #expect(many.errors.first?.range.start == 4 * 10_000)
    }

    @Test func largeFileIsParsed() {
        var text = "items:\n"
        for i in 0..<5_000 { text += "  - name: item-\(i)\n    value: \"\(i)\"\n" }
        let file = YAMLParser.parse(SourceText(text))
        #expect(file.errors.isEmpty)
        #expect(file.documents.first?.root?.mapping?.value(forKey: "items")?.sequence?.items.count == 5_000)
    }
}

@Suite struct FuzzTests {
    /// Deterministic xorshift generator so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let fragments: [[UInt8]] = [
        "a: ", "- ", "\n", "\r\n", "\r", "  ", "\t", "'", "\"", "\\", "|", ">", "|-", ">+2", "{", "}", "[", "]",
        ",", ":", "? ", "&x ", "*x", "!!str ", "!t ", "# c", "---\n", "...\n", "%YAML 1.1\n", "é", "😀", "<<: ",
        "\\u00e9", "\\x4", "''", "key", "${a.b}", "\u{85}", "\u{2028}",
    ].map { Array($0.utf8) }

    @Test func arbitraryBytesNeverCrash() {
        var rng = Generator(state: 0x9E37_79B9_7F4A_7C15)
        var parsed = 0
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.below(40) {
                if rng.below(4) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    bytes += Self.fragments[rng.below(Self.fragments.count)]
                }
            }
            let source = SourceText(bytes: bytes)
            let file = YAMLParser.parse(source)
            for error in file.errors {
                #expect(error.range.start >= 0 && error.range.end <= bytes.count && error.range.start <= error.range.end)
            }
            let exactBytes = !file.errors.contains { $0.kind == .encoding }
            for doc in file.documents { if let root = doc.root { check(root, source, exactBytes: exactBytes) } }
            parsed += 1
        }
        #expect(parsed == 3000)
    }

    /// Every range and mapped offset stays inside the text; with `exactBytes` (no bytes
    /// were replaced for libyaml), every copied value byte equals its source byte.
    func check(_ node: YAMLNode, _ source: SourceText, exactBytes: Bool) {
        let r = node.range
        #expect(r.start >= 0 && r.start <= r.end && r.end <= source.count)
        switch node {
        case .scalar(let s):
            let n = s.value.utf8.count
            if exactBytes {
                #expect(mapMismatches(s, source).isEmpty, "\(source.text.debugDescription) \(s.value.debugDescription)")
            }
            for o in [0, n / 2, n] {
                let off = s.sourceMap.sourceOffset(forValueOffset: o)
                #expect(off >= 0 && off <= source.count)
            }
        case .mapping(let m):
            for e in m.entries { check(e.key, source, exactBytes: exactBytes); check(e.value, source, exactBytes: exactBytes) }
        case .sequence(let s): for i in s.items { check(i, source, exactBytes: exactBytes) }
        case .alias: break
        }
    }
}
