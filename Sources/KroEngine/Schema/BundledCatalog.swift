/// The CRD catalog embedded in the executable (`scripts/update-crd-catalog.py` writes it;
/// CRD-CATALOG-NOTICE.md names its sources). Nothing is read before the first lookup.
public enum BundledCatalog {
    static let resourceName = "crd-catalog.bin"

    /// One instance per process, so each API group is inflated at most once.
    public static let shared = CRDCatalog { EmbeddedResource.bytes(named: resourceName) }
}
