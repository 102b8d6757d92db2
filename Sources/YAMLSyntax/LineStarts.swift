import JSON

/// The byte offsets where the lines of a `SourceText` start, ascending (the first is 0).
///
/// Kept for every text the engine holds, a line every ~30 bytes in a kro file (387,000 in
/// 11.7 MB), so stored as `UInt32`, half the room of `Int`, and sized exactly once built
/// (`SourceText.init(bytes:)`, `replacing`): 1.5 MB where the grown `[Int]` was 4.3 MB. A
/// table gets `Int` storage when an offset does not fit 32 bits (a text of 4 GiB or more).
public struct LineStarts: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral,
                          CustomStringConvertible {
    /// The offsets while they all fit 32 bits.
    private var narrow: [UInt32] = []
    /// All the offsets once one does not fit (then `narrow` is empty).
    private var wide: [Int] = []
    private var isWide = false

    public init() {}

    public init(arrayLiteral offsets: Int...) {
        for offset in offsets { append(offset) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isWide ? wide.count : narrow.count }

    public subscript(position: Int) -> Int {
        isWide ? wide[position] : Int(narrow[position])
    }

    public var description: String { Array(self).description }

    /// Equal when they hold the same offsets, however stored.
    public static func == (a: LineStarts, b: LineStarts) -> Bool {
        a.isWide || b.isWide ? a.elementsEqual(b) : a.narrow == b.narrow
    }

    /// Calls `body` with each offset in order: a plain loop over the storage (reading by
    /// index checks which storage on every read).
    func forEachOffset(_ body: (_ index: Int, _ offset: Int) -> Void) {
        if isWide {
            for (index, offset) in wide.enumerated() { body(index, offset) }
        } else {
            for (index, offset) in narrow.enumerated() { body(index, Int(offset)) }
        }
    }

    mutating func append(_ offset: Int) {
        if !isWide, let fits = UInt32(exactly: offset) {
            narrow.append(fits)
        } else {
            if !isWide { (wide, narrow, isWide) = (narrow.map(Int.init), [], true) }
            wide.append(offset)
        }
    }

    /// Appends `other[from...]`, each moved by `delta` (the lines after an edit).
    mutating func append(_ other: LineStarts, from: Int, shiftedBy delta: Int) {
        guard from < other.count else { return }
        // Ascending: when the first and the last fit 32 bits, all do.
        if !isWide, !other.isWide, UInt32(exactly: other[from] + delta) != nil,
           UInt32(exactly: other[other.count - 1] + delta) != nil {
            narrow += other.narrow[from...].lazy.map { UInt32(truncatingIfNeeded: Int($0) + delta) }
            return
        }
        for i in from..<other.count { append(other[i] + delta) }
    }

    /// The first `count` offsets, with room for `extra` more.
    func prefix(upTo count: Int, reserving extra: Int) -> LineStarts {
        var result = LineStarts()
        if isWide {
            (result.wide, result.isWide) = (Array(wide[..<count]), true)
        } else {
            result.narrow.reserveCapacity(count + extra)
            result.narrow += narrow[..<count]
        }
        return result
    }

    /// Room for `count` offsets in all, when they will fit 32 bits.
    mutating func reserveCapacity(_ count: Int) {
        if !isWide { narrow.reserveCapacity(count) }
    }

    /// The same offsets in an array of their count when the table has over a sixteenth more
    /// room (one grown by appending keeps up to twice the room; one reserved at its size is
    /// left as it is, not copied).
    mutating func shrinkToFit() {
        if narrow.capacity - narrow.count > narrow.count / 16 { narrow = narrow.withUnsafeBufferPointer { Array($0) } }
        if wide.capacity - wide.count > wide.count / 16 { wide = wide.withUnsafeBufferPointer { Array($0) } }
    }

    /// How many lines `bytes` has: one more than its line breaks (LF, CRLF, CR, as
    /// `SourceText` reads them), counted eight bytes at a time. A whole text's table is
    /// reserved at this size: grown by doubling, and copied to shrink, it took up to three
    /// times its room at its peak (a file of 2-byte lines: 5.3 times the file).
    static func lineCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        var breaks = 0
        var i = 0
        #if _endian(little)
        // A CR ending the previous word, to pair with an LF starting this one.
        var carriedCR = false
        while i + 8 <= n {
            let word = ByteWord.load(bytes, at: i)
            let lineFeeds = ByteWord.matches(word, 0x0A), returns = ByteWord.matches(word, 0x0D)
            if lineFeeds | returns != 0 {
                // A CR whose next byte is an LF is one break with it (byte k's mark is bit 8k + 7).
                let pairs = returns & (lineFeeds >> 8)
                breaks += lineFeeds.nonzeroBitCount + returns.nonzeroBitCount - pairs.nonzeroBitCount
                if carriedCR && lineFeeds & 0x80 != 0 { breaks -= 1 }
            }
            carriedCR = returns >> 63 != 0
            i += 8
        }
        if carriedCR && i < n && bytes[i] == 0x0A { breaks -= 1 }
        #endif
        while i < n {
            if bytes[i] == 0x0A {
                breaks += 1
            } else if bytes[i] == 0x0D {
                breaks += 1
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return breaks + 1
    }
}
