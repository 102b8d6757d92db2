/// The bytes of one stream part, indexed from 0: a view of the source text's array (no
/// copy: a resource group of a 50 MB file was copied whole before libyaml read it) or an
/// array of its own when bytes had to be replaced.
struct ChunkBytes {
    private let storage: [UInt8]
    private let offset: Int
    let count: Int

    init(_ storage: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= storage.count)
        (self.storage, offset, count) = (storage, range.lowerBound, range.count)
    }

    init(_ bytes: [UInt8]) { self.init(bytes, range: 0..<bytes.count) }

    var isEmpty: Bool { count == 0 }

    /// Reads stop at the part's end, as they would in an array of its own.
    subscript(i: Int) -> UInt8 {
        precondition(i >= 0 && i < count, "index out of the chunk")
        return storage[offset + i]
    }

    subscript(range: Range<Int>) -> ArraySlice<UInt8> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of the chunk")
        return storage[(offset + range.lowerBound)..<(offset + range.upperBound)]
    }

    /// A copy of the bytes, to change.
    var array: [UInt8] { Array(storage[offset..<(offset + count)]) }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[offset..<(offset + count)])) }
    }
}
