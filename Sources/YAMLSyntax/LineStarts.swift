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

    /// The same offsets in an array of exactly their count (a table grown by appending
    /// keeps up to twice the room).
    mutating func shrinkToFit() {
        if narrow.capacity > narrow.count { narrow = narrow.withUnsafeBufferPointer { Array($0) } }
        if wide.capacity > wide.count { wide = wide.withUnsafeBufferPointer { Array($0) } }
    }
}
