/// A string as Unicode scalars with their UTF-8 offsets, so the SimpleSchema lexers can
/// walk characters the way Go's `range` over a string does and still report byte ranges.
struct CharText {
    let scalars: [Unicode.Scalar]
    /// `offsets[i]` is the UTF-8 offset of `scalars[i]`; `offsets[scalars.count]` is the length.
    let offsets: [Int]

    init(_ string: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for u in string.unicodeScalars {
            scalars.append(u)
            offsets.append(offset)
            offset += UTF8.width(u)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
    }

    var count: Int { scalars.count }

    func string(_ lo: Int, _ hi: Int) -> String {
        var s = String.UnicodeScalarView()
        if lo < hi { s.append(contentsOf: scalars[lo..<hi]) }
        return String(s)
    }

    /// Shrinks `lo..<hi` past Go `unicode.IsSpace` characters on both sides (`strings.TrimSpace`).
    func trimmed(_ lo: Int, _ hi: Int) -> (Int, Int) {
        var a = lo, b = hi
        while a < b, CharText.isSpace(scalars[a]) { a += 1 }
        while b > a, CharText.isSpace(scalars[b - 1]) { b -= 1 }
        return (a, b)
    }

    func hasPrefix(_ prefix: String, at lo: Int, before hi: Int) -> Bool {
        var i = lo
        for u in prefix.unicodeScalars {
            guard i < hi, scalars[i] == u else { return false }
            i += 1
        }
        return true
    }

    /// Go's `unicode.IsSpace`.
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0...0xFF: return false
        default: return u.properties.isWhitespace
        }
    }
}

/// A half-open range of scalar indices in a `CharText`.
struct CharSpan: Hashable, Sendable {
    var lo: Int
    var hi: Int
}
