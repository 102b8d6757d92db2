import KroEngine

/// The schemas of one run — the embedded Kubernetes bundle, the CRDs named with `--crd`,
/// the embedded CRD catalog — loaded once and handed to the analysis, each problem printed.
enum CRDOptions {
    /// The embedded Kubernetes bundle, or nil after printing why it is broken (the caller
    /// exits 2: without it every type error in a built-in kind would pass silently).
    static func bundle() -> SchemaStore? {
        switch BundledSchemas.load() {
        case .success(let store): return store
        case .failure(let error):
            CheckOutput.printError(error.message)
            return nil
        }
    }

    /// nil when the schemas could not be loaded (the caller exits 2): a broken bundle or a
    /// `--crd` path that cannot be read.
    static func load(_ paths: [String], catalog: Bool = true) -> AnalysisOptions? {
        guard let bundled = bundle() else { return nil }
        let loaded = SchemaStore.loading(crdPaths: paths, onto: bundled, catalog: catalog ? BundledCatalog.load() : nil)
        for problem in loaded.problems { CheckOutput.printError(problem) }
        guard loaded.problems.isEmpty else { return nil }
        var options = AnalysisOptions(schemaStore: loaded.store)
        options.crdPaths = paths
        options.catalogEnabled = catalog
        return options
    }
}
