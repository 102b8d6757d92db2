import JSON

/// The bytes of one stream part as libyaml gets them, with the map from libyaml's marks
/// back to file offsets.
///
/// libyaml 0.2.5 counts `mark.index` in characters (CRLF counts as two), not bytes, and
/// starts counting after a UTF-8 byte order mark. Bytes libyaml's reader would reject
/// (invalid UTF-8, control characters) are replaced one-for-one by `_` so that libyaml
/// reads on; they are reported as encoding errors instead.
final class ChunkInput {
    /// The sanitized bytes of the part.
    let bytes: ChunkBytes
    /// File offset of `bytes[0]`.
    let base: Int
    /// Bytes skipped before libyaml's index 0 (a byte order mark).
    let skipped: Int
    let encodingErrors: [YAMLError]
    /// Byte offset (relative to `bytes`) of every 64th character, counted from `skipped`.
    private let checkpoints: [Int]
    private let isASCII: Bool
    /// The last conversion: libyaml asks for marks in (nearly) increasing order, so the
    /// next one is usually a short scan away.
    private var cursor: (index: Int, offset: Int)

    static let replacement = UInt8(ascii: "_")

    convenience init(source: SourceText, chunk: TextRange) {
        // The chunk shares the text's bytes (no copy) unless a byte must be replaced: the
        // scan below only reads.
        self.init(bytes: ChunkBytes(source.bytes, range: chunk.start..<chunk.end), base: chunk.start)
    }

    /// `bytes` stand for the file's bytes from offset `base` on (a byte order mark counts
    /// only at offset 0).
    init(bytes: ChunkBytes, base: Int) {
        let chunk = TextRange(start: base, end: base + bytes.count)
        var errors: [YAMLError] = []
        var replaced: [Range<Int>] = []
        var ascii = true
        self.base = base
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            // Bytes before this are read one by one.
            var bytewiseUntil = 0
            while i < buf.count {
                if i >= bytewiseUntil {
                    // Eight printable ASCII bytes at a time (a line break sends its word
                    // through the loop below).
                    while i + 8 <= buf.count {
                        let word = ByteWord.load(buf, at: i)
                        if ByteWord.hasByte(below: 0x20, word) || ByteWord.hasNonASCII(word) || ByteWord.contains(word, 0x7F) { break }
                        i += 8
                    }
                    bytewiseUntil = i + 8
                    if i >= buf.count { break }
                }
                let b = buf[i]
                if b >= 0x20 && b < 0x7F || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
                if b < 0x80 {
                    Self.report(&errors, "control character U+\(Self.hex(UInt32(b))) is not allowed", chunk.start + i, 1)
                    replaced.append(i..<(i + 1)); i += 1; continue
                }
                ascii = false
                let len = UTF8Validation.scalarLength(buf, at: i)
                if len == 0 {
                    Self.report(&errors, "invalid UTF-8", chunk.start + i, 1)
                    replaced.append(i..<(i + 1)); i += 1; continue
                }
                let v = UTF8Validation.scalarValue(buf, at: i, length: len)
                if (v >= 0x80 && v <= 0x9F && v != 0x85) || v == 0xFFFE || v == 0xFFFF {
                    Self.report(&errors, "control character U+\(Self.hex(v)) is not allowed", chunk.start + i, len)
                    replaced.append(i..<(i + len))
                }
                i += len
            }
        }
        var out = bytes
        if !replaced.isEmpty {
            var own = bytes.array
            for range in replaced {
                for k in range { own[k] = Self.replacement }
            }
            out = ChunkBytes(own)
        }
        let bom = chunk.start == 0 && out.count >= 3 && out[0] == 0xEF && out[1] == 0xBB && out[2] == 0xBF
        skipped = bom ? 3 : 0
        cursor = (0, skipped)
        var marks: [Int] = []
        if !ascii {
            var count = 0
            for i in skipped..<out.count where out[i] & 0xC0 != 0x80 {
                if count & 63 == 0 { marks.append(i) }
                count += 1
            }
        }
        self.bytes = out
        encodingErrors = errors
        checkpoints = marks
        isASCII = ascii
    }

    private static func report(_ errors: inout [YAMLError], _ message: String, _ offset: Int, _ length: Int) {
        if let last = errors.last, last.message == message, last.range.end == offset {
            errors[errors.count - 1].range.end = offset + length
        } else {
            errors.append(YAMLError(message: message, range: TextRange(start: offset, end: offset + length), kind: .encoding))
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Offset relative to `bytes` of libyaml's character index.
    func localOffset(ofIndex index: Int) -> Int {
        if isASCII { return min(skipped + index, bytes.count) }
        var (at, offset): (Int, Int)
        if index >= cursor.index && index - cursor.index < 128 {
            (at, offset) = cursor
        } else {
            let cp = index >> 6
            guard cp < checkpoints.count else { return bytes.count }
            (at, offset) = (cp << 6, checkpoints[cp])
        }
        bytes.withUnsafeBufferPointer { buf in
            while at < index && offset < buf.count {
                offset += 1
                while offset < buf.count && buf[offset] & 0xC0 == 0x80 { offset += 1 }
                at += 1
            }
        }
        cursor = (at, offset)
        return offset
    }

    /// File offset of libyaml's character index.
    func fileOffset(ofIndex index: Int) -> Int { base + localOffset(ofIndex: index) }

    /// Length of the character at local offset `i` (0 at the end).
    func characterLength(at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        var j = i + 1
        while j < bytes.count && bytes[j] & 0xC0 == 0x80 { j += 1 }
        return j - i
    }

    /// libyaml's column (characters since the line start) of local offset `i`.
    func column(at i: Int) -> Int {
        var start = min(i, bytes.count)
        while start > 0 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
        var column = 0
        for k in start..<min(i, bytes.count) where bytes[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
