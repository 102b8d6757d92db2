/// The CRD catalog embedded in the executable (`scripts/update-crd-catalog.py` writes it;
/// CRD-CATALOG-NOTICE.md names its sources). Nothing is read before the first lookup.
public enum BundledCatalog {
    static let resourceName = "crd-catalog.bin"

    /// A catalog over the embedded bytes. Callers make one per process or run and pass it
    /// in (`SchemaStore.with(catalog:)`), so each API group is inflated at most once.
    public static func load() -> CRDCatalog { CRDCatalog(blob: EmbeddedResource.blob(named: resourceName)) }
}
