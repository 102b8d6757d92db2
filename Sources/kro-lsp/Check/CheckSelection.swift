import FoundationEssentials
import KroEngine
import YAMLSyntax

/// Turns the command-line paths into the files to check. A named file is always checked;
/// a folder is searched recursively for `*.yaml`/`*.yml`, skipping `.git`,
/// `node_modules` and `vendor` and honouring the `include`/`exclude` globs of the
/// configuration that governs each file. `-` is stdin.
struct CheckSelection {
    var files: [String] = []
    var readsStdin = false
    var problems: [String] = []
    /// YAML files found in the folders that the `include`/`exclude` globs of a
    /// `.kro-lsp.yaml` left out (told when nothing is left to check).
    var leftOut = 0

    init(paths: [String], configurations: ConfigurationCache) {
        for path in paths {
            if path == "-" { readsStdin = true; continue }
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append("\(path): no such file or directory")
                continue
            }
            guard isDirectory else { files.append(path); continue }
            for relative in ProjectConfigurationLoader.files(under: path)
            where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                if FilePaths.lastComponent(relative) == ProjectConfiguration.fileName { continue }
                let file = path.hasSuffix("/") ? path + relative : path + "/" + relative
                if configurations.selects(file) { files.append(file) } else { leftOut += 1 }
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
    }
}
