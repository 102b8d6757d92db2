/// One `${…}` found in a string: byte offsets into the decoded string value.
public struct ExpressionMatch: Sendable, Hashable {
    /// Offset of the `$`.
    public var start: Int
    /// One past the closing `}`.
    public var end: Int
    /// The CEL text: the bytes between `${` and `}`, verbatim.
    public var text: String
    public var innerStart: Int { start + 2 }
    public var innerEnd: Int { end - 1 }
}

/// The result of scanning one string exactly as kro does (rgd.md §8.2).
public struct ExpressionScan: Sendable, Hashable {
    public var matches: [ExpressionMatch]
    /// Offset of the inner `${` that makes the string a nested-expression error.
    public var nestedAt: Int?
    /// Offsets of `${` that never close (kept as literal text by kro).
    public var unterminated: [Int]
    public let length: Int

    /// Exactly one expression spanning the whole string.
    public var isStandalone: Bool {
        nestedAt == nil && matches.count == 1 && matches[0].start == 0 && matches[0].end == length
    }
    public var hasExpressions: Bool { !matches.isEmpty }
}

/// kro's `${…}` extraction (rgd.md §8.2): only `"` delimits CEL strings, escapes count only
/// inside them, braces nest, an inner `${` not right after `"` is an error, an
/// unterminated `${` is literal text.
public enum ExpressionScanner {
    public static func scan(_ s: String) -> ExpressionScan {
        // Read in place: most values (and every key) hold no `${`, and a copy of the bytes
        // cost an allocation per value that does.
        if let scan = s.utf8.withContiguousStorageIfAvailable(scanBytes) { return scan }
        var contiguous = s
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable(scanBytes)!
    }

    private static func scanBytes(_ b: UnsafeBufferPointer<UInt8>) -> ExpressionScan {
        var matches: [ExpressionMatch] = []
        var unterminated: [Int] = []
        var pos = 0
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        while let i = find(b, from: pos) {
            var depth = 1, j = i + 2, inStr = false, esc = false
            while j < b.count {
                let c = b[j]
                if esc { esc = false; j += 1; continue }
                if inStr && c == backslash { esc = true; j += 1; continue }
                if c == quote {
                    inStr.toggle()
                } else if !inStr {
                    if c == open {
                        depth += 1
                    } else if c == close {
                        depth -= 1
                        if depth == 0 { break }
                    } else if c == dollar, j + 1 < b.count, b[j + 1] == open, b[j - 1] != quote {
                        return ExpressionScan(matches: matches, nestedAt: j, unterminated: unterminated, length: b.count)
                    }
                }
                j += 1
            }
            if depth != 0 {
                unterminated.append(i)
                pos = i + 1
                continue
            }
            matches.append(ExpressionMatch(start: i, end: j + 1, text: String(decoding: UnsafeBufferPointer(rebasing: b[(i + 2)..<j]), as: UTF8.self)))
            pos = j + 1
        }
        return ExpressionScan(matches: matches, nestedAt: nil, unterminated: unterminated, length: b.count)
    }

    /// Whether `s` contains `${` (terminated or not): `String.contains` by bytes, without
    /// Foundation's character-wise search.
    static func containsOpening(_ s: String) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ find($0, from: 0) != nil }) { return found }
        return find(Array(s.utf8), from: 0) != nil
    }

    private static func find<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, from: Int) -> Int? where Bytes.Index == Int {
        var k = from
        while k + 1 < b.count {
            if b[k] == UInt8(ascii: "$") && b[k + 1] == UInt8(ascii: "{") { return k }
            k += 1
        }
        return nil
    }
}
