/// The segments of a `ScalarSourceMap` that is not one verbatim run, packed into bytes.
///
/// A scalar with an escape or a folded line every few bytes has a segment every few bytes:
/// as 32-byte `Segment`s, a 6 MB double-quoted string of `x\n` took 128 MB (and the
/// decoder's doubling array as much again). Packed, a segment that continues where the
/// previous one ended, with a value length under 16 and a source length under 15, is one
/// byte (`valueLength << 4 | sourceLength`: the low nibble 15 is never used there, so
/// `longForm`, 0xFF, is free); any other is `longForm` followed by
/// four zigzag varints (value gap, source gap, value length, source length). The other bytes
/// with a low nibble of 15 stand for two segments, the commonest pair in an escaped string: a
/// verbatim run of 1 to 15 bytes (high nibble + 1) and the two-byte escape of one byte after
/// it (`\n`, `\"`, `''`), so a string of `x\n` takes a byte per escape, not two. Offsets are
/// relative to `base`, the first segment's source offset, so shifting the map moves `base`
/// alone. Every `stride`-th segment's byte position and offsets are kept to find a segment
/// without decoding from the start.
///
/// Canonical: the same segments always give the same bytes, so equality compares bytes.
/// A class, so that a map holding it stays as small as one holding an array.
final class PackedSourceSegments: Sendable, Sequence {
    typealias Segment = ScalarSourceMap.Segment

    /// The source offset the relative offsets start from (the first segment's).
    let base: Int
    let count: Int
    private let bytes: [UInt8]
    /// For segment `k * stride`, k ≥ 1: where its encoding starts and where the segment
    /// before it ended (value offset, source offset relative to `base`), three integers each
    /// (k = 0 is all zeros, not stored: a map of at most `stride` segments has none).
    private let checkpoints: [Int]

    static let stride = 128
    private static let longForm: UInt8 = 0xFF

    func shifted(by delta: Int) -> PackedSourceSegments {
        PackedSourceSegments(base: base + delta, count: count, bytes: bytes, checkpoints: checkpoints)
    }

    /// The segments in order, each decoded once.
    struct Iterator: IteratorProtocol {
        fileprivate let packed: PackedSourceSegments
        fileprivate var index: Int
        fileprivate var position: Int
        /// Where the previous segment ended (value, and source relative to `base`).
        fileprivate var valueEnd: Int
        fileprivate var sourceEnd: Int
        /// The byte just read was a pair: its escape comes next.
        fileprivate var escapeNext = false

        mutating func next() -> Segment? {
            guard index < packed.count else { return nil }
            let bytes = packed.bytes
            var segment: Segment
            if escapeNext {
                escapeNext = false
                segment = Segment(valueOffset: valueEnd, sourceOffset: sourceEnd, valueLength: 1, sourceLength: 2)
            } else {
                let first = bytes[position]
                position += 1
                if first == PackedSourceSegments.longForm {
                    let valueGap = Self.zigzag(bytes, &position), sourceGap = Self.zigzag(bytes, &position)
                    let valueLength = Self.zigzag(bytes, &position), sourceLength = Self.zigzag(bytes, &position)
                    segment = Segment(valueOffset: valueEnd + valueGap, sourceOffset: sourceEnd + sourceGap,
                                      valueLength: valueLength, sourceLength: sourceLength)
                } else if first & 0x0F == 0x0F {
                    let run = Int(first >> 4) + 1
                    segment = Segment(valueOffset: valueEnd, sourceOffset: sourceEnd, valueLength: run, sourceLength: run)
                    escapeNext = true
                } else {
                    segment = Segment(valueOffset: valueEnd, sourceOffset: sourceEnd,
                                      valueLength: Int(first >> 4), sourceLength: Int(first & 0x0F))
                }
            }
            valueEnd = segment.valueOffset + segment.valueLength
            sourceEnd = segment.sourceOffset + segment.sourceLength
            index += 1
            segment.sourceOffset += packed.base
            return segment
        }

        private static func zigzag(_ bytes: [UInt8], _ position: inout Int) -> Int {
            var raw: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                raw |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(bitPattern: UInt(raw >> 1)) ^ -Int(raw & 1)
        }
    }

    /// The segments from number `k * stride` on.
    private func iterator(fromCheckpoint k: Int) -> Iterator {
        guard k > 0 else { return Iterator(packed: self, index: 0, position: 0, valueEnd: 0, sourceEnd: 0) }
        let at = 3 * (k - 1)
        return Iterator(packed: self, index: k * Self.stride, position: checkpoints[at],
                        valueEnd: checkpoints[at + 1], sourceEnd: checkpoints[at + 2])
    }

    func makeIterator() -> Iterator { iterator(fromCheckpoint: 0) }
    var underestimatedCount: Int { count }

    func segment(_ i: Int) -> Segment {
        precondition(i >= 0 && i < count)
        var it = iterator(fromCheckpoint: i / Self.stride)
        var segment = it.next()!
        for _ in 0..<(i % Self.stride) { segment = it.next()! }
        return segment
    }

