/// A long list's scalars packed into bytes: each is about two bytes plus its value instead
/// of a 24-byte node (a flow list of 5 million one-letter items held 126 MB of nodes).
///
/// Only scalars that `YAMLScalar.packed` describes are packed: plain or quoted, no tag, no
/// anchor, the value its source text right inside the quotes. Such a scalar is its style,
/// its start and its value; its range and its source map follow from them.
struct PackedScalars: Sendable {
    /// Per scalar: LEB128 of `gap << 2 | style` (the gap from the previous scalar's end to
    /// this one's start), LEB128 of the value's length, the value's bytes.
    private var stream: [UInt8] = []
    /// For every `markEvery`-th scalar: its offset in `stream` (high 32 bits) and the
    /// previous scalar's end relative to `origin` (low 32 bits), for a read from the middle.
    private var marks: [UInt64] = []
    private(set) var count = 0
    /// The file offset positions are relative to: the first scalar's start.
    private var origin = 0
    /// The last scalar's end relative to `origin`, while appending.
    private var end = 0

    private static let markEvery = 16

    /// Longer values are not packed: a node saves little beside them, and their copy here
    /// grows by doubling (a mapping of 50,000 one-kilobyte values peaked 41 MB higher).
    static let maxValueBytes = 64

    init() {}

    /// Appends one scalar, or two (an entry's key and value), all or none: none when one's
    /// position is not after the last one's end or is too far from the first one's start.
    mutating func append(_ first: YAMLScalar.Packed, _ second: YAMLScalar.Packed? = nil) -> Bool {
        var value = (second ?? first).value
        return value.withUTF8 { bytes in
            guard let second else { return append(value: bytes, style: first.style, start: first.start) }
            return append(first, value: bytes, style: second.style, start: second.start)
        }
    }

    /// Appends an entry whose key is `key` and whose value, its source text, is `value`;
    /// all or nothing, as `append(_:_:)`.
    mutating func append(_ key: YAMLScalar.Packed, value: UnsafeBufferPointer<UInt8>, style: ScalarStyle, start: Int) -> Bool {
        if count == 0 { origin = key.start }
        let keyEnd = key.start + key.value.utf8.count + (key.style == .plain ? 0 : 2)
        guard fits(start: key.start, end: keyEnd), start >= keyEnd,
              fits(start: start, end: start + value.count + (style == .plain ? 0 : 2)) else { return false }
        var name = key.value
        _ = name.withUTF8 { append(value: $0, style: key.style, start: key.start) }
        return append(value: value, style: style, start: start)
    }

    private func fits(start: Int, end fileEnd: Int) -> Bool {
        start - origin >= end && fileEnd - origin <= Int(UInt32.max) && stream.count + (fileEnd - start) + 20 <= Int(UInt32.max)
    }

    /// Appends the scalar of style `style` (plain or quoted) whose value, its source text,
    /// is `value`, starting at file offset `start` (its opening quote).
    mutating func append(value: UnsafeBufferPointer<UInt8>, style: ScalarStyle, start fileStart: Int) -> Bool {
        if count == 0 { origin = fileStart }
        let start = fileStart - origin
        let quotes = style == .plain ? 0 : 2
        let length = value.count
        guard start >= end, start + length + quotes <= Int(UInt32.max), stream.count <= Int(UInt32.max) else { return false }
        if count % Self.markEvery == 0 { marks.append(UInt64(stream.count) << 32 | UInt64(end)) }
        Self.writeNumber((start - end) << 2 | style.packedCode, into: &stream)
        Self.writeNumber(length, into: &stream)
        stream.append(contentsOf: value)
        end = start + length + quotes
        count += 1
        return true
    }

