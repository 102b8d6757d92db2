import Foundation
import KroEngine

/// The schema store for the configured CRD paths, loaded once and reused until the
/// configuration or a watched CRD file changes. Loading runs in analysis tasks, not on
/// the reader.
final class SchemaCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: (paths: [String], store: SchemaStore)?

    /// The store for `crdPaths`; `report` receives load problems (unreadable files…).
    func store(for crdPaths: [String], report: (String) -> Void) -> SchemaStore {
        if crdPaths.isEmpty { return BundledSchemas.store }
        if let hit = lock.withLock({ cached }), hit.paths == crdPaths { return hit.store }
        let loaded = SchemaStore.loading(crdPaths: crdPaths)
        loaded.problems.forEach(report)
        lock.withLock { cached = (crdPaths, loaded.store) }
        return loaded.store
    }

    func invalidate() { lock.withLock { cached = nil } }
}
