import FoundationEssentials
import JSON
import KroEngine

/// The `kro` settings a client sends (initializationOptions, didChangeConfiguration,
/// workspace/configuration). Unknown keys are ignored; wrong types keep the old value.
struct Configuration: Sendable, Equatable {
    var crdPaths: [String] = []
    var omitFunction = false
    /// Type operator kinds from the built-in CRD catalog (`kro.catalog`).
    var catalog = true
    /// Delay before analysing a changed document, so rapid edits coalesce.
    var analysisDelayMilliseconds = 30
    /// Base of the `codeDescription` links (`<base>#kro001`).
    var diagnosticsDocumentationURL = Configuration.defaultDiagnosticsDocumentationURL
    /// Inlay hints with the CEL type of standalone expressions (`kro.inlayHints`).
    var inlayHints = true

    /// The catalogue doc in the repository; the one place that names it.
    static let defaultDiagnosticsDocumentationURL = "https://github.com/kro-run/kro-lsp/blob/main/docs/diagnostics.md"

    /// Reads a settings object, either `{ "kro": {...} }` or the `kro` section itself; the
    /// problems found, for the user (`crdPaths` is read up to the `.kro-lsp.yaml` lists'
    /// limit: each path is resolved and hashed on every analysis).
    @discardableResult
    mutating func update(from settings: JSONValue?) -> [String] {
        guard let settings, settings != .null else { return [] }
        var problems: [String] = []
        let section = settings["kro"] ?? settings
        if let paths = section["crdPaths"]?.arrayValue {
            let limit = ProjectConfiguration.maxListEntries
            if paths.count > limit {
                problems.append("kro.crdPaths: more than \(limit) entries, kro-lsp's limit; the entries from here on are not read")
            }
            crdPaths = paths.prefix(limit).compactMap(\.stringValue)
        }
        if let omit = section["omitFunction"]?.boolValue { omitFunction = omit }
        if let catalog = section["catalog"]?.boolValue { self.catalog = catalog }
        if let delay = section["analysisDelayMs"]?.intValue, delay >= 0 { analysisDelayMilliseconds = min(delay, 60_000) }
        if let url = section["diagnosticsDocumentationURL"]?.stringValue, !url.isEmpty { diagnosticsDocumentationURL = url }
        if let hints = section["inlayHints"]?.boolValue { inlayHints = hints }
        return problems
    }

    /// The CRD paths, relative ones resolved against the workspace root.
    func resolvedCRDPaths(root: String?) -> [String] {
        crdPaths.map { path in
            guard !path.hasPrefix("/"), let root else { return path }
            return URL(fileURLWithPath: root).appendingPathComponent(path).path
        }
    }

    /// The engine's limits in the editor: a file keeps the findings it can show
    /// (`DiagnosticsConversion.maxPublished`), not the 10,000 `--check` reports. 200 open
    /// RGDs of 10,000 findings each kept 790 MB.
    static let analysisLimits = AnalysisLimits(
        maxFindings: DiagnosticsConversion.maxPublished,
        moreFindingsHint: "kro-lsp --check reports up to \(AnalysisLimits().maxFindings)")

    /// Engine options over `store` (the schemas of `resolvedCRDPaths`, loaded by the caller).
    func analysisOptions(root: String?, store: SchemaStore) -> AnalysisOptions {
        var options = AnalysisOptions(schemaStore: store)
        options.limits = Self.analysisLimits
        options.crdPaths = resolvedCRDPaths(root: root)
        options.omitFunctionEnabled = omitFunction
        options.catalogEnabled = catalog
        return options
    }

    /// The configured CRD files and folders, to match watched files against.
    func crdFiles(root: String?) -> CRDPathSet { CRDPathSet(resolvedCRDPaths(root: root)) }
}

/// A `file://` URI's path (percent-decoded), nil for other schemes.
func filePath(fromURI uri: String) -> String? {
    guard let url = URL(string: uri), url.isFileURL else { return nil }
    return url.path
}
