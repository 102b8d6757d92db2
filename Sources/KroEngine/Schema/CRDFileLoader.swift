import FoundationEssentials
import JSON
import YAMLSyntax

/// Reads CRD files (YAML or JSON; `List` objects too) from the paths a user names —
/// files, or directories searched recursively for `*.yaml`, `*.yml`, `*.json`.
public enum CRDFileLoader {
    public struct Result: Sendable {
        public var kinds: [KindSchema] = []
        /// Unreadable paths and files, one readable sentence each.
        public var problems: [String] = []
    }

    public static func load(paths: [String]) -> Result {
        var result = Result()
        for path in paths {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.problems.append("\(path): no such file or directory")
                continue
            }
            let files = isDirectory ? schemaFiles(under: path) : [path]
            for file in files { load(file: file, into: &result) }
        }
        return result
    }

    static func schemaFiles(under directory: String) -> [String] {
        FilePaths.entries(under: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .map { FilePaths.join(directory, $0) }
            .filter { !FilePaths.isSpecialFile($0) }
            .sorted()
    }

    static func load(file: String, into result: inout Result) {
        let bytes: [UInt8]
        switch FileBytes.read(file) {
        case .success(let read): bytes = read
        case .failure(let failure):
            result.problems.append(failure.message(file))
            return
        }
        // JSON (a file opening with `{`) is read as JSON: no YAML tree is built beside the
        // value (a CRD of a million properties peaked at 358 MB, 2.5 s that way). What the
        // JSON reader refuses is read as YAML, which says where.
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{"),
           let root = try? JSONParser.parse(bytes) {
            add(root, from: file, into: &result)
            return
        }
        let yaml = YAMLParser.parse(SourceText(bytes: bytes))
        if let error = yaml.errors.first {
            let position = yaml.source.position(of: error.range.start, encoding: .unicodeScalars)
            result.problems.append("\(file):\(position.line + 1):\(position.column + 1): \(error.message)")
        }
        for document in yaml.documents {
            guard let root = document.root?.jsonValue else { continue }
            add(root, from: file, into: &result)
        }
    }

    /// The kinds of one CRD, or of each in a `List`.
    private static func add(_ root: JSONValue, from file: String, into result: inout Result) {
        let objects = root["kind"]?.stringValue == "List" ? (root["items"]?.arrayValue ?? []) : [root]
        for object in objects { result.kinds += CRDSchemas.kinds(in: object, path: file) }
    }
}

extension SchemaStore {
    /// `base` (the bundled Kubernetes kinds) plus the CRDs under `crdPaths`, then
    /// `catalog` (the embedded CRD catalog) when given.
    public static func loading(crdPaths: [String], onto base: SchemaStore,
                               catalog: CRDCatalog? = nil) -> (store: SchemaStore, problems: [String]) {
        let crds = CRDFileLoader.load(paths: crdPaths)
        let store = base.adding(crdKinds: crds.kinds)
        return (catalog.map { store.with(catalog: $0) } ?? store, crds.problems)
    }
}
