import YAMLSyntax

/// A text taking many edits that `EditRun` cannot gather (far apart, back and forth): kept
/// in chunks with the line breaks each holds, so that finding a position and making an
/// edit cost a chunk and a walk over the chunks' counts, not the whole text. Positions
/// mean what they mean in a `SourceText` of the same bytes.
///
/// A CRLF is never cut between two chunks: its CR and LF are always in one. Chunks are
/// slices: those no edit touched share the bytes of the text the chunked text was made
/// from, so making it copies nothing.
struct ChunkedText {
    private var chunks: [ArraySlice<UInt8>]
    /// The line breaks in each chunk (LF, CRLF and a lone CR each one), and its length:
    /// kept beside the chunks, so that a walk over them reads two arrays of integers.
    private var breaks: [Int]
    private var lengths: [Int]
    /// Chunks hold about this many bytes at most: a longer one is cut in equal pieces.
    let chunkSize: Int

    init(_ bytes: [UInt8], chunkSize: Int = 4 << 10) {
        self.chunkSize = max(chunkSize, 2)
        chunks = Self.cut(bytes[...], size: self.chunkSize)
        if chunks.isEmpty { chunks = [[]] }  // a text has a chunk, empty or not
        breaks = chunks.map(Self.lineBreaks)
        lengths = chunks.map(\.count)
    }

    var bytes: [UInt8] { Array(chunks.joined()) }

    /// The text's bytes, each chunk let go once copied (the edited chunks and the copy are
    /// not both held whole); the chunked text is left empty.
    mutating func takeBytes() -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(lengths.reduce(0, +))
        for k in chunks.indices {
            all += chunks[k]
            chunks[k] = []
        }
        (chunks, breaks, lengths) = ([[]], [0], [0])
        return all
    }

    /// The byte offset of a position, clamped as `SourceText.offset(of:encoding:)` clamps.
    func offset(of position: TextPosition, encoding: PositionEncoding) -> Int {
        let (line, column) = (position.line, position.column)
        if line < 0 { return 0 }
        guard let start = lineStart(line) else { return lengths.reduce(0, +) }
        // The line's text, up to its break, as a line of its own gives the column's offset;
        // only as much as `column` units can span (4 bytes each at most, and the next
        // character), so that a long line costs what the column reaches into it.
        let needed = column <= 0 ? 0 : 4 * min(column, Int.max / 8) + 8
        var text: [UInt8] = []
        var (k, i) = location(of: start)
        scan: while k < chunks.count && text.count < needed {
            let chunk = chunks[k]
            while i < chunk.count && text.count < needed {
                let b = chunk[chunk.startIndex + i]
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break scan }
                text.append(b)
                i += 1
            }
            (k, i) = (k + 1, 0)
        }
        return start + SourceText(bytes: text).offset(of: TextPosition(line: 0, column: column), encoding: encoding)
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
        breaks.replaceSubrange(first...last, with: pieces.map(Self.lineBreaks))
        lengths.replaceSubrange(first...last, with: pieces.map(\.count))
        // Every CRLF in one chunk, at the two seams (the later first: mending may remove a chunk).
        mend(after: first + pieces.count - 1)
        mend(after: first - 1)
    }

    /// The offset where line `line` (≥ 0) starts; nil past the last line.
    private func lineStart(_ line: Int) -> Int? {
        if line == 0 { return 0 }
        var seen = 0, offset = 0, k = 0
        while k < breaks.count && seen + breaks[k] < line {
            seen += breaks[k]
            offset += lengths[k]
            k += 1
        }
        guard k < chunks.count else { return nil }
        return chunks[k].withUnsafeBufferPointer { chunk -> Int? in
            var i = 0
            while i < chunk.count {
                let b = chunk[i]
                i += 1
                if b == UInt8(ascii: "\r") && i < chunk.count && chunk[i] == UInt8(ascii: "\n") { i += 1 }
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                    seen += 1
                    if seen == line { return offset + i }
                }
            }
            return nil
        }
    }

    /// The chunk holding `offset` and the index in it (the end of the last chunk for the
    /// text's end).
    private func location(of offset: Int) -> (chunk: Int, index: Int) {
        var rest = offset, k = 0
        while k < lengths.count - 1 && rest >= lengths[k] {
            rest -= lengths[k]
            k += 1
        }
        return (k, min(rest, lengths[k]))
    }

    /// Moves an LF that starts chunk `k + 1` to the end of chunk `k` when that ends in CR.
    private mutating func mend(after k: Int) {
        guard k >= 0, k + 1 < chunks.count, chunks[k].last == UInt8(ascii: "\r"),
              chunks[k + 1].first == UInt8(ascii: "\n") else { return }
        chunks[k].append(UInt8(ascii: "\n"))
        chunks[k + 1].removeFirst()
        breaks[k] = Self.lineBreaks(chunks[k])
        lengths[k] += 1
        if chunks[k + 1].isEmpty {
            chunks.remove(at: k + 1)
            breaks.remove(at: k + 1)
            lengths.remove(at: k + 1)
        } else {
            breaks[k + 1] = Self.lineBreaks(chunks[k + 1])
            lengths[k + 1] -= 1
        }
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

    private static func lineBreaks(_ chunk: ArraySlice<UInt8>) -> Int { EditRun.lineBreaks(in: chunk) }
}
