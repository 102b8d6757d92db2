import KroEngine

/// The embedded Kubernetes schemas, parsed once for a whole test process (SchemaLoadingTests
/// checks the bundle itself).
public let bundledSchemaStore = (try? BundledSchemas.load().get()) ?? SchemaStore()

extension AnalysisOptions {
    /// Options over the bundled schemas only, as `--check --no-catalog` without `--crd`.
    public static var bundled: AnalysisOptions { AnalysisOptions(schemaStore: bundledSchemaStore) }
}
