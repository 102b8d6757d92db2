import Foundation
import KroEngine

/// The schema stores for the CRD path lists in use (the editor's `kro.crdPaths`, plus the
/// `crds` of each `.kro-lsp.yaml`), each loaded once and reused until the configuration
/// or a watched CRD file changes. Loading runs in analysis tasks, not on the reader.
final class SchemaCache: @unchecked Sendable {
    private struct Key: Hashable {
        var paths: [String]
        var catalog: Bool
    }
    private let lock = NSLock()
    private var stores: [Key: SchemaStore] = [:]

    /// The store for `crdPaths` (then the CRD catalog when `catalog`); `report` receives
    /// load problems (unreadable files…).
    func store(for crdPaths: [String], catalog: Bool, report: (String) -> Void) -> SchemaStore {
        if crdPaths.isEmpty { return catalog ? BundledSchemas.store.with(catalog: BundledCatalog.shared) : BundledSchemas.store }
        let key = Key(paths: crdPaths, catalog: catalog)
        if let hit = lock.withLock({ stores[key] }) { return hit }
        let loaded = SchemaStore.loading(crdPaths: crdPaths, catalog: catalog)
        loaded.problems.forEach(report)
        lock.withLock { stores[key] = loaded.store }
        return loaded.store
    }

    /// Whether a loaded store read `path` (one of its CRD files or a folder above it).
    func uses(_ path: String) -> Bool {
        let lists = lock.withLock { stores.keys.map(\.paths) }
        return lists.contains { $0.contains { crd in path == crd || path.hasPrefix(crd.hasSuffix("/") ? crd : crd + "/") } }
    }

    func invalidate() { lock.withLock { stores = [:] } }
}
