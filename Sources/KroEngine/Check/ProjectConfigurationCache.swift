import YAMLSyntax

/// A `.kro-lsp.yaml` as read from disk, with what is wrong in it.
public struct LoadedProjectConfiguration: Sendable {
    public var path: String
    public var configuration: ProjectConfiguration
    /// The file's text (positions of `problems`).
    public var source: SourceText
    public var problems: [ProjectConfiguration.Problem]
    /// Why the file was not read (nil when it was).
    public var failure: FileBytes.Failure?
    public var isReadable: Bool { failure == nil }
    /// The file's `crds` as absolute paths, globs expanded when the file was read (so an
    /// analysis does not walk the folder tree again).
    public var crdPaths: [String]

    /// One line per problem: `PATH:LINE:COLUMN: message` (or `PATH: cannot be read`).
    public var messages: [String] {
        if let failure { return [failure.message(path)] }
        return problems.map { "\(path):\($0.description(in: source))" }
    }
}

/// Which `.kro-lsp.yaml` governs a folder and what it says, read once until `invalidate()`
/// (the server calls it when a configuration file changes). Shared by `--check` and the
/// server; safe to use from several threads.
public final class ProjectConfigurationCache: @unchecked Sendable {
    private let lock = Lock()
    private var nearest: [String: String?] = [:]
    private var loaded: [String: LoadedProjectConfiguration] = [:]

    public init() {}

    /// The nearest configuration file in `directory` or a folder above it.
    public func path(governing directory: String) -> String? {
        if let hit = lock.withLock({ nearest[directory] }) { return hit }
        let found = ProjectConfigurationLoader.find(from: directory)
        lock.withLock { nearest[directory] = found }
        return found
    }

    public func load(_ path: String) -> LoadedProjectConfiguration {
        if let hit = lock.withLock({ loaded[path] }) { return hit }
        let read = ProjectConfigurationLoader.load(path)
        return lock.withLock {
            if let raced = loaded[path] { return raced }
            loaded[path] = read
            return read
        }
    }

    /// Every configuration read so far, sorted by path.
    public var all: [LoadedProjectConfiguration] {
        lock.withLock { loaded.values.sorted { $0.path < $1.path } }
    }

    public func invalidate() {
        lock.withLock {
            nearest = [:]
            loaded = [:]
        }
    }
}
