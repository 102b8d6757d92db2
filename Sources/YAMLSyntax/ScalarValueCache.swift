import CYAML
import JSON

/// One string for each scalar value a part repeats. A value of 16 bytes or more is a heap
/// string (shorter ones are stored inline): files repeat many of them — an apiVersion, a
/// label value, the same expression in every resource — and each copy cost ~48 bytes of
/// heap. A value is looked up by its bytes in a small direct-mapped table, so memory stays
/// bounded whatever the file holds; a miss only means a string of its own, as before.
final class ScalarValueCache {
    /// Empty until the first value long enough to look up.
    private var slots: [String] = []
    /// A power of two: one slot per 128 bytes of the part, from 16 to 1,024 (a one-resource
    /// part after an edit would otherwise make and free a table of 1,024 strings).
    let slotCount: Int
    static let mostSlots = 1024
    /// Longer values are rarely repeated: hashing them would cost more than it saves.
    static let longestCached = 256

    init(partBytes: Int) {
        var count = 16
        while count < Self.mostSlots && count * 128 < partBytes { count *= 2 }
        slotCount = count
    }

    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 15, count <= Self.longestCached, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        if slots.isEmpty { slots = Array(repeating: "", count: slotCount) }
        let slot = Self.hash(bytes) & (slotCount - 1)
        let held = slots[slot]
        // A string made from bytes that were not UTF-8 holds other bytes, so it never matches them.
        if held.utf8.count == count,
           held.utf8.withContiguousStorageIfAvailable({ $0.baseAddress.map { memcmp($0, base, count) == 0 } }) == true {
            return held
        }
        let made = String(decoding: bytes, as: UTF8.self)
        slots[slot] = made
        return made
    }

    /// Mixes the 8-byte words of a value of 16 bytes or more (the last word overlaps the
    /// one before it when the count is not a multiple of 8).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: count) &* multiplier
        var i = 0
        while i + 8 <= count {
            h = (h ^ ByteWord.load(bytes, at: i)) &* multiplier
            h ^= h >> 29
            i += 8
        }
        h = (h ^ ByteWord.load(bytes, at: count - 8)) &* multiplier
        return Int(truncatingIfNeeded: h >> 32)
    }
}
