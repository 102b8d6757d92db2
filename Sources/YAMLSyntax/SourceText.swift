import JSON

/// How columns are counted when a position is given as (line, column).
public enum PositionEncoding: Sendable, Hashable {
    /// UTF-8 code units (bytes).
    case utf8
    /// UTF-16 code units (LSP's default): characters outside the BMP count twice.
    case utf16
    /// Unicode scalars (what `--check` prints, 1-based there).
    case unicodeScalars
}

/// A 0-based (line, column) position; the column unit depends on a `PositionEncoding`.
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: TextPosition, b: TextPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "\(line):\(column)" }
}

/// The text of one file as UTF-8 bytes with a line table. Offsets are byte offsets into
/// `bytes`; lines end at LF, CRLF or a lone CR. Invalid UTF-8 is kept as is and reported
/// in `invalidUTF8Ranges`; in columns each invalid byte counts as one unit.
public struct SourceText: Sendable, Equatable {
    public internal(set) var bytes: [UInt8]
    /// Byte offset where each line starts; the first entry is 0.
    public internal(set) var lineStarts: LineStarts
    /// Maximal runs of bytes that are not well-formed UTF-8.
    public internal(set) var invalidUTF8Ranges: [TextRange]
    /// True when every byte is ASCII (columns are then byte counts in every encoding).
    public internal(set) var isASCII: Bool
    /// Column counts along the long lines, when not all ASCII.
    var longLines: LongLineMarks

    public init(_ string: String) { self.init(bytes: Array(string.utf8)) }

    public init(bytes: [UInt8]) {
        var scan = bytes.withUnsafeBufferPointer {
            Self.scan($0, from: 0, syncAfter: nil, firstLineStart: 0, reserving: LineStarts.lineCount(of: $0))
        }
        scan.lineStarts.shrinkToFit()
        self.init(bytes: bytes, lineStarts: scan.lineStarts, invalidUTF8Ranges: scan.invalid, isASCII: scan.isASCII)
    }

    init(bytes: [UInt8], lineStarts: LineStarts, invalidUTF8Ranges: [TextRange], isASCII: Bool) {
        self.bytes = bytes
        self.lineStarts = lineStarts
        self.invalidUTF8Ranges = invalidUTF8Ranges
        self.isASCII = isASCII
        longLines = isASCII ? LongLineMarks() : LongLineMarks(bytes: bytes, lineStarts: lineStarts, lines: 0..<lineStarts.count)
    }

    /// What a scan of `buf[start...]` finds: line starts after `start`, invalid UTF-8 runs,
    /// whether all was ASCII, and where it stopped (`buf.count`, or with `syncAfter` the
    /// first line start whose line break lies at or after `syncAfter`). `start` must be 0
    /// or a line start.
    struct Scan {
        var lineStarts = LineStarts()
        var invalid: [TextRange] = []
        var isASCII = true
        var end = 0
    }

    /// `firstLineStart`, when given, is the table's first entry (the whole text's 0), so the
    /// caller need not copy the table to put it in front.
    /// `reserving`: the lines expected in all (`LineStarts.lineCount(of:)`).
    static func scan(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, syncAfter: Int?,
                     firstLineStart: Int? = nil, reserving: Int = 0) -> Scan {
        var out = Scan()
        if reserving > 0 { out.lineStarts.reserveCapacity(reserving) }
        if let firstLineStart { out.lineStarts.append(firstLineStart) }
        let n = buf.count
        let sync = syncAfter ?? Int.max
        var i = start
        // Bytes before this are read one by one.
        var bytewiseUntil = i
        while i < n {
            if i >= bytewiseUntil {
                // Eight bytes at a time while none is a CR or starts a multi-byte character;
                // the LFs of such a word are taken from its mask (a line is ~30 bytes in a
                // kro file: most words hold a line break, and the byte-by-byte path after
                // each one cost more than the rest of the scan).
                while i + 8 <= n {
                    let word = ByteWord.load(buf, at: i)
                    if ByteWord.contains(word, 0x0D) || ByteWord.hasNonASCII(word) { break }
                    #if _endian(little)
                    var lineFeeds = ByteWord.matches(word, 0x0A)
                    while lineFeeds != 0 {
                        let at = i + ByteWord.firstMarked(lineFeeds)
                        out.lineStarts.append(at + 1)
                        if at >= sync { out.end = at + 1; return out }
                        lineFeeds &= lineFeeds &- 1
                    }
                    #else
                    if ByteWord.contains(word, 0x0A) { break }
                    #endif
                    i += 8
                }
                bytewiseUntil = i + 8
                if i >= n { break }
            }
            let b = buf[i]
            if b < 0x80 {
                if b == 0x0A {
                    out.lineStarts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                    out.lineStarts.append(i + 1)
                }
                i += 1
                if i - 1 >= sync, out.lineStarts.last == i { out.end = i; return out }
                continue
            }
            out.isASCII = false
            let len = UTF8Validation.scalarLength(buf, at: i)
            if len == 0 {
                if let last = out.invalid.last, last.end == i {
                    out.invalid[out.invalid.count - 1].end = i + 1
                } else {
                    out.invalid.append(TextRange(start: i, end: i + 1))
                }
                i += 1
            } else {
                i += len
            }
        }
        out.end = n
        return out
    }

