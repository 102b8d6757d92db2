import Foundation
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
        let directory = (path as NSString).deletingLastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadedProjectConfiguration(path: path, configuration: ProjectConfiguration(directory: directory),
                                              source: SourceText(""), problems: [], isReadable: false, crdPaths: [])
        }
        let source = SourceText(bytes: [UInt8](data))
        let (config, problems) = ProjectConfiguration.parse(source, directory: directory)
        return LoadedProjectConfiguration(path: path, configuration: config, source: source, problems: problems,
                                          isReadable: true, crdPaths: crdPaths(of: config))
    }

    /// The configuration's `crds` as absolute paths: plain entries are joined to the
    /// configuration's folder, globs are expanded under it (sorted).
    public static func crdPaths(of config: ProjectConfiguration) -> [String] {
        var paths: [String] = []
        for entry in config.crds {
            if entry.contains(where: { "*?[".contains($0) }) {
                let glob = Glob(entry)
                paths += files(under: config.directory).filter { glob.matches($0) }
                    .map { (config.directory as NSString).appendingPathComponent($0) }
            } else {
                paths.append(entry.hasPrefix("/") ? entry : (config.directory as NSString).appendingPathComponent(entry))
            }
        }
        return paths
    }

    /// Files under `directory` as sorted relative paths, skipping `skippedFolders`.
    public static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(relative), isDirectory: &isDirectory)
            if exists, isDirectory.boolValue {
                if skippedFolders.contains(name) { walker.skipDescendants() }
                continue
            }
            found.append(relative)
        }
        return found.sorted()
    }
}
