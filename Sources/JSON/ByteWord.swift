/// Tests on eight bytes at once (one unaligned 64-bit load), used to skip runs of ordinary
/// bytes in long texts: a 1 MB document opened in the editor passes through several
/// byte-by-byte scans (the JSON string, the line table, the YAML input check) before
/// anything else can start. Each test is exact for the word as a whole: true if and only
/// if some byte has the property (the classic SWAR forms; a borrow can only mark bytes
/// above one that really has it).
public enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` (which must leave eight bytes in `buffer`).
    @inline(__always)
    public static func load(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self)
    }

    /// Some byte equals `byte`.
    @inline(__always)
    public static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasByte(below: 1, word ^ (ones &* UInt64(byte)))
    }

    /// Some byte is below `limit` (`limit` ≤ 128).
    @inline(__always)
    public static func hasByte(below limit: UInt8, _ word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Some byte is 0x80 or above (not ASCII).
    @inline(__always)
    public static func hasNonASCII(_ word: UInt64) -> Bool { word & highs != 0 }

    /// Every byte equal to `byte` marked by its high bit, exactly (no borrow crosses a
    /// byte: the low seven bits are added apart from the high one). Zero when there is none.
    @inline(__always)
    public static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x | lows)
    }

    /// The bytes a JSON string reader must look at (control characters, `"`, `\`, non-ASCII)
    /// marked by their high bit; bytes after the first marked one may be marked wrongly,
    /// the first is exact (a borrow only runs upwards). Zero when there is none.
    @inline(__always)
    public static func jsonStringSpecials(_ word: UInt64) -> UInt64 {
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | word) & highs
    }

    /// Where the first byte marked in `marks` (from `jsonStringSpecials`, non-zero) lies in
    /// memory: 0…7. Little-endian only (`load` puts the first byte lowest).
    @inline(__always)
    public static func firstMarked(_ marks: UInt64) -> Int {
        #if _endian(little)
        marks.trailingZeroBitCount >> 3
        #else
        marks.leadingZeroBitCount >> 3  // not exact: big-endian callers scan byte by byte
        #endif
    }
}