    /// The text as a Swift string (invalid bytes become U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var count: Int { bytes.count }

    public var lineCount: Int { lineStarts.count }

    /// The 0-based line that contains `offset` (clamped into the text).
    public func line(containing offset: Int) -> Int {
        Self.line(containing: min(max(offset, 0), bytes.count), in: lineStarts)
    }

    /// The last line of `starts` starting at or before `offset`.
    static func line(containing offset: Int, in starts: LineStarts) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The bytes of line `line` without its line break (clamped to the existing lines).
    public func lineRange(_ line: Int) -> TextRange {
        let l = min(max(line, 0), lineStarts.count - 1)
        let start = lineStarts[l]
        guard l + 1 < lineStarts.count else { return TextRange(start: start, end: bytes.count) }
        var end = lineStarts[l + 1]
        if end - 1 >= start && bytes[end - 1] == 0x0A { end -= 1 }
        if end - 1 >= start && bytes[end - 1] == 0x0D { end -= 1 }
        return TextRange(start: start, end: end)
    }

    /// The text of a byte range (invalid bytes become U+FFFD).
    public func string(in range: TextRange) -> String {
        let s = min(max(range.start, 0), bytes.count), e = min(max(range.end, s), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// The (line, column) of a byte offset. An offset inside a multi-byte character gives
    /// the column of that character's start.
    public func position(of offset: Int, encoding: PositionEncoding) -> TextPosition {
        let target = min(max(offset, 0), bytes.count)
        let line = line(containing: target)
        let start = lineStarts[line]
        let end = min(target, lineRange(line).end)
        if encoding == .utf8 || isASCII { return TextPosition(line: line, column: end - start) }
        let mark = longLines.mark(lineStart: start, atOrBefore: end - start)
        var column = mark?.units(encoding) ?? 0
        bytes.withUnsafeBufferPointer { buf in
            var i = start + (mark?.byte ?? 0)
            while i < end {
                let (len, units) = Self.unitWidth(buf, at: i, encoding: encoding)
                if i + len > end { break }
                column += units
                i += len
            }
        }
        return TextPosition(line: line, column: column)
    }

    /// The byte offset of a (line, column). A line past the end gives the end of the text;
    /// a column past the line's end gives the line's end (before its break); a column in
    /// the middle of a character (half a surrogate pair) gives that character's start.
    public func offset(of position: TextPosition, encoding: PositionEncoding) -> Int {
        if position.line < 0 { return 0 }
        if position.line >= lineStarts.count { return bytes.count }
        let range = lineRange(position.line)
        let column = max(position.column, 0)
        if encoding == .utf8 || isASCII { return min(range.start + column, range.end) }
        let mark = longLines.mark(lineStart: range.start, atOrBeforeColumn: column, encoding: encoding)
        let from = range.start + (mark?.byte ?? 0)
        // A character never reaches past the line's end (its break is ASCII), so the line
        // read alone from the mark gives the same offset.
        return from + bytes.withUnsafeBufferPointer { buf in
            Self.offset(ofColumn: column - (mark?.units(encoding) ?? 0),
                        inLine: UnsafeBufferPointer(rebasing: buf[from..<range.end]), encoding: encoding)
        }
    }

    /// The offset of `column` in `line`, the bytes of one line without its break, as
    /// `offset(of:encoding:)` finds it: a column past the end gives the end; one in the
    /// middle of a character (half a surrogate pair) that character's start, except in
    /// UTF-8, where it is the byte it names.
    public static func offset(ofColumn column: Int, inLine line: UnsafeBufferPointer<UInt8>,
                              encoding: PositionEncoding) -> Int {
        if encoding == .utf8 { return min(max(column, 0), line.count) }
        var (i, units) = (0, 0)
        while i < line.count {
            let ascii = asciiRun(line, from: i, atMost: column - units)
            (i, units) = (i + ascii, units + ascii)
            guard i < line.count else { break }
            if units >= column { return i }
            let (len, w) = unitWidth(line, at: i, encoding: encoding)
            if units + w > column { return i }
            units += w
            i += len
        }
        return line.count
    }

    /// The units of `encoding` in `line`, the bytes of one line without its break: its
    /// end's column (an invalid byte is one unit, as everywhere).
    public static func columns(inLine line: UnsafeBufferPointer<UInt8>, encoding: PositionEncoding) -> Int {
        if encoding == .utf8 { return line.count }
        var (i, units) = (0, 0)
        while i < line.count {
            let ascii = asciiRun(line, from: i, atMost: line.count)
            (i, units) = (i + ascii, units + ascii)
            guard i < line.count else { break }
            let (len, w) = unitWidth(line, at: i, encoding: encoding)
            units += w
            i += len
        }
        return units
    }

    /// How many bytes from `i` on are ASCII, counted eight at a time (a multiple of eight,
    /// and at most `limit`): the long ASCII stretches of a line cost a word each.
    private static func asciiRun(_ line: UnsafeBufferPointer<UInt8>, from i: Int, atMost limit: Int) -> Int {
        guard let base = line.baseAddress else { return 0 }
        var n = 0
        while n + 8 <= limit, i + n + 8 <= line.count,
              UnsafeRawPointer(base + i + n).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            n += 8
        }
        return n
    }

    /// Length in bytes of the character at `i` and its width in `encoding` units.
    private static func unitWidth(_ buf: UnsafeBufferPointer<UInt8>, at i: Int,
                                  encoding: PositionEncoding) -> (Int, Int) {
        let b = buf[i]
        if b < 0x80 { return (1, 1) }
        let len = UTF8Validation.scalarLength(buf, at: i)
        if len == 0 { return (1, 1) }
        switch encoding {
        case .utf8: return (len, len)
        case .utf16: return (len, len == 4 ? 2 : 1)
        case .unicodeScalars: return (len, 1)
        }
    }
}

/// Strict UTF-8 well-formedness (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// Length (1...4) of the well-formed scalar starting at `i`, or 0 when the byte there
    /// does not start one.
    static func scalarLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = buf.count
        let b0 = buf[i]
        if b0 < 0x80 { return 1 }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && buf[i + k] >= lo && buf[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// The scalar value of a well-formed sequence of `len` bytes at `i`.
    static func scalarValue(_ buf: UnsafeBufferPointer<UInt8>, at i: Int, length len: Int) -> UInt32 {
        switch len {
        case 1: return UInt32(buf[i])
        case 2: return (UInt32(buf[i] & 0x1F) << 6) | UInt32(buf[i + 1] & 0x3F)
        case 3: return (UInt32(buf[i] & 0x0F) << 12) | (UInt32(buf[i + 1] & 0x3F) << 6) | UInt32(buf[i + 2] & 0x3F)
        default:
            return (UInt32(buf[i] & 0x07) << 18) | (UInt32(buf[i + 1] & 0x3F) << 12)
                | (UInt32(buf[i + 2] & 0x3F) << 6) | UInt32(buf[i + 3] & 0x3F)
        }
    }
}
