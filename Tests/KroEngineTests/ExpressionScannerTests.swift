import KroTestSupport
import Testing
@testable import KroEngine

/// `ExpressionScanner.scan` reads the string's bytes in place; over seeded strings dense
/// with `$`, braces, quotes and backslashes (and non-ASCII), it finds what kro's reading
/// (rgd.md §8.2) written plainly over a copied byte array finds.
@Suite struct ExpressionScannerTests {
    static func reference(_ s: String) -> ExpressionScan {
        let b = Array(s.utf8)
        var matches: [ExpressionMatch] = []
        var unterminated: [Int] = []
        var pos = 0
        func find(_ from: Int) -> Int? {
            var k = from
            while k + 1 < b.count { if b[k] == 0x24 && b[k + 1] == 0x7B { return k }; k += 1 }
            return nil
        }
        while let i = find(pos) {
            var depth = 1, j = i + 2, inString = false, escaped = false
            while j < b.count {
                let c = b[j]
                if escaped {
                    escaped = false
                } else if inString && c == 0x5C {
                    escaped = true
                } else if c == 0x22 {
                    inString.toggle()
                } else if !inString {
                    if c == 0x7B { depth += 1 }
                    if c == 0x7D { depth -= 1; if depth == 0 { break } }
                    if c == 0x24, j + 1 < b.count, b[j + 1] == 0x7B, b[j - 1] != 0x22 {
                        return ExpressionScan(matches: matches, nestedAt: j, unterminated: unterminated, length: b.count)
                    }
                }
                j += 1
            }
            if depth != 0 { unterminated.append(i); pos = i + 1; continue }
            matches.append(ExpressionMatch(start: i, end: j + 1, text: String(decoding: b[(i + 2)..<j], as: UTF8.self)))
            pos = j + 1
        }
        return ExpressionScan(matches: matches, nestedAt: nil, unterminated: unterminated, length: b.count)
    }

    @Test func scansLikeAPlainReadingOfTheBytes() {
        let pieces = ["${", "$", "{", "}", "\"", "\\", "a", "x.y", " ", "é", "😀", "${\"", "\"${", "}}", "-r0"]
        var random = SplitMix64(seed: 0x5CA_77E5)
        var found = 0
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<random.next(below: 14) { s += pieces[random.next(below: pieces.count)] }
            let scan = ExpressionScanner.scan(s)
            #expect(scan == Self.reference(s), "\(s)")
            found += scan.matches.count
        }
        #expect(found > 500)
    }
}
