import KroEngine

/// The schemas analyses are typed against: the embedded Kubernetes bundle and CRD catalog,
/// loaded once for the server's life, and the stores for the CRD path lists in use (the
/// editor's `kro.crdPaths`, plus the `crds` of each `.kro-lsp.yaml`), each loaded once and
/// reused until the configuration or a watched CRD file changes. Loading runs in analysis
/// tasks, not on the reader.
final class SchemaCache: @unchecked Sendable {
    private struct Key: Hashable {
        var paths: [String]
        var catalog: Bool
    }
    private let lock = Lock()
    private var stores: [Key: SchemaStore] = [:]
    /// The keys of `stores`, least recently used first: past `maxStores`, the first goes.
    /// Each configuration change, or each project's `.kro-lsp.yaml`, may name other CRD
    /// folders, and a store of large CRDs holds hundreds of megabytes.
    private var recent: [Key] = []
    static let maxStores = 8
    private var bundled: Result<SchemaStore, BundledSchemas.BundleError>?
    /// One catalog per server, so each API group is inflated at most once.
    private let catalog = BundledCatalog.load()

    /// The embedded Kubernetes bundle, parsed on first use.
    func bundle() -> Result<SchemaStore, BundledSchemas.BundleError> {
        lock.withLock {
            if let bundled { return bundled }
            let loaded = BundledSchemas.load()
            bundled = loaded
            return loaded
        }
    }

    /// The bundled kinds alone (empty when the bundle is broken: `bundleProblem` says so).
    var bundledStore: SchemaStore { (try? bundle().get()) ?? SchemaStore() }

    /// Why the bundle could not be loaded, if it could not.
    var bundleProblem: String? {
        if case .failure(let error) = bundle() { return error.message }
        return nil
    }

    /// The store for `crdPaths` (then the CRD catalog when `catalog`); `report` receives
    /// load problems (unreadable files…).
    func store(for crdPaths: [String], catalog: Bool, report: (String) -> Void) -> SchemaStore {
        let key = Key(paths: crdPaths, catalog: catalog)
        if let hit = lock.withLock({ () -> SchemaStore? in
            guard let hit = stores[key] else { return nil }
            used(key)
            return hit
        }) { return hit }
        let loaded = SchemaStore.loading(crdPaths: crdPaths, onto: bundledStore, catalog: catalog ? self.catalog : nil)
        loaded.problems.forEach(report)
        lock.withLock {
            stores[key] = loaded.store
            used(key)
            while recent.count > Self.maxStores { stores[recent.removeFirst()] = nil }
        }
        return loaded.store
    }

    /// Marks `key` the most recently used (under the lock).
    private func used(_ key: Key) {
        recent.removeAll { $0 == key }
        recent.append(key)
    }

    /// How many stores are kept (for tests).
    var storeCount: Int { lock.withLock { stores.count } }

    /// The CRD files and folders the loaded stores read.
    func usedPaths() -> CRDPathSet { CRDPathSet(lock.withLock { stores.keys.flatMap(\.paths) }) }

    func invalidate() { lock.withLock { (stores, recent) = ([:], []) } }
}
