import KroEngine

/// Loads the CRDs named with `--crd` into the analysis options, printing each problem.
enum CRDOptions {
    /// Returns false when a path could not be loaded (the caller exits 2).
    static func load(_ paths: [String], into options: inout AnalysisOptions) -> Bool {
        options.crdPaths = paths
        guard !paths.isEmpty else { return true }
        let loaded = SchemaStore.loading(crdPaths: paths)
        options.schemaStore = loaded.store
        for problem in loaded.problems { CheckOutput.printError(problem) }
        return loaded.problems.isEmpty
    }
}
