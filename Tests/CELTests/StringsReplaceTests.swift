import Testing
@testable import CEL

/// `replace` is Go's `strings.Replace`: the expected texts are Go's own.
@Suite struct StringsReplaceTests {
    @Test(arguments: [
        ("hello hello", "he", "we", -1, "wello wello"),
        ("aaaa", "a", "b", 2, "bbaa"),
        ("aaa", "aa", "b", -1, "ba"),
        ("é😀é", "é", "e", -1, "e😀e"),
        ("日本日本", "本", "", -1, "日日"),
        ("abc", "", "-", -1, "-a-b-c-"),
        ("é😀", "", "|", 2, "|é|😀"),
        ("abc", "x", "y", -1, "abc"),
        ("abc", "b", "y", 0, "abc"),
        ("", "", "x", -1, "x"),
    ])
    func replacesAsGoDoes(_ s: String, _ old: String, _ new: String, _ limit: Int64, _ expected: String) {
        #expect(StringsExtension.replace(s, old, new, limit: limit) == expected)
    }

    /// A million replacements in a megabyte (one copy of the text per replacement made
    /// this take minutes).
    @Test func aMillionReplacementsMakeTheWholeText() {
        let doubled = StringsExtension.replace(String(repeating: "a", count: 1_000_000), "a", "aé", limit: -1)
        #expect(doubled.utf8.count == 3_000_000)
        #expect(doubled.hasPrefix("aéaé") && doubled.hasSuffix("aéaé"))
    }
}

/// `indexOf`, `lastIndexOf` and `contains` search UTF-8 bytes in linear time; the code
/// point indexes are those of a search over code points, on random texts of characters of
/// every width.
@Suite struct StringSearchTests {
    /// The search over code points the byte search must agree with.
    func expected(_ s: String, _ sub: String, from: Int, last: Bool) -> Int {
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        let matches = { (i: Int) in i >= 0 && i + needle.count <= hay.count && Array(hay[i..<(i + needle.count)]) == needle }
        if last { return stride(from: min(from, hay.count - needle.count), through: 0, by: -1).first(where: matches) ?? -1 }
        return (from...hay.count).first(where: matches) ?? -1
    }

    @Test func byteSearchesGiveTheCodePointIndexes() throws {
        var seed: UInt64 = 0x5EA2C4
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", "é", "😀", "日", "ab"]
        func text(_ n: Int) -> String { (0..<n).map { _ in pieces[next(pieces.count)] }.joined() }
        for round in 0..<2_000 {
            let s = text(next(30)), sub = text(1 + next(3))
            let count = s.unicodeScalars.count
            let from = next(count + 1)
            #expect(try StringsExtension.indexOf(s, sub, from: Int64(from)) == Int64(expected(s, sub, from: from, last: false)),
                    "round \(round): \(s).indexOf(\(sub), \(from))")
            #expect(try StringsExtension.lastIndexOf(s, sub, from: Int64(from)) == Int64(expected(s, sub, from: from, last: true)),
                    "round \(round): \(s).lastIndexOf(\(sub), \(from))")
            #expect(try StringsExtension.lastIndexOf(s, sub, from: nil) == Int64(expected(s, sub, from: count, last: true)))
            #expect((StringFunctions.find(Array(sub.utf8), in: Array(s.utf8)) != nil) == (expected(s, sub, from: 0, last: false) >= 0))
        }
    }

    /// `split` by a separator finds it in the bytes: the parts are those of a split over
    /// code points (Go's `strings.SplitN`), for every limit.
    @Test func splitGivesTheCodePointParts() {
        var seed: UInt64 = 0x5B117
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", "é", "😀", "ab"]
        func text(_ n: Int) -> String { (0..<n).map { _ in pieces[next(pieces.count)] }.joined() }
        func expected(_ s: String, _ sep: String, _ limit: Int) -> [String] {
            let hay = Array(s.unicodeScalars), needle = Array(sep.unicodeScalars)
            var parts: [String] = [], start = 0, i = 0
            while i + needle.count <= hay.count, !(limit > 0 && parts.count == limit - 1) {
                if Array(hay[i..<(i + needle.count)]) == needle {
                    parts.append(String(String.UnicodeScalarView(hay[start..<i])))
                    i += needle.count
                    start = i
                } else { i += 1 }
            }
            return parts + [String(String.UnicodeScalarView(hay[start...]))]
        }
        for _ in 0..<1_000 {
            let s = text(next(20)), sep = text(1 + next(2)), limit = next(5) - 1
            guard limit != 0 else { continue }
            #expect(StringsExtension.split(s, sep, limit: Int64(limit)) == expected(s, sep, limit), "\(s).split(\(sep), \(limit))")
        }
        let long = String(repeating: "a", count: 30_000) + "b"
        #expect(StringsExtension.split(String(repeating: "a", count: 1_000_000), long, limit: -1).count == 1)
    }

    /// A 30,001-byte needle in a megabyte that almost matches everywhere (39 s with a naive search).
    @Test func aLongNeedleThatAlmostMatchesEverywhere() throws {
        let hay = String(repeating: "a", count: 1_000_000), needle = String(repeating: "a", count: 30_000) + "b"
        #expect(try StringsExtension.indexOf(hay, needle, from: 0) == -1)
        #expect(try StringsExtension.lastIndexOf(hay, needle, from: nil) == -1)
        #expect(try StringsExtension.indexOf(hay + needle, needle, from: 0) == 1_000_000)
        #expect(try StringsExtension.lastIndexOf(needle + hay, needle, from: nil) == 0)
    }
}