    /// The last segment starting at or before value offset `offset` (the first one when none
    /// does), for segments in value order: a binary search over the checkpoints, then at most
    /// `stride` segments decoded.
    func lastSegment(startingAtOrBefore offset: Int) -> Segment {
        precondition(count > 0)
        var lo = 0, hi = (count - 1) / Self.stride
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if checkpointValueOffset(mid) <= offset { lo = mid } else { hi = mid - 1 }
        }
        var it = iterator(fromCheckpoint: lo)
        var found = it.next()!
        while let next = it.next(), next.valueOffset <= offset { found = next }
        return found
    }

    /// The value offset of segment `k * stride` (the checkpoint keeps where the one before
    /// ended: its own start differs only after a long form's value gap).
    private func checkpointValueOffset(_ k: Int) -> Int {
        var it = iterator(fromCheckpoint: k)
        return it.next()!.valueOffset
    }

    var last: Segment { segment(count - 1) }

    /// Packs segments one at a time. The last one appended stays open to `extendLast`
    /// (the decoder lengthens a verbatim run while it continues).
    struct Builder {
        private var bytes: [UInt8] = []
        private var checkpoints: [Int] = []
        private var base = 0
        private var encoded = 0
        private var valueEnd = 0, sourceEnd = 0
        private(set) var pending: Segment?
        /// A short verbatim run, written as a pair with the escape after it if one follows.
        private var held: Segment?

        var count: Int { encoded + (held == nil ? 0 : 1) + (pending == nil ? 0 : 1) }

        mutating func append(_ segment: Segment) {
            if let previous = pending { encode(previous) } else if encoded == 0 { base = segment.sourceOffset }
            pending = segment
        }

        /// Lengthens the last segment appended.
        mutating func extendLast(value: Int, source: Int) {
            pending!.valueLength += value
            pending!.sourceLength += source
        }

        private mutating func encode(_ segment: Segment) {
            if let run = held {
                held = nil
                // A pair never splits at a checkpoint: reading starts there at a byte's first segment.
                if segment.valueLength == 1, segment.sourceLength == 2, (encoded + 1) % PackedSourceSegments.stride != 0,
                   segment.valueOffset == run.valueOffset + run.valueLength,
                   segment.sourceOffset == run.sourceOffset + run.sourceLength {
                    recordCheckpointIfDue()
                    bytes.append(UInt8((run.valueLength - 1) << 4 | 0x0F))
                    advance(past: run)
                    advance(past: segment)
                    return
                }
                write(run)
            }
            if (1...15).contains(segment.valueLength), segment.sourceLength == segment.valueLength,
               segment.valueOffset == valueEnd, segment.sourceOffset - base == sourceEnd {
                held = segment
            } else {
                write(segment)
            }
        }

        private mutating func recordCheckpointIfDue() {
            if encoded > 0, encoded % PackedSourceSegments.stride == 0 {
                checkpoints.append(bytes.count); checkpoints.append(valueEnd); checkpoints.append(sourceEnd)
            }
        }

        private mutating func advance(past segment: Segment) {
            valueEnd = segment.valueOffset + segment.valueLength
            sourceEnd = segment.sourceOffset - base + segment.sourceLength
            encoded += 1
        }

        /// One segment, in a byte or in the long form.
        private mutating func write(_ segment: Segment) {
            recordCheckpointIfDue()
            let sourceOffset = segment.sourceOffset - base
            let valueGap = segment.valueOffset - valueEnd, sourceGap = sourceOffset - sourceEnd
            if valueGap == 0, sourceGap == 0, (0...15).contains(segment.valueLength), (0...14).contains(segment.sourceLength) {
                bytes.append(UInt8(segment.valueLength << 4 | segment.sourceLength))
            } else {
                bytes.append(PackedSourceSegments.longForm)
                for n in [valueGap, sourceGap, segment.valueLength, segment.sourceLength] { Self.appendZigzag(n, to: &bytes) }
            }
            advance(past: segment)
        }

        private static func appendZigzag(_ n: Int, to bytes: inout [UInt8]) {
            var raw = UInt64(bitPattern: Int64(n << 1 ^ n >> (Int.bitWidth - 1)))
            while raw >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: raw) | 0x80)
                raw >>= 7
            }
            bytes.append(UInt8(raw))
        }

        /// The packed segments (the builder is spent).
        mutating func finish() -> PackedSourceSegments {
            if let last = pending { encode(last) }
            if let run = held { write(run) }
            pending = nil
            held = nil
            // The spare capacity doubling left is kept: never written, it is never resident,
            // and a trimmed copy would hold the bytes twice while it is made.
            return PackedSourceSegments(base: base, count: encoded, bytes: bytes, checkpoints: checkpoints)
        }
    }

    private init(base: Int, count: Int, bytes: [UInt8], checkpoints: [Int]) {
        self.base = base; self.count = count; self.bytes = bytes; self.checkpoints = checkpoints
    }
}

extension PackedSourceSegments: Hashable {
    /// The checkpoints follow from the bytes.
    static func == (a: PackedSourceSegments, b: PackedSourceSegments) -> Bool { a.base == b.base && a.count == b.count && a.bytes == b.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(base); hasher.combine(count); hasher.combine(bytes) }
}
