import Foundation
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

    /// The settings one file is checked with.
    struct Context: @unchecked Sendable {
        var options: AnalysisOptions
        var policy: DiagnosticPolicy
    }

    private let overrides: Overrides
    private let lock = NSLock()
    private var configurations: [String: ProjectConfiguration] = [:]
    private var contexts: [String: Context] = [:]
    private var nearest: [String: String?] = [:]
    private var problemList: [String] = []

    init(overrides: Overrides) { self.overrides = overrides }

    /// Problems met so far (an unreadable configuration or CRD): the run exits 2.
    var problems: [String] { lock.withLock { problemList } }

    /// The configuration file for `file` (nil: stdin, searched from the working folder).
    func configurationPath(for file: String?) -> String? {
        if let path = overrides.configPath { return path }
        let directory = file.map { (absolute($0) as NSString).deletingLastPathComponent }
            ?? FileManager.default.currentDirectoryPath
        if let hit = lock.withLock({ nearest[directory] }) { return hit }
        let found = ProjectConfigurationLoader.find(from: directory)
        lock.withLock { nearest[directory] = found }
        return found
    }

    func configuration(at path: String) -> ProjectConfiguration {
        if let hit = lock.withLock({ configurations[path] }) { return hit }
        let (config, problems) = ProjectConfigurationLoader.load(path)
        lock.withLock {
            if configurations[path] == nil { problemList += problems }
            configurations[path] = config
        }
        return config
    }

    /// Whether a file found under a checked folder passes its configuration's globs.
    func selects(_ file: String) -> Bool {
        guard let path = configurationPath(for: file) else { return true }
        let config = configuration(at: path)
        let relative = relativePath(absolute(file), to: config.directory)
        if config.exclude.contains(where: { $0.matches(relative) }) { return false }
        return config.include.isEmpty || config.include.contains { $0.matches(relative) }
    }

    /// The analysis settings for `file` (files under the same configuration share them,
    /// so its CRDs are loaded once). Call it for every file before checking in parallel.
    func context(for file: String?) -> Context {
        let key = configurationPath(for: file) ?? ""
        if let hit = lock.withLock({ contexts[key] }) { return hit }
        let config = key.isEmpty ? nil : configuration(at: key)
        var options = AnalysisOptions()
        var policy = DiagnosticPolicy()
        var gates: [String: Bool] = [:]
        var crdPaths = overrides.crdPaths
        if let config {
            crdPaths = ProjectConfigurationLoader.crdPaths(of: config) + crdPaths
            policy.severities = config.severities
            policy.strictSchemas = config.strictSchemas ?? false
            gates = config.featureGates
        }
        policy.severities.merge(overrides.severities) { $1 }
        policy.strictSchemas = policy.strictSchemas || overrides.strictSchemas
        policy.warningsAsErrors = overrides.warningsAsErrors
        gates.merge(overrides.featureGates) { $1 }
        options.omitFunctionEnabled = gates[FeatureGates.omitFunction] ?? false
        options.crdPaths = crdPaths
        options.catalogEnabled = overrides.catalogEnabled
        if crdPaths.isEmpty {
            if options.catalogEnabled { options.schemaStore = BundledSchemas.store.with(catalog: BundledCatalog.shared) }
        } else {
            let loaded = SchemaStore.loading(crdPaths: crdPaths, catalog: options.catalogEnabled)
            options.schemaStore = loaded.store
            lock.withLock { problemList += loaded.problems }
        }
        let context = Context(options: options, policy: policy)
        lock.withLock { contexts[key] = context }
        return context
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    private func relativePath(_ path: String, to directory: String) -> String {
        let standardized = (path as NSString).standardizingPath
        let base = ((directory as NSString).standardizingPath as String) + "/"
        return standardized.hasPrefix(base) ? String(standardized.dropFirst(base.count)) : standardized
    }
}

/// kro's feature gates that change what an RGD may contain (`--feature-gates`, `featureGates:`).
enum FeatureGates {
    static let omitFunction = "CELOmitFunction"
    static let known = [omitFunction]
}
