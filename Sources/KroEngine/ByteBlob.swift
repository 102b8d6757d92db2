/// Read-only bytes: a blob embedded in the executable (it lives as long as the process and
/// is never copied) or an array.
public struct ByteBlob: @unchecked Sendable {
    private enum Storage {
        case embedded(UnsafeBufferPointer<UInt8>)
        case array([UInt8])
    }
    private let storage: Storage

    /// Bytes that live as long as the process (an embedded blob): read in place.
    init(embedded: UnsafeBufferPointer<UInt8>) { storage = .embedded(embedded) }
    public init(_ bytes: [UInt8]) { storage = .array(bytes) }

    public var count: Int {
        switch storage {
        case .embedded(let buffer): buffer.count
        case .array(let bytes): bytes.count
        }
    }

    public func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .embedded(let buffer): return try body(buffer)
        case .array(let bytes): return try bytes.withUnsafeBufferPointer(body)
        }
    }
}
