import JSON
import YAMLSyntax

/// Where in a resource's text an expression may be: the offsets of `$` (no `${` without
/// one), `\` (a double-quoted escape may decode to `$`) and `*` (an alias, walked as its
/// target elsewhere), as ascending runs. Needles fewer than `gap` bytes apart share a run,
/// so the runs stay few whatever the text: one `Int` a needle took 25 MB for a 6 MB string
/// of escapes. A run may span bytes that are no needle; a subtree there is walked, which
/// only costs time.
struct NeedleRuns {
    static let gap = 32
    /// The offset the bounds count from.
    private let base: Int
    /// Each run's first needle and the byte after its last, relative to `base`.
    private let bounds: [UInt32]

    /// The needles of `range` in `source`; nil when the range is too long for 32-bit offsets.
    init?(in source: SourceText, _ range: TextRange) {
        guard range.length <= Int(UInt32.max) - Self.gap else { return nil }
        let base = max(range.start, 0)
        var bounds: [UInt32] = []
        // The last run's end, or a value no needle is near.
        var lastEnd = -Self.gap
        source.bytes.withUnsafeBufferPointer { buf in
            let end = min(range.end, buf.count)
            var i = base
            while i < end {
                // Eight bytes at a time: most words hold none.
                if i + 8 <= end {
                    let word = ByteWord.load(buf, at: i)
                    if !ByteWord.contains(word, UInt8(ascii: "$")) && !ByteWord.contains(word, UInt8(ascii: "\\"))
                        && !ByteWord.contains(word, UInt8(ascii: "*")) { i += 8; continue }
                }
                let stop = min(i + 8, end)
                while i < stop {
                    let b = buf[i]
                    if b == UInt8(ascii: "$") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "*") {
                        let offset = i - base
                        if offset - lastEnd < Self.gap {
                            bounds[bounds.count - 1] = UInt32(offset + 1)
                        } else {
                            bounds.append(UInt32(offset)); bounds.append(UInt32(offset + 1))
                        }
                        lastEnd = offset + 1
                    }
                    i += 1
                }
            }
        }
        (self.base, self.bounds) = (base, bounds)
    }

    /// Whether a run meets `range`: true whenever a needle lies in it (and at most `gap`
    /// bytes away from one otherwise).
    @inline(__always)
    func any(in range: TextRange) -> Bool {
        let start = range.start - base, end = range.end - base
        guard end > 0, start < Int(UInt32.max) else { return false }
        // The first run ending after `start`.
        var low = 0, high = bounds.count / 2
        while low < high {
            let mid = (low + high) / 2
            if Int(bounds[2 * mid + 1]) <= start { low = mid + 1 } else { high = mid }
        }
        return low < bounds.count / 2 && Int(bounds[2 * low]) < end
    }
}
