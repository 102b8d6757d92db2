import CEL
import Foundation

/// What a `SchemaTypeProvider` has already worked out, by type name (absent results
/// included, as `.some(nil)`). One per provider, so per analysis: never global.
final class SchemaTypeMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var schemas: [String: OpenAPISchema?] = [:]
    private var objectTypes: [String: ObjectTypeDescription?] = [:]

    func schema(_ name: String) -> OpenAPISchema?? { lock.withLock { schemas[name] } }
    func setSchema(_ schema: OpenAPISchema?, for name: String) { lock.withLock { schemas[name] = .some(schema) } }
    func objectType(_ name: String) -> ObjectTypeDescription?? { lock.withLock { objectTypes[name] } }
    func setObjectType(_ type: ObjectTypeDescription?, for name: String) {
        lock.withLock { objectTypes[name] = .some(type) }
    }
}
