/// kro's deterministic random library (cel.md §5.3), bit-exact with upstream.
public struct KroRandomLibrary: RuntimeLibrary {
    public init() {}

    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
    /// Longest string one call builds (upstream has no limit; we refuse to exhaust memory).
    static let maxLength: Int64 = 10_000_000

    /// `random.seededString(length, seed)`: character `i` is the big-endian uint32 at
    /// byte `(4i) mod 32` of SHA-256(seed), modulo 36 (the output repeats every 8).
    public static func seededString(length: Int64, seed: String) throws(LibraryError) -> String {
        guard length > 0 else { throw LibraryError("random.seededString length must be positive") }
        guard length <= maxLength else { throw LibraryError("random.seededString length \(length) exceeds the size limit") }
        let h = SHA256.hash(seed.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(Int(length))
        for i in 0..<Int(length) {
            let s = (4 * i) % 32
            let x = UInt32(h[s]) << 24 | UInt32(h[s + 1]) << 16 | UInt32(h[s + 2]) << 8 | UInt32(h[s + 3])
            out.append(alphabet[Int(x % 36)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `random.seededInt(min, max, seed)`: `min + (v mod (max − min))` with `v` the
    /// big-endian uint64 of the first 8 bytes of SHA-256(seed), in Go's wrapping int64
    /// arithmetic.
    public static func seededInt(min: Int64, max: Int64, seed: String) throws(LibraryError) -> Int64 {
        guard min < max else { throw LibraryError("random.seededInt min must be less than max") }
        let h = SHA256.hash(seed.utf8)
        var v: UInt64 = 0
        for b in h.prefix(8) { v = v << 8 | UInt64(b) }
        let range = UInt64(bitPattern: max &- min)
        return min &+ Int64(bitPattern: v % range)
    }

    public func register(into t: inout FunctionTable) {
        t.register("random.seededString", [Overload("random.seededString_int_string", [.int, .string]) { a in
            .string(try Self.seededString(length: a[0].asInt, seed: a[1].asString))
        }])
        t.register("random.seededInt", [Overload("random.seededInt_int_int_string", [.int, .int, .string]) { a in
            .int(try Self.seededInt(min: a[0].asInt, max: a[1].asInt, seed: a[2].asString))
        }])
    }
}
