import CYAML

/// Re-reads a scalar token the way libyaml's scanner does and records, for every decoded
/// byte, where it came from. It checks each byte it decodes against libyaml's own value
/// and gives up when they differ (e.g. NEL line breaks, which libyaml folds but this
/// decoder copies): the caller then falls back to a coarse map, so the value itself is
/// always libyaml's. Nothing of the value is kept, and the map is packed as it grows: a
/// 6 MB string of escapes took 295 MB when both were arrays.
///
/// Once a value is known to match, a second pass can write it out instead (`Output.write`),
/// so a large value is built after libyaml's copy is freed, never beside it.
struct ScalarDecoder {
    enum Output {
        /// Compare with libyaml's value and record the map.
        case check(UnsafeBufferPointer<UInt8>)
        /// Write the value (which a check pass matched) here; no map.
        case write(UnsafeMutableBufferPointer<UInt8>)
    }

    /// The part's bytes, valid while the decoder runs (`TreeBuilder.decode` holds them).
    private let b: UnsafeBufferPointer<UInt8>
    /// Exclusive limit of the bytes the decoder may read.
    private let limit: Int
    private let output: Output
    /// How many value bytes were decoded (and matched or written) so far.
    private var written = 0
    private var mismatch = false
    private var map = PackedSourceSegments.Builder()

    struct Result {
        /// Offsets relative to the decoder's bytes.
        var map: ScalarSourceMap
        /// Where the token ends (block scalars: end of the last content line).
        var end: Int
    }

    init(bytes: UnsafeBufferPointer<UInt8>, limit: Int, output: Output) {
        self.b = bytes
        self.limit = min(limit, bytes.count)
        self.output = output
    }

