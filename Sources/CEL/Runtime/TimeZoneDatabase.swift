import EmbeddedResources

/// The IANA time zones linked into the executable (`tzdata.bin`, made by
/// scripts/tzdata-blob.py from the tzdata package): what Go's `time.LoadLocation` reads
/// for kro, so zone names mean the same on every machine, without ICU.
enum TimeZoneDatabase {
    /// The tzdata release the blob was made from (e.g. `2025b`).
    static var version: String { index?.version ?? "" }

    /// Every zone name, in byte order.
    static var names: [String] { index.map { $0.zones.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } } ?? [] }

    /// The zone called exactly `name` (names are case-sensitive, as zoneinfo file names are).
    static func zone(named name: String) -> TZifZone? {
        guard let index, let block = index.zones[name] else { return nil }
        return TZifZone(block)
    }

    private struct Index {
        var version: String
        var zones: [String: ArraySlice<UInt8>]
    }

    /// Read once; the blob is immutable for the life of the process.
    private static let index: Index? = {
        var length = 0
        guard let start = kro_embedded_resource("tzdata.bin", &length) else { return nil }
        return parse(Array(UnsafeBufferPointer(start: start, count: length)))
    }()

    /// The layout scripts/tzdata-blob.py writes; nil if the bytes are not that.
    private static func parse(_ bytes: [UInt8]) -> Index? {
        var reader = ByteReader(bytes)
        guard reader.take(7).map(Array.init) == Array("KROTZ1\n".utf8),
              let versionLength = reader.take(1)?.first, let version = reader.take(Int(versionLength)),
              let zoneCount = reader.littleEndian(4), let blockCount = reader.littleEndian(4) else { return nil }
        var names: [(String, Int)] = []
        for _ in 0..<zoneCount {
            guard let length = reader.littleEndian(2), let name = reader.take(length),
                  let block = reader.littleEndian(4) else { return nil }
            names.append((String(decoding: name, as: UTF8.self), block))
        }
        var blocks: [ArraySlice<UInt8>] = []
        for _ in 0..<blockCount {
            guard let length = reader.littleEndian(4), let block = reader.take(length) else { return nil }
            blocks.append(block)
        }
        var zones: [String: ArraySlice<UInt8>] = [:]
        for (name, block) in names {
            guard block < blocks.count else { return nil }
            zones[name] = blocks[block]
        }
        return Index(version: String(decoding: version, as: UTF8.self), zones: zones)
    }
}

/// Reads a byte array front to back; every read is nil past its end.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8]) { self.bytes = bytes; self.position = 0 }
    init(_ slice: ArraySlice<UInt8>) { self.init(Array(slice)) }

    var remaining: ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= bytes.count - position else { return nil }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func littleEndian(_ width: Int) -> Int? {
        take(width).map { $0.reversed().reduce(0) { $0 << 8 | Int($1) } }
    }

    /// A big-endian two's-complement integer of `width` bytes (TZif's integers).
    mutating func bigEndianSigned(_ width: Int) -> Int64? {
        guard let bytes = take(width) else { return nil }
        let unsigned = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let shift = UInt64(64 - 8 * width)
        return Int64(bitPattern: unsigned << shift) >> Int64(shift)
    }
}
