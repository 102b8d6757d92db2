/// Column counts at points along the long lines of a text that is not all ASCII, so that a
/// position far into such a line is counted from the nearest point before it instead of
/// from the line's start: 10,000 findings along one 10 MB line took minutes to place.
struct LongLineMarks: Sendable, Equatable {
    /// Lines longer than this many bytes get marks, one every `spacing` bytes.
    static let spacing = 4096

    /// A character boundary in a line, with the columns before it.
    struct Mark: Sendable, Equatable {
        /// Bytes from the line's start.
        var byte: Int
        var utf16: Int
        var scalars: Int

        func units(_ encoding: PositionEncoding) -> Int {
            switch encoding {
            case .utf8: byte
            case .utf16: utf16
            case .unicodeScalars: scalars
            }
        }
    }

    /// One long line: where it starts, and a mark at the first boundary at or after each
    /// multiple of `spacing` bytes into it.
    struct Line: Sendable, Equatable {
        var start: Int
        var marks: [Mark]
    }

    /// By start, ascending.
    private(set) var lines: [Line] = []

    init() {}

    /// The marks of the lines `range` of `lineStarts` (line indices), in `bytes`.
    init(bytes: [UInt8], lineStarts: LineStarts, lines range: Range<Int>) {
        append(bytes: bytes, lineStarts: lineStarts, lines: range)
    }

    mutating func append(bytes: [UInt8], lineStarts: LineStarts, lines range: Range<Int>) {
        for line in range {
            let start = lineStarts[line]
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
            if end - start > Self.spacing { lines.append(Line(start: start, marks: Self.marks(bytes, start, end))) }
        }
    }

    /// The marks of a `start..<end` line, counting as `SourceText.position(of:encoding:)`
    /// does: a well-formed character is one scalar (two UTF-16 units above U+FFFF), an
    /// invalid byte one of each.
    private static func marks(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [Mark] {
        var marks: [Mark] = []
        marks.reserveCapacity((end - start) / spacing)
        bytes.withUnsafeBufferPointer { buf in
            var i = start, utf16 = 0, scalars = 0
            var next = start + spacing
            while i < end {
                if i >= next {
                    marks.append(Mark(byte: i - start, utf16: utf16, scalars: scalars))
                    next = start + (i - start) / spacing * spacing + spacing
                }
                let length = buf[i] < 0x80 ? 1 : UTF8Validation.scalarLength(buf, at: i)
                utf16 += length == 4 ? 2 : 1
                scalars += 1
                i += max(length, 1)
            }
        }
        return marks
    }

    /// The last mark at or before `offset` bytes into the line starting at `lineStart`.
    func mark(lineStart: Int, atOrBefore offset: Int) -> Mark? {
        guard offset >= Self.spacing, let line = line(startingAt: lineStart) else { return nil }
        return Self.last(in: line.marks) { $0.byte <= offset }
    }

    /// The last mark with at most `column` units of `encoding` before it.
    func mark(lineStart: Int, atOrBeforeColumn column: Int, encoding: PositionEncoding) -> Mark? {
        guard let line = line(startingAt: lineStart) else { return nil }
        return Self.last(in: line.marks) { $0.units(encoding) <= column }
    }

    private func line(startingAt start: Int) -> Line? {
        guard !lines.isEmpty else { return nil }
        var low = 0, high = lines.count
        while low < high {
            let mid = (low + high) / 2
            if lines[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low < lines.count && lines[low].start == start ? lines[low] : nil
    }

    /// The last of `marks` (ordered) for which `isBefore` holds.
    private static func last(in marks: [Mark], where isBefore: (Mark) -> Bool) -> Mark? {
        var low = 0, high = marks.count
        while low < high {
            let mid = (low + high) / 2
            if isBefore(marks[mid]) { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? marks[low - 1] : nil
    }

    /// After an edit: the lines before `keptBefore` as they were, those of `rescanned`
    /// (line indices of the new table) measured again, and the old lines from `oldFrom` on
    /// moved by `delta`.
    func edited(bytes: [UInt8], lineStarts: LineStarts, keptBefore: Int, rescanned: Range<Int>,
                oldFrom: Int?, delta: Int) -> LongLineMarks {
        var result = LongLineMarks()
        result.lines = lines.filter { $0.start < keptBefore }
        result.append(bytes: bytes, lineStarts: lineStarts, lines: rescanned)
        if let oldFrom {
            result.lines += lines.lazy.filter { $0.start >= oldFrom }.map { Line(start: $0.start + delta, marks: $0.marks) }
        }
        return result
    }
}