    /// Takes the `count` decoded bytes at `bytes`: false when they do not match (or do not fit).
    private mutating func take(_ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        guard written + count <= valueCount else { return false }
        switch output {
        case .check(let expected):
            return memcmp(bytes, expected.baseAddress! + written, count) == 0
        case .write(let out):
            (out.baseAddress! + written).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: count)
            return true
        }
    }

    private var buildsMap: Bool {
        if case .check = output { return true }
        return false
    }

    /// The value's length: libyaml's, or the room to write it.
    private var valueCount: Int {
        switch output {
        case .check(let expected): expected.count
        case .write(let out): out.count
        }
    }

    // MARK: - Output

    private mutating func verbatim(_ from: Int, _ count: Int) {
        guard count > 0, !mismatch else { return }
        guard take(b.baseAddress! + from, count) else { mismatch = true; return }
        defer { written += count }
        guard buildsMap else { return }
        if let last = map.pending, last.valueLength == last.sourceLength,
           last.sourceOffset + last.sourceLength == from, last.valueOffset + last.valueLength == written {
            map.extendLast(value: count, source: count)
        } else {
            map.append(.init(valueOffset: written, sourceOffset: from, valueLength: count, sourceLength: count))
        }
    }

    /// The source bytes `source` decode to the character `scalar`.
    private mutating func replaced(_ scalar: UInt32, _ source: Range<Int>) {
        guard !mismatch else { return }
        var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let length = Self.encode(scalar, into: &utf8)
        guard withUnsafeBytes(of: &utf8, { take($0.baseAddress!, length) }) else { mismatch = true; return }
        if buildsMap {
            map.append(.init(valueOffset: written, sourceOffset: source.lowerBound,
                             valueLength: length, sourceLength: source.count))
        }
        written += length
    }

    private mutating func result(end: Int, emptyAt: Int) -> Result? {
        guard !mismatch, written == valueCount else { return nil }
        if map.count == 0 { map.append(.init(valueOffset: 0, sourceOffset: emptyAt, valueLength: 0, sourceLength: 0)) }
        return Result(map: ScalarSourceMap(finishing: &map), end: end)
    }

    // MARK: - Character classes

    private func isBlank(_ i: Int) -> Bool { i < limit && (b[i] == 0x20 || b[i] == 0x09) }
    private func isBreak(_ i: Int) -> Bool { i < limit && (b[i] == 0x0A || b[i] == 0x0D) }
    private func breakLength(_ i: Int) -> Int { b[i] == 0x0D && i + 1 < limit && b[i + 1] == 0x0A ? 2 : 1 }

    // MARK: - Plain and quoted scalars

    /// Decodes `[start, end)`: the whole plain scalar, or a quoted scalar including its quotes.
    mutating func flow(style: ScalarStyle, start: Int, end: Int) -> Result? {
        let single = style == .singleQuoted, double = style == .doubleQuoted
        var pos = start, stop = min(end, limit)
        if single || double {
            guard stop - start >= 2 else { return nil }
            pos += 1; stop -= 1
        }
        while pos < stop && !mismatch {
            var leadingBlanks = false
            var escapedBreak = false
            // Non-blank characters.
            while pos < stop && !isBlank(pos) && !isBreak(pos) {
                if single && b[pos] == 0x27 && pos + 1 < stop && b[pos + 1] == 0x27 {
                    replaced(0x27, pos..<(pos + 2)); pos += 2
                } else if double && b[pos] == 0x5C {
                    if pos + 1 < stop && isBreak(pos + 1) {
                        pos += 1 + breakLength(pos + 1)
                        leadingBlanks = true; escapedBreak = true
                        break
                    }
                    guard let (scalar, length) = escape(at: pos, stop: stop) else { return nil }
                    replaced(scalar, pos..<(pos + length)); pos += length
                } else {
                    // A run of ordinary bytes (line breaks, blanks and quotes are ASCII,
                    // so multi-byte characters never split here).
                    let runStart = pos
                    pos += 1
                    while pos < stop, !isBlank(pos), !isBreak(pos), b[pos] != 0x27, b[pos] != 0x5C { pos += 1 }
                    verbatim(runStart, pos - runStart)
                }
            }
            // Blanks and line breaks.
            let blankStart = pos
            var leadingBreak: Range<Int>?
            var trailingBreaks: [Range<Int>] = []
            while pos < stop && (isBlank(pos) || isBreak(pos)) {
                if isBlank(pos) { pos += 1; continue }
                let r = pos..<(pos + breakLength(pos))
                if !leadingBlanks { leadingBreak = r; leadingBlanks = true } else { trailingBreaks.append(r) }
                pos = r.upperBound
            }
            if !leadingBlanks {
                verbatim(blankStart, pos - blankStart)
            } else if let lb = leadingBreak, !escapedBreak, trailingBreaks.isEmpty {
                replaced(0x20, lb)
            } else {
                for r in trailingBreaks { replaced(0x0A, r) }
            }
        }
        return result(end: end, emptyAt: single || double ? start + 1 : start)
    }

    /// A double-quoted escape at `i` (the backslash): its character and source length.
    private func escape(at i: Int, stop: Int) -> (UInt32, Int)? {
        guard i + 1 < stop else { return nil }
        if case let v = Self.simpleEscapes[Int(b[i + 1])], v != Self.notAnEscape { return (v, 2) }
        let digits: Int
        switch b[i + 1] {
        case 0x78: digits = 2
        case 0x75: digits = 4
        case 0x55: digits = 8
        default: return nil
        }
        guard i + 2 + digits <= stop else { return nil }
        var v: UInt32 = 0
        for k in 0..<digits {
            guard let d = Self.hexValue(b[i + 2 + k]) else { return nil }
            v = v &* 16 &+ d
        }
        guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { return nil }
        return (v, 2 + digits)
    }

    /// The character of `\` + each byte (a table: a dictionary's hashing took a fifth of
    /// the time on a string of escapes); `notAnEscape` where there is none.
    private static let simpleEscapes: [UInt32] = {
        var table = [UInt32](repeating: notAnEscape, count: 256)
        for (byte, value): (UInt8, UInt32) in [
            (0x30, 0), (0x61, 7), (0x62, 8), (0x74, 9), (0x09, 9), (0x6E, 0x0A), (0x76, 0x0B), (0x66, 0x0C),
            (0x72, 0x0D), (0x65, 0x1B), (0x20, 0x20), (0x22, 0x22), (0x2F, 0x2F), (0x27, 0x27), (0x5C, 0x5C),
            (0x4E, 0x85), (0x5F, 0xA0), (0x4C, 0x2028), (0x50, 0x2029),
        ] { table[Int(byte)] = value }
        return table
    }()
    private static let notAnEscape = UInt32.max

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    /// Writes the UTF-8 bytes of `v` into `bytes`; returns how many.
    private static func encode(_ v: UInt32, into bytes: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
        switch v {
        case 0..<0x80:
            bytes.0 = UInt8(v); return 1
        case 0x80..<0x800:
            bytes = (UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F)), 0, 0); return 2
        case 0x800..<0x10000:
            bytes = (UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F)), 0); return 3
        default:
            bytes = (UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)),
                     UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F)))
            return 4
        }
    }

    // MARK: - Block scalars

    /// Decodes a literal or folded block scalar whose indicator (`|` or `>`) is at `start`.
    /// `parentIndent` is the column of the innermost block collection (-1 at top level),
    /// the base of an explicit indentation indicator.
    mutating func block(start: Int, parentIndent: Int) -> Result? {
        guard start < limit else { return nil }
        let literal = b[start] == 0x7C
        var pos = start + 1
        var chomping = 0, increment = 0
        func digit(_ i: Int) -> Int? { i < limit && b[i] >= 0x31 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        func chomp(_ i: Int) -> Int? { i < limit ? (b[i] == 0x2B ? 1 : b[i] == 0x2D ? -1 : nil) : nil }
        if let c = chomp(pos) {
            chomping = c; pos += 1
            if let d = digit(pos) { increment = d; pos += 1 }
        } else if let d = digit(pos) {
            increment = d; pos += 1
            if let c = chomp(pos) { chomping = c; pos += 1 }
        }
        let headerEnd = pos
        while isBlank(pos) { pos += 1 }
        if pos < limit && b[pos] == 0x23 { while pos < limit && !isBreak(pos) { pos += 1 } }
        if isBreak(pos) { pos += breakLength(pos) }
        let contentStart = pos

        var indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : 0
        var column = 0
        var trailingBreaks: [Range<Int>] = []
        var leadingBreak: Range<Int>?
        var lastContentEnd = headerEnd

        // Empty lines (and the indentation of the next line); false on a tab error.
        func scanBreaks() -> Bool {
            var maxIndent = 0
            column = 0
            while true {
                while (indent == 0 || column < indent) && pos < limit && b[pos] == 0x20 { pos += 1; column += 1 }
                if column > maxIndent { maxIndent = column }
                if (indent == 0 || column < indent) && pos < limit && b[pos] == 0x09 { return false }
                guard isBreak(pos) else { break }
                let r = pos..<(pos + breakLength(pos))
                trailingBreaks.append(r)
                pos = r.upperBound
                column = 0
            }
            if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
            return true
        }

        guard scanBreaks() else { return nil }
        var leadingBlank = false
        while column == indent && pos < limit && !mismatch {
            let trailingBlank = isBlank(pos)
            if !literal, let lb = leadingBreak, !leadingBlank, !trailingBlank {
                if trailingBreaks.isEmpty { replaced(0x20, lb) }
            } else if let lb = leadingBreak {
                replaced(0x0A, lb)
            }
            leadingBreak = nil
            for r in trailingBreaks { replaced(0x0A, r) }
            trailingBreaks = []
            leadingBlank = isBlank(pos)
            let lineStart = pos
            while pos < limit && b[pos] != 0x0A && b[pos] != 0x0D { pos += 1 }
            verbatim(lineStart, pos - lineStart)
            lastContentEnd = pos
            if isBreak(pos) {
                let r = pos..<(pos + breakLength(pos))
                leadingBreak = r
                pos = r.upperBound
            }
            guard scanBreaks() else { return nil }
        }
        if chomping != -1, let lb = leadingBreak { replaced(0x0A, lb) }
        var end = lastContentEnd
        if chomping == 1 {
            for r in trailingBreaks { replaced(0x0A, r) }
            // Kept breaks belong to the value, so to the token too.
            end = max(end, trailingBreaks.last?.upperBound ?? leadingBreak?.upperBound ?? end)
        }
        return result(end: end, emptyAt: contentStart)
    }
}
