import Foundation
import KroEngine

/// The schema store for the configured CRD paths, loaded once and reused until the
/// configuration or a watched CRD file changes. Loading runs in analysis tasks, not on
/// the reader.
final class SchemaCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: (paths: [String], catalog: Bool, store: SchemaStore)?

    /// The store for `crdPaths` (then the CRD catalog when `catalog`); `report` receives
    /// load problems (unreadable files…).
    func store(for crdPaths: [String], catalog: Bool, report: (String) -> Void) -> SchemaStore {
        if crdPaths.isEmpty { return catalog ? BundledSchemas.store.with(catalog: BundledCatalog.shared) : BundledSchemas.store }
        if let hit = lock.withLock({ cached }), hit.paths == crdPaths, hit.catalog == catalog { return hit.store }
        let loaded = SchemaStore.loading(crdPaths: crdPaths, catalog: catalog)
        loaded.problems.forEach(report)
        lock.withLock { cached = (crdPaths, catalog, loaded.store) }
        return loaded.store
    }

    func invalidate() { lock.withLock { cached = nil } }
}
