import CZlib

/// zlib streams (RFC 1950), as the CRD catalog stores its groups.
enum Zlib {
    /// The inflated bytes of one zlib stream whose inflated length is `size`; nil when the
    /// stream is damaged or does not inflate to exactly `size` bytes.
    static func inflate(_ stream: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard size >= 0, let base = stream.baseAddress else { return nil }
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var length = uLongf(size)
        let status = output.withUnsafeMutableBufferPointer { out in
            uncompress(out.baseAddress, &length, base.assumingMemoryBound(to: Bytef.self), uLong(stream.count))
        }
        guard status == Z_OK, Int(length) == size else { return nil }
        return Array(output.prefix(size))
    }
}
