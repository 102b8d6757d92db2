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
