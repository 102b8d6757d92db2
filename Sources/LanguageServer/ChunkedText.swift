#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// A text taking many edits that `EditRun` cannot gather (far apart, back and forth): kept
/// in chunks with running totals of their lengths and line breaks, so that finding a
/// position and making an edit cost a chunk and a search of the totals, not the whole
/// text. Positions mean what they mean in a `SourceText` of the same bytes.
///
/// A CRLF is never cut between two chunks: its CR and LF are always in one. Chunks are
/// slices: those no edit touched share the bytes of the text the chunked text was made
/// from, so making it copies nothing.
struct ChunkedText {
    private var chunks: [ArraySlice<UInt8>]
    /// Running totals beside the chunks: the offset where each chunk ends, and the line
    /// breaks (LF, CRLF and a lone CR each one) up to its end. A position or an offset is
    /// found by a binary search over them; an edit adds its change in length and in breaks
    /// to the totals after it (a pass of additions). Walking per-chunk counts instead cost
    /// each of 100,000 edits three walks over the 2,900 chunks of an 11 MB text.
    private var ends: [Int]
    private var lineEnds: [Int]
    /// The units of a chunk that a column can pass without reading it: one without a line
    /// break whose characters are all its own (none begun in the chunk before, none cut
    /// at its end). nil for the others. A position far into a long line skips them.
    private var passable: [Units?]

    /// A chunk's length in UTF-16 code units and in Unicode scalars (in UTF-8: its bytes).
    private struct Units {
        var utf16: Int
        var scalars: Int
        func count(_ encoding: PositionEncoding, bytes: Int) -> Int {
            switch encoding {
            case .utf8: bytes
            case .utf16: utf16
            case .unicodeScalars: scalars
            }
        }
    }
    /// Chunks hold about this many bytes at most: a longer one is cut in equal pieces.
    let chunkSize: Int

    init(_ bytes: [UInt8], chunkSize: Int = 4 << 10) {
        self.chunkSize = max(chunkSize, 2)
        chunks = Self.cut(bytes[...], size: self.chunkSize)
        if chunks.isEmpty { chunks = [[]] }  // a text has a chunk, empty or not
        (ends, lineEnds, passable) = ([], [], [])
        setTotals(chunks.indices)
    }

    var bytes: [UInt8] { Array(chunks.joined()) }

