import Testing
@testable import LanguageServer

/// The server keeps the schema stores of the last `SchemaCache.maxStores` CRD path lists
/// used: a store of large CRDs holds hundreds of megabytes, and each configuration change or
/// project may name other folders. A list used again is read from the cache (no load, so no
/// load problem reported again); one that was let go is loaded again.
@Suite struct SchemaCacheTests {
    @Test func onlyTheMostRecentlyUsedStoresAreKept() {
        let cache = SchemaCache()
        var loads = 0
        func store(_ i: Int) { _ = cache.store(for: ["/nonexistent/crds-\(i)"], catalog: false) { _ in loads += 1 } }
        for i in 0..<SchemaCache.maxStores { store(i) }
        #expect(loads == SchemaCache.maxStores && cache.storeCount == SchemaCache.maxStores)
        store(0)  // used again: now the most recent
        #expect(loads == SchemaCache.maxStores)
        store(100)  // one more: the least recently used (1) goes
        #expect(cache.storeCount == SchemaCache.maxStores && loads == SchemaCache.maxStores + 1)
        store(0)
        #expect(loads == SchemaCache.maxStores + 1, "kept")
        store(1)
        #expect(loads == SchemaCache.maxStores + 2, "loaded again")
        cache.invalidate()
        #expect(cache.storeCount == 0)
    }
}
