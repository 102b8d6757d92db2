import KroEngine

/// Loads the CRDs named with `--crd` into the analysis options, printing each problem.
enum CRDOptions {
    /// Returns false when the schemas could not be loaded (the caller exits 2): a `--crd`
    /// path that cannot be read, or a broken embedded Kubernetes bundle, which would
    /// otherwise let every type error in a built-in kind pass silently.
    static func load(_ paths: [String], into options: inout AnalysisOptions) -> Bool {
        options.crdPaths = paths
        guard !paths.isEmpty else {
            if let problem = BundledSchemas.loadProblem {
                CheckOutput.printError(problem)
                return false
            }
            if options.catalogEnabled { options.schemaStore = BundledSchemas.store.with(catalog: BundledCatalog.shared) }
            return true
        }
        let loaded = SchemaStore.loading(crdPaths: paths, catalog: options.catalogEnabled)
        options.schemaStore = loaded.store
        for problem in loaded.problems { CheckOutput.printError(problem) }
        return loaded.problems.isEmpty
    }
}
