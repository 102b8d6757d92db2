import FoundationEssentials
import KroEngine

/// The `.kro-lsp.yaml` governing each checked file (the nearest one above it, or the one
/// named with `--config`), read once, with the analysis settings it yields merged under
/// the command line's.
final class ConfigurationCache: @unchecked Sendable {
    /// What the command line says; it wins over every configuration file.
    struct Overrides {
        var configPath: String?
        var crdPaths: [String] = []
        var severities: [String: RuleSeverity] = [:]
        var strictSchemas = false
        var warningsAsErrors = false
        var featureGates: [String: Bool] = [:]
        /// Operator kinds typed from the embedded CRD catalog (`--no-catalog` turns it off).
        var catalogEnabled = true
    }

    /// The settings one file is checked with (the severity policy is `options.policy`).
    struct Context: @unchecked Sendable {
        var options: AnalysisOptions
    }

    private let overrides: Overrides
    private let files = ProjectConfigurationCache()
    /// The embedded Kubernetes kinds and CRD catalog, loaded once for the run.
    private let bundle: SchemaStore
    private let catalog = BundledCatalog.load()
    private let lock = Lock()
    private var contexts: [String: Context] = [:]
    private var crdProblems: [String] = []

    init(overrides: Overrides, bundle: SchemaStore) {
        self.overrides = overrides
        self.bundle = bundle
    }

    /// Problems met so far (a malformed or unreadable configuration, an unreadable CRD):
    /// the run exits 2.
    var problems: [String] { files.all.flatMap(\.messages) + lock.withLock { crdProblems } }

    /// The configuration file for `file` (nil: stdin, searched from the working folder).
    func configurationPath(for file: String?) -> String? {
        if let path = overrides.configPath { return path }
        let directory = file.map { FilePaths.deletingLastComponent(absolute($0)) }
            ?? FileManager.default.currentDirectoryPath
        return files.path(governing: directory)
    }

    func configuration(at path: String) -> ProjectConfiguration { files.load(path).configuration }

    /// Whether a file found under a checked folder passes its configuration's globs.
    func selects(_ file: String) -> Bool {
        guard let path = configurationPath(for: file) else { return true }
        let config = configuration(at: path)
        let relative = Glob.Path(relativePath(absolute(file), to: config.directory))
        if config.exclude.contains(where: { $0.matches(relative) }) { return false }
        return config.include.isEmpty || config.include.contains { $0.matches(relative) }
    }

    /// The analysis settings for `file` (files under the same configuration share them,
    /// so its CRDs are loaded once). Call it for every file before checking in parallel.
    func context(for file: String?) -> Context {
        let key = configurationPath(for: file) ?? ""
        if let hit = lock.withLock({ contexts[key] }) { return hit }
        var options = AnalysisOptions(schemaStore: bundle)
        options.crdPaths = overrides.crdPaths
        if !key.isEmpty { options.adopt(files.load(key)) }
        // The command line wins over the file.
        options.policy.severities.merge(overrides.severities) { $1 }
        options.policy.strictSchemas = options.policy.strictSchemas || overrides.strictSchemas
        options.policy.warningsAsErrors = overrides.warningsAsErrors
        if let omit = overrides.featureGates[FeatureGates.omitFunction] { options.omitFunctionEnabled = omit }
        options.catalogEnabled = options.catalogEnabled && overrides.catalogEnabled
        let loaded = SchemaStore.loading(crdPaths: options.crdPaths, onto: bundle,
                                         catalog: options.catalogEnabled ? catalog : nil)
        options.schemaStore = loaded.store
        lock.withLock { crdProblems += loaded.problems }
        let context = Context(options: options)
        lock.withLock { contexts[key] = context }
        return context
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FilePaths.join(FileManager.default.currentDirectoryPath, path)
    }

    private func relativePath(_ path: String, to directory: String) -> String {
        let standardized = FilePaths.standardized(path)
        let base = FilePaths.standardized(directory) + "/"
        return standardized.hasPrefix(base) ? String(standardized.dropFirst(base.count)) : standardized
    }
}