    /// Calls `body` with each scalar, in order, without making its node.
    func forEachValue(_ body: (PackedScalar) -> Void) {
        stream.withUnsafeBufferPointer { bytes in
            var offset = 0, end = 0
            for i in 0..<count {
                let head = Self.readNumber(bytes, at: &offset)
                let style = ScalarStyle(packedCode: head & 3)
                let start = end + head >> 2
                let length = Self.readNumber(bytes, at: &offset)
                let value = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)])
                end = start + length + (style == .plain ? 0 : 2)
                body(PackedScalar(index: i, style: style, value: value, range: TextRange(start: origin + start, end: origin + end)))
                offset += length
            }
        }
    }

    /// Gives back the memory doubling left unused once the list is complete.
    mutating func finish() {
        Self.trim(&stream)
        Self.trim(&marks)
    }

    private static func trim<T>(_ array: inout [T]) {
        guard array.capacity > array.count + array.count / 8 else { return }
        array = [T](unsafeUninitializedCapacity: array.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: array)
        }
    }

    /// The same scalars `delta` bytes further in the file.
    func shifted(by delta: Int) -> PackedScalars {
        var moved = self
        moved.origin += delta
        return moved
    }

    /// Reads scalars by index: forward from the last one read when the next is not far
    /// ahead, else from the mark before it. Reading in increasing order costs one pass.
    struct Reader {
        private let packed: PackedScalars
        private var cursor: Cursor
        /// The index of the scalar `cursor` is at.
        private var at = 0

        init(_ packed: PackedScalars) {
            self.packed = packed
            cursor = Cursor(offset: 0, end: 0)
        }

        mutating func scalar(_ i: Int) -> YAMLNode {
            precondition(i >= 0 && i < packed.count, "index out of the packed scalars")
            if i < at || i / markEvery > at / markEvery {
                cursor = Cursor(of: packed, at: i / markEvery)
                at = i / markEvery * markEvery
            }
            while at < i { cursor.skip(in: packed); at += 1 }
            at += 1
            return cursor.next(in: packed)
        }
    }

    /// A position in the stream: the next scalar's offset and the previous one's end.
    private struct Cursor {
        var offset: Int
        var end: Int

        init(offset: Int, end: Int) { (self.offset, self.end) = (offset, end) }

        init(of packed: PackedScalars, at mark: Int) {
            let m = packed.marks[mark]
            (offset, end) = (Int(m >> 32), Int(m & 0xFFFF_FFFF))
        }

        mutating func skip(in packed: PackedScalars) {
            let (start, style, length) = header(in: packed)
            offset += length
            end = start + length + (style == .plain ? 0 : 2)
        }

        mutating func next(in packed: PackedScalars) -> YAMLNode {
            let (start, style, length) = header(in: packed)
            let value = packed.stream.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)]), as: UTF8.self)
            }
            offset += length
            let quotes = style == .plain ? 0 : 2
            end = start + length + quotes
            let range = TextRange(start: packed.origin + start, end: packed.origin + end)
            return .scalar(YAMLScalar(verbatimValue: value, style: style, range: range))
        }

        /// Reads a scalar's header: its start (relative), style and value length.
        private mutating func header(in packed: PackedScalars) -> (Int, ScalarStyle, Int) {
            let head = PackedScalars.readNumber(packed.stream, at: &offset)
            let length = PackedScalars.readNumber(packed.stream, at: &offset)
            return (end + head >> 2, ScalarStyle(packedCode: head & 3), length)
        }
    }

    /// Reads the scalars in order (one pass, through a `Reader`).
    struct Iterator: IteratorProtocol {
        private var reader: Reader
        private let count: Int
        private var index = 0

        init(_ packed: PackedScalars) { (reader, count) = (Reader(packed), packed.count) }

        var hasNext: Bool { index < count }

        mutating func next() -> YAMLNode? {
            guard index < count else { return nil }
            defer { index += 1 }
            return reader.scalar(index)
        }
    }

    func makeIterator() -> Iterator { Iterator(self) }

    @inline(__always)
    private static func writeNumber(_ n: Int, into bytes: inout [UInt8]) {
        if n < 0x80 { bytes.append(UInt8(n)); return }
        var n = UInt(n)
        while n >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    @inline(__always)
    private static func readNumber(_ bytes: [UInt8], at offset: inout Int) -> Int {
        bytes.withUnsafeBufferPointer { readNumber($0, at: &offset) }
    }

    @inline(__always)
    private static func readNumber(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> Int {
        var n = 0, shift = 0
        while true {
            let b = bytes[offset]
            offset += 1
            n |= Int(b & 0x7F) << shift
            if b < 0x80 { return n }
            shift += 7
        }
    }
}

extension ScalarStyle {
    /// Two bits, for `PackedScalars` (plain and quoted styles only).
    fileprivate var packedCode: Int {
        switch self {
        case .plain: 0
        case .singleQuoted: 1
        case .doubleQuoted: 2
        case .literal, .folded: preconditionFailure("block scalars are never packed")
        }
    }
    fileprivate init(packedCode: Int) {
        switch packedCode {
        case 1: self = .singleQuoted
        case 2: self = .doubleQuoted
        default: self = .plain
        }
    }
}

/// A packed scalar as `forEachPackedValue` shows it, without its node unless asked.
public struct PackedScalar {
    /// Counted from the collection's first child, as if every child were packed (an entry
    /// is two: its key at an even index, its value after it).
    public let index: Int
    public let style: ScalarStyle
    /// The value's bytes, its source text (valid during the call only).
    public let value: UnsafeBufferPointer<UInt8>
    public let range: TextRange

    /// The scalar's node.
    public var node: YAMLNode {
        .scalar(YAMLScalar(verbatimValue: String(decoding: value, as: UTF8.self), style: style, range: range))
    }

    func moved(by children: Int) -> PackedScalar {
        PackedScalar(index: index + children, style: style, value: value, range: range)
    }
}
