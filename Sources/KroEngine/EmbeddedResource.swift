import EmbeddedResources

/// Data files linked into the executable (Sources/EmbeddedResources), read without any
/// file system access, so a binary copied alone onto PATH still has them.
public enum EmbeddedResource {
    /// The bytes embedded under `name` (e.g. `kubernetes-schemas.json`) where they lie in
    /// the executable, or nil when it has no such blob. Read in place, not copied: a copy of
    /// the schema bundle was 0.65 MB of every run's heap, one of the CRD catalog 2.5 MB.
    public static func blob(named name: String) -> ByteBlob? {
        var length = 0
        guard let start = kro_embedded_resource(name, &length) else { return nil }
        return ByteBlob(embedded: UnsafeBufferPointer(start: start, count: length))
    }

    /// A copy of the bytes embedded under `name`, or nil when there is no such blob.
    public static func bytes(named name: String) -> [UInt8]? {
        blob(named: name)?.withBytes { Array($0) }
    }
}

/// Read-only bytes: a blob embedded in the executable (it lives as long as the process and
/// is never copied) or an array.
public struct ByteBlob: @unchecked Sendable {
    private enum Storage {
        case embedded(UnsafeBufferPointer<UInt8>)
        case array([UInt8])
    }
    private let storage: Storage

    fileprivate init(embedded: UnsafeBufferPointer<UInt8>) { storage = .embedded(embedded) }
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
