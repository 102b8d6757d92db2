import EmbeddedResources

/// Data files linked into the executable (Sources/EmbeddedResources), read without any
/// file system access, so a binary copied alone onto PATH still has them.
public enum EmbeddedResource {
    /// The bytes embedded under `name` (e.g. `kubernetes-schemas.json`), or nil when the
    /// executable has no such blob.
    public static func bytes(named name: String) -> [UInt8]? {
        var length = 0
        guard let start = kro_embedded_resource(name, &length) else { return nil }
        return Array(UnsafeBufferPointer(start: start, count: length))
    }
}
