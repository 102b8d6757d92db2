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
            // Checked whole; the kinds parsed, the definitions left in the bytes until used.
            let store = try bytes.withBytes { (buffer) throws(JSONParseError) -> SchemaStore? in
                let parser = JSONParser()
                let members = try parser.members(buffer)
                func member(_ key: String) -> UnsafeBufferPointer<UInt8>? {
                    members.last { $0.key == key }.map { UnsafeBufferPointer(rebasing: buffer[$0.value]) }
                }
                guard let kindsBytes = member("kinds"), let kinds = try parser.parse(kindsBytes).objectValue, !kinds.isEmpty,
                      let definitionBytes = member("definitions"), definitionBytes.first == UInt8(ascii: "{")
                else { return nil }
                let offset = definitionBytes.baseAddress! - buffer.baseAddress!
                var ranges: [String: Range<Int>] = [:]
                for (name, range) in try parser.members(definitionBytes) {
                    ranges[name] = (offset + range.lowerBound)..<(offset + range.upperBound)
                }
                return SchemaStore(bundleBytes: bytes, definitionRanges: ranges, kinds: kinds.compactMapValues(\.stringValue),
                                   kubernetesVersion: try member("kubernetesVersion").map(parser.parse)?.stringValue)
            }
            guard let store else {
                return .failure(BundleError(message: "the embedded Kubernetes schema bundle has no kinds or definitions"))
            }
            return .success(store)
        } catch {
            return .failure(BundleError(message: "the embedded Kubernetes schema bundle could not be read: \(error)"))
        }
    }
}
