/// A string as Unicode scalars with their UTF-8 offsets, so the SimpleSchema lexers can
/// walk characters the way Go's `range` over a string does and still report byte ranges.
///
/// ASCII text (nearly every field string) is the string itself, a byte a character: it
/// shares the YAML value's storage (a copy of its bytes was 8 MB more at the peak of a
/// field string of a million enum values). Other text is kept as its scalars and their
/// 32-bit offsets. An array of scalars and one of `Int` offsets took 12 bytes a
/// character, doubled while they grew: that field string held 100 MB.
struct CharText {
    private enum Storage {
        /// Native and all ASCII: its UTF-8 view is contiguous, a byte a character.
        case ascii(String)
        /// The scalars, and the UTF-8 offset of each then the length.
        case wide([Unicode.Scalar], offsets: [UInt32])
    }
    private let storage: Storage

    init(_ string: String) {
        let utf8 = string.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var native = string
            native.makeContiguousUTF8()
            storage = .ascii(native)
            return
        }
        let scalarCount = string.unicodeScalars.count
        var scalars: [Unicode.Scalar] = [], offsets: [UInt32] = []
        scalars.reserveCapacity(scalarCount)
        offsets.reserveCapacity(scalarCount + 1)
        var offset: UInt32 = 0
        for u in string.unicodeScalars {
            scalars.append(u)
            offsets.append(offset)
            offset += UInt32(UTF8.width(u))
        }
        offsets.append(offset)
        storage = .wide(scalars, offsets: offsets)
    }

    var count: Int {
        switch storage {
        case .ascii(let text): text.utf8.count
        case .wide(let scalars, _): scalars.count
        }
    }

    subscript(i: Int) -> Unicode.Scalar {
        switch storage {
        case .ascii(let text): Unicode.Scalar(Self.bytes(of: text) { $0[i] })
        case .wide(let scalars, _): scalars[i]
        }
    }

    /// The UTF-8 offset of character `i` (`count`: the text's length).
    func offset(_ i: Int) -> Int {
        switch storage {
        case .ascii: i
        case .wide(_, let offsets): Int(offsets[i])
        }
    }

    func firstIndex(of scalar: Unicode.Scalar) -> Int? {
        switch storage {
        case .ascii(let text): scalar.isASCII ? Self.bytes(of: text) { $0.firstIndex(of: UInt8(scalar.value)) } : nil
        case .wide(let scalars, _): scalars.firstIndex(of: scalar)
        }
    }

    func string(_ lo: Int, _ hi: Int) -> String {
        guard lo < hi else { return "" }
        switch storage {
        case .ascii(let text):
            return Self.bytes(of: text) { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
        case .wide(let scalars, _):
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[lo..<hi])
            return String(s)
        }
    }

    /// The UTF-8 bytes of characters `lo..<hi`, in place for ASCII text.
    func withUTF8<R>(_ lo: Int, _ hi: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .ascii(let text):
            return Self.bytes(of: text) { body(UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
        case .wide:
            var text = string(lo, hi)
            return text.withUTF8(body)
        }
    }

    /// The bytes of a native string, in place (a copy only if it were not contiguous).
    @inline(__always)
    private static func bytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Go's `strings.TrimSpace`, without the arrays.
    static func trimSpace(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }

    static func trimSpace(_ text: String) -> String { trimSpace(text[...]) }

    /// Shrinks `lo..<hi` past Go `unicode.IsSpace` characters on both sides (`strings.TrimSpace`).
    func trimmed(_ lo: Int, _ hi: Int) -> (Int, Int) {
        var a = lo, b = hi
        while a < b, CharText.isSpace(self[a]) { a += 1 }
        while b > a, CharText.isSpace(self[b - 1]) { b -= 1 }
        return (a, b)
    }

    func hasPrefix(_ prefix: String, at lo: Int, before hi: Int) -> Bool {
        var i = lo
        for u in prefix.unicodeScalars {
            guard i < hi, self[i] == u else { return false }
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
