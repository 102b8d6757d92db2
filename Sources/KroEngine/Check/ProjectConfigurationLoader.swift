import FoundationEssentials
import YAMLSyntax

/// Finds and reads `.kro-lsp.yaml` files (the file-system side of `ProjectConfiguration`).
public enum ProjectConfigurationLoader {
    /// Folders never searched for files to check or CRDs.
    public static let skippedFolders: Set<String> = [".git", "node_modules", "vendor"]

    /// The nearest `.kro-lsp.yaml` in `directory` or a folder above it.
    public static func find(from directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(ProjectConfiguration.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Reads one configuration file.
    public static func load(_ path: String) -> LoadedProjectConfiguration {
        let directory = FilePaths.deletingLastComponent(path)
        let source: SourceText
        switch FileBytes.read(path) {
        case .success(let bytes): source = SourceText(bytes: bytes)
        case .failure(let failure):
            return LoadedProjectConfiguration(path: path, configuration: ProjectConfiguration(directory: directory),
                                              source: SourceText(""), problems: [], failure: failure, crdPaths: [])
        }
        let (config, problems) = ProjectConfiguration.parse(source, directory: directory)
        return LoadedProjectConfiguration(path: path, configuration: config, source: source, problems: problems,
                                          failure: nil, crdPaths: crdPaths(of: config))
    }

    /// The configuration's `crds` as absolute paths: plain entries are joined to the
    /// configuration's folder, globs are expanded under it (sorted).
    public static func crdPaths(of config: ProjectConfiguration) -> [String] {
        var paths: [String] = []
        // The folder is walked once for all the globs.
        var walked: [(relative: String, path: Glob.Path)]?
        for entry in config.crds {
            if entry.contains(where: { "*?[".contains($0) }) {
                let glob = Glob(entry)
                let found = walked ?? files(under: config.directory).map { ($0, Glob.Path($0)) }
                walked = found
                paths += found.filter { glob.matches($0.path) }.map { FilePaths.join(config.directory, $0.relative) }
            } else {
                paths.append(entry.hasPrefix("/") ? entry : FilePaths.join(config.directory, entry))
            }
        }
        return paths
    }

    /// Files under `directory` as sorted relative paths, skipping `skippedFolders` and what
    /// is neither a file nor a folder (devices, pipes, sockets, or links to them).
    public static func files(under directory: String) -> [String] {
        var found: [String] = []
        let entries = FilePaths.entries(under: directory) { !skippedFolders.contains(FilePaths.lastComponent($0)) }
        for relative in entries {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: FilePaths.join(directory, relative), isDirectory: &isDirectory)
            if exists, isDirectory { continue }
            if FilePaths.isSpecialFile(FilePaths.join(directory, relative)) { continue }
            found.append(relative)
        }
        return found.sorted()
    }
}