    /// The text's bytes, each chunk let go once copied (the edited chunks and the copy are
    /// not both held whole); the chunked text is left empty.
    mutating func takeBytes() -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(ends[ends.count - 1])
        for k in chunks.indices {
            all += chunks[k]
            chunks[k] = []
        }
        (chunks, ends, lineEnds, passable) = ([[]], [0], [0], [Units(utf16: 0, scalars: 0)])
        return all
    }

    /// The byte offset of a position, clamped as `SourceText.offset(of:encoding:)` clamps.
    func offset(of position: TextPosition, encoding: PositionEncoding) -> Int {
        let (line, column) = (position.line, max(position.column, 0))
        if line < 0 { return 0 }
        guard let start = lineStart(line) else { return ends[ends.count - 1] }
        // The line's text, up to its break, as a line of its own gives the column's offset;
        // only as much as the units left can span (4 bytes each at most, and the next
        // character), so that a long line costs what the column reaches into it. A
        // passable chunk the column goes past is counted by its units, not read: `text`
        // then starts after it (it starts with no continuation byte, so the characters
        // before it end where they end in the line).
        var (text, textStart, left) = ([UInt8](), start, column)
        var (k, i) = location(of: start)
        while k < chunks.count && text.count < Self.bytes(spanning: left) {
            if i == 0, let units = passable[k]?.count(encoding, bytes: length(k)) {
                let counted = Self.units(text, encoding)
                if counted >= left { break }  // the column is in `text`
                if counted + units >= left {  // or in this chunk, which needs no byte after it
                    text += chunks[k]
                    break
                }
                (text, textStart, left) = ([], textStart + text.count, left - counted)
                while k < chunks.count, let units = passable[k]?.count(encoding, bytes: length(k)), units < left {
                    (textStart, left, k) = (textStart + length(k), left - units, k + 1)
                }
                continue
            }
            let chunk = chunks[k]
            let from = chunk.startIndex + i
            let rest = chunk[from..<min(chunk.endIndex, from + Self.bytes(spanning: left) - text.count)]
            if let lineEnd = Self.firstLineBreak(in: rest) {
                text += rest[..<lineEnd]
                break
            }
            text += rest
            (k, i) = (k + 1, 0)
        }
        return textStart + text.withUnsafeBufferPointer { SourceText.offset(ofColumn: left, inLine: $0, encoding: encoding) }
    }

    private func length(_ k: Int) -> Int { ends[k] - (k == 0 ? 0 : ends[k - 1]) }

    /// Bytes that `units` units of any encoding can span, with the character after them.
    private static func bytes(spanning units: Int) -> Int { units <= 0 ? 0 : 4 * min(units, Int.max / 8) + 8 }

    /// The units of `encoding` in `text`, a part of one line.
    private static func units(_ text: some Collection<UInt8>, _ encoding: PositionEncoding) -> Int {
        text.withContiguousStorageIfAvailable { SourceText.columns(inLine: $0, encoding: encoding) }
            ?? units(Array(text), encoding)
    }

    /// Replaces the bytes of `range` with `replacement`.
    mutating func replace(_ range: TextRange, with replacement: [UInt8]) {
        let (first, from) = location(of: range.start)
        let (last, to) = location(of: range.end)
        var joined = Array(chunks[first].prefix(from))
        joined += replacement
        joined += chunks[last].dropFirst(to)
        var pieces = Self.cut(joined[...], size: chunkSize)
        if pieces.isEmpty && chunks.count == last - first + 1 { pieces = [[]] }
        chunks.replaceSubrange(first...last, with: pieces)
        // The totals of the replaced chunks give way to the pieces' (counted just below).
        let removed = (ends[last], lineEnds[last])
        ends.replaceSubrange(first...last, with: repeatElement(removed.0, count: pieces.count))
        lineEnds.replaceSubrange(first...last, with: repeatElement(removed.1, count: pieces.count))
        passable.replaceSubrange(first...last, with: repeatElement(nil, count: pieces.count))
        recount(first..<first + pieces.count, before: removed)
        // Every CRLF in one chunk, at the two seams (the later first: mending may remove a chunk).
        mend(after: first + pieces.count - 1)
        mend(after: first - 1)
    }

    /// The offset where line `line` (≥ 0) starts; nil past the last line.
    private func lineStart(_ line: Int) -> Int? {
        if line == 0 { return 0 }
        // The first chunk whose end is at or past the line's break.
        let k = Self.firstIndex(in: lineEnds) { $0 >= line }
        guard k < chunks.count else { return nil }
        let seen = k == 0 ? 0 : lineEnds[k - 1]
        let offset = k == 0 ? 0 : ends[k - 1]
        let (found, end) = Self.breaks(in: chunks[k], upTo: line - seen)
        return found == line - seen ? offset + end : nil
    }

    /// The chunk holding `offset` and the index in it (the end of the last chunk for the
    /// text's end).
    private func location(of offset: Int) -> (chunk: Int, index: Int) {
        // The first chunk ending after the offset: one ending at it hands it to the next.
        let k = min(Self.firstIndex(in: ends) { $0 > offset }, ends.count - 1)
        let start = k == 0 ? 0 : ends[k - 1]
        return (k, min(max(offset - start, 0), chunks[k].count))
    }

    /// Moves an LF that starts chunk `k + 1` to the end of chunk `k` when that ends in CR.
    private mutating func mend(after k: Int) {
        guard k >= 0, k + 1 < chunks.count, chunks[k].last == UInt8(ascii: "\r"),
              chunks[k + 1].first == UInt8(ascii: "\n") else { return }
        let before = (ends[k + 1], lineEnds[k + 1])
        chunks[k].append(UInt8(ascii: "\n"))
        chunks[k + 1].removeFirst()
        if chunks[k + 1].isEmpty {
            chunks.remove(at: k + 1)
            ends.remove(at: k + 1)
            lineEnds.remove(at: k + 1)
            passable.remove(at: k + 1)
            recount(k..<k + 1, before: before)
        } else {
            recount(k..<k + 2, before: before)
        }
    }

    /// Counts the totals of the chunks of `changed` again from their bytes, and moves the
    /// later totals by the change, `before` being what the last of them held until then.
    private mutating func recount(_ changed: Range<Int>, before: (end: Int, lines: Int)) {
        setTotals(changed)
        let last = changed.isEmpty ? changed.lowerBound - 1 : changed.upperBound - 1
        let (end, lines) = last >= 0 ? (ends[last], lineEnds[last]) : (0, 0)
        let (moved, movedLines) = (end - before.end, lines - before.lines)
        guard moved != 0 || movedLines != 0 else { return }
        for j in (last + 1)..<ends.count {
            ends[j] += moved
            lineEnds[j] += movedLines
        }
    }

    /// Sets the totals of `changed` from the one before it and the chunks' bytes (appending
    /// them when the arrays end before it, as at the start).
    private mutating func setTotals(_ changed: Range<Int>) {
        var end = changed.lowerBound == 0 ? 0 : ends[changed.lowerBound - 1]
        var lines = changed.lowerBound == 0 ? 0 : lineEnds[changed.lowerBound - 1]
        for k in changed {
            let breaks = Self.lineBreaks(chunks[k])
            let units = breaks == 0 ? Self.passableUnits(chunks[k]) : nil
            end += chunks[k].count
            lines += breaks
            if k < ends.count {
                (ends[k], lineEnds[k], passable[k]) = (end, lines, units)
            } else {
                ends.append(end)
                lineEnds.append(lines)
                passable.append(units)
            }
        }
    }

    /// The first index of the ascending `totals` whose value passes `test` (a test that
    /// holds from some index on); `totals.count` when none does.
    private static func firstIndex(in totals: [Int], where test: (Int) -> Bool) -> Int {
        var (low, high) = (0, totals.count)
        while low < high {
            let mid = (low + high) / 2
            if test(totals[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// `bytes` in pieces of equal length, at most about `size`, none ending between a CR
    /// and its LF: slices of it.
    private static func cut(_ bytes: ArraySlice<UInt8>, size: Int) -> [ArraySlice<UInt8>] {
        let count = (bytes.count + size - 1) / size
        guard count > 0 else { return [] }
        let length = (bytes.count + count - 1) / count
        var pieces: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            var end = min(start + length, bytes.endIndex)
            if end < bytes.endIndex && bytes[end - 1] == UInt8(ascii: "\r") && bytes[end] == UInt8(ascii: "\n") { end += 1 }
            pieces.append(bytes[start..<end])
            start = end
        }
        return pieces
    }

    /// The index of the first LF or CR in `bytes` (memchr for each: the rest of a long
    /// line's first chunk is searched at each position on it).
    private static func firstLineBreak(in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let found = [UInt8(ascii: "\n"), UInt8(ascii: "\r")].compactMap { byte in
                memchr(base, Int32(byte), buffer.count).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            return found.min().map { bytes.startIndex + $0 }
        }
    }

    private static func lineBreaks(_ chunk: ArraySlice<UInt8>) -> Int { breaks(in: chunk, upTo: .max).found }

    /// The units of a chunk without a line break, nil when a character may cross one of
    /// its ends: it starts with a continuation byte, or ends within the bytes a lead byte
    /// announces. Another character is read the same alone as in the line (an invalid
    /// sequence is one unit per byte either way).
    private static func passableUnits(_ chunk: ArraySlice<UInt8>) -> Units? {
        if chunk.withUnsafeBufferPointer({ $0.reduce(0, |) < 0x80 }) { return Units(utf16: chunk.count, scalars: chunk.count) }
        let isContinuation = { (b: UInt8) in b & 0xC0 == 0x80 }
        guard let first = chunk.first, !isContinuation(first) else { return nil }
        // The last byte that is not a continuation, among the last four.
        if let lead = chunk.suffix(4).lastIndex(where: { !isContinuation($0) }) {
            let b = chunk[lead]
            let announced = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if chunk.endIndex - lead < announced { return nil }
        }
        return Units(utf16: units(chunk, .utf16), scalars: units(chunk, .unicodeScalars))
    }

    /// The first `limit` line breaks of `chunk` (LF, CRLF, a lone CR): how many there are
    /// and the index right after the last of them. A chunk without a CR, the common case,
    /// is searched for LFs with memchr: a chunk is read at each edit and each position.
    private static func breaks(in chunk: ArraySlice<UInt8>, upTo limit: Int) -> (found: Int, end: Int) {
        chunk.withUnsafeBufferPointer { bytes in
            let (cr, lf) = (UInt8(ascii: "\r"), UInt8(ascii: "\n"))
            var (found, i) = (0, 0)
            guard let base = bytes.baseAddress, limit > 0 else { return (0, 0) }
            if memchr(base, Int32(cr), bytes.count) == nil {
                while found < limit, i < bytes.count, let hit = memchr(base + i, Int32(lf), bytes.count - i) {
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    found += 1
                }
                return (found, found == 0 ? 0 : i)
            }
            var end = 0
            while i < bytes.count && found < limit {
                let b = bytes[i]
                i += 1
                if b == cr && i < bytes.count && bytes[i] == lf { i += 1 }
                if b == lf || b == cr { (found, end) = (found + 1, i) }
            }
            return (found, end)
        }
    }
}
