import JSON

/// The Kubernetes schema bundle, embedded in the executable
/// (`scripts/update-k8s-schemas.sh` copies it from `../shared/k8s-schemas`).
public enum BundledSchemas {
    static let resourceName = "kubernetes-schemas.json"

    /// Parses the embedded bundle: the store, or why it could not be read. Callers load it
    /// once per configuration and pass the store in (`AnalysisOptions(schemaStore:)`); no
    /// global holds it. They must surface a failure loudly (the CLI exits 2, the server
    /// shows an error): without the bundle every built-in kind would silently be `dyn`.
    public static func load() -> Result<SchemaStore, BundleError> {
        load(EmbeddedResource.blob(named: resourceName))
    }

    public struct BundleError: Error, Sendable {
        public let message: String
    }

    /// Parses bundle bytes; a bundle without kinds counts as broken.
    static func load(_ bytes: [UInt8]?) -> Result<SchemaStore, BundleError> {
        load(bytes.map(ByteBlob.init))
    }

    static func load(_ bytes: ByteBlob?) -> Result<SchemaStore, BundleError> {
        guard let bytes else {
            return .failure(BundleError(message: "the Kubernetes schema bundle (\(resourceName)) is not embedded in this executable"))
        }
        do {
            let value = try bytes.withBytes { (buffer) throws(JSONParseError) in try JSONParser().parse(buffer) }
            guard let kinds = value["kinds"]?.objectValue, !kinds.isEmpty, value["definitions"]?.objectValue != nil else {
                return .failure(BundleError(message: "the embedded Kubernetes schema bundle has no kinds or definitions"))
            }
            return .success(SchemaStore(bundle: value))
        } catch {
            return .failure(BundleError(message: "the embedded Kubernetes schema bundle could not be read: \(error)"))
        }
    }
}
