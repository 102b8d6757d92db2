/// FNV-1a 64-bit, used by `hash.fnv64a`.
public enum FNV1a64 {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func value<Bytes: Sequence>(_ message: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h = offsetBasis
        for byte in message {
            h ^= UInt64(byte)
            h = h &* prime
        }
        return h
    }

    /// The hash as 8 bytes, big-endian (Go's `hash.Sum(nil)`).
    public static func hash<Bytes: Sequence>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        let h = value(message)
        return (0..<8).map { UInt8(truncatingIfNeeded: h >> (56 - 8 * UInt64($0))) }
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits per byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xf)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
