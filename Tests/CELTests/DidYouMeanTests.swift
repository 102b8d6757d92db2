import Testing
@testable import CEL

/// `DidYouMean`: the banded distance is the whole table's, the ranker's answer is the one
/// a search of every candidate gives, and a search that could cost too much gives none.
@Suite struct DidYouMeanTests {
    /// A seeded generator (xorshift64*), so a failure repeats.
    struct Seeded {
        var state: UInt64
        mutating func below(_ n: Int) -> Int {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % n
        }
        mutating func word(_ alphabet: [Character], maxLength: Int) -> String {
            String((0..<below(maxLength + 1)).map { _ in alphabet[below(alphabet.count)] })
        }
    }

    /// Optimal string alignment over the whole table.
    static func naiveDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Every candidate compared: within `maxDistance` and closer than the name's length,
    /// the nearest, then the first by name.
    static func naiveClosest(_ name: String, _ candidates: [String], maxDistance: Int, ignoringCase: Bool) -> String? {
        let fold = { (s: String) in Array((ignoringCase ? s.lowercased() : s).unicodeScalars) }
        let target = fold(name)
        return candidates.filter { $0 != name }
            .map { (distance: naiveDistance(target, fold($0)), name: $0) }
            .filter { $0.distance <= maxDistance && $0.distance < target.count }
            .min { ($0.distance, $0.name) < ($1.distance, $1.name) }?.name
    }

    @Test func theBandedDistanceIsTheWholeTables() {
        var rng = Seeded(state: 0x5EED_D157)
        let alphabet: [Character] = ["a", "b", "c", "é", "😀"]
        for _ in 0..<3000 {
            let a = Array(rng.word(alphabet, maxLength: 12).unicodeScalars)
            let b = Array(rng.word(alphabet, maxLength: 12).unicodeScalars)
            let limit = rng.below(5)
            let expected = min(Self.naiveDistance(a, b), limit + 1)
            #expect(DidYouMean.editDistance(a, b, limit: limit) == expected, "\(a) \(b) limit \(limit)")
        }
    }

    @Test func theAnswerIsTheOneEveryComparisonGivesInAnyOrder() {
        var rng = Seeded(state: 0xC0FF_EE11)
        let alphabet: [Character] = ["a", "b", "c", "A", "B", "é", "É", "İ"]
        for i in 0..<800 {
            let candidates = (0..<rng.below(30)).map { _ in rng.word(alphabet, maxLength: 8) }
            let name = rng.below(3) == 0 && !candidates.isEmpty ? candidates[rng.below(candidates.count)] + "a"
                : rng.word(alphabet, maxLength: 8)
            let maxDistance = rng.below(4), ignoringCase = rng.below(2) == 0
            let expected = Self.naiveClosest(name, candidates, maxDistance: maxDistance, ignoringCase: ignoringCase)
            #expect(DidYouMean.closest(to: name, among: candidates, maxDistance: maxDistance, ignoringCase: ignoringCase)
                    == expected, "case \(i)")
            #expect(DidYouMean.closest(to: name, among: candidates.reversed(), maxDistance: maxDistance,
                                       ignoringCase: ignoringCase) == expected, "case \(i) reversed")
        }
    }

    /// Too many candidates of a length that could be close, too many candidates, or a name
    /// too long: no suggestion, whatever the candidates hold.
    @Test func aSearchThatCouldCostTooMuchSuggestsNothing() {
        let name = "field" + String(repeating: "x", count: 20) + "0000"  // 29 scalars: 145 cells a candidate
        let near = (0..<1000).map { "field" + String(repeating: "x", count: 20) + String(1000 + $0) }
        let fits = DidYouMean.maxCells / (name.count * 5)
        #expect(DidYouMean.closest(to: name, among: near.prefix(fits)) == "fieldxxxxxxxxxxxxxxxxxxxx1000")
        #expect(DidYouMean.closest(to: name, among: near.prefix(fits + 1)) == nil)
        // Candidates of other lengths cost no comparison, up to the count read at most.
        let others = (0..<(DidYouMean.maxCandidates - 10)).map { String(repeating: "y", count: $0 % 7) }
        #expect(DidYouMean.closest(to: name, among: others + near.prefix(10)) == "fieldxxxxxxxxxxxxxxxxxxxx1000")
        #expect(DidYouMean.closest(to: name, among: others + near.prefix(11)) == nil)
        #expect(DidYouMean.closest(to: name, among: near.prefix(11) + others) == nil)
        let long = String(repeating: "n", count: DidYouMean.maxNameLength - 1)
        #expect(DidYouMean.closest(to: long + "e", among: [long + "ee"]) == long + "ee")
        #expect(DidYouMean.closest(to: long + "ee", among: [long + "eee"]) == nil)
    }
}
