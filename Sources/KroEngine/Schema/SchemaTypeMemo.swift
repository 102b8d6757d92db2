import CEL

/// What a `SchemaTypeProvider` has already worked out, by type name (absent results
/// included, as `.some(nil)`). One per provider, so per analysis: never global.
final class SchemaTypeMemo: @unchecked Sendable {
    private let lock = Lock()
    // Read and written under `lock` only, which keeps accesses apart: no runtime
    // exclusivity tracking on top (`@exclusivity(unchecked)`).
    @exclusivity(unchecked) private var schemas: [String: OpenAPISchema?] = [:]
    @exclusivity(unchecked) private var objectTypes: [String: ObjectTypeDescription?] = [:]
    @exclusivity(unchecked) private var expectedTypes: [ExpectedTypeKey: CELType] = [:]

    func schema(_ name: String) -> OpenAPISchema?? { lock.withLock { schemas[name] } }
    func setSchema(_ schema: OpenAPISchema?, for name: String) { lock.withLock { schemas[name] = .some(schema) } }
    func objectType(_ name: String) -> ObjectTypeDescription?? { lock.withLock { objectTypes[name] } }
    func setObjectType(_ type: ObjectTypeDescription?, for name: String) {
        lock.withLock { objectTypes[name] = .some(type) }
    }
    func expectedType(_ key: ExpectedTypeKey) -> CELType? { lock.withLock { expectedTypes[key] } }
    func setExpectedType(_ type: CELType, for key: ExpectedTypeKey) { lock.withLock { expectedTypes[key] = type } }
}

/// A template field's place for `SchemaTypeProvider.expectedType`: the root type name and
/// the path, list indices all 0 (the type does not depend on them).
struct ExpectedTypeKey: Hashable {
    var root: String
    var path: [SchemaPathSegment]
}
