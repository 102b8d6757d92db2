import JSON
import YAMLSyntax

/// `.kro-lsp.yaml`, shared by `--check` and the server. Paths and globs are relative to
/// the folder holding the file:
///
///     crds: [crds/, "vendor/**/crd-*.yaml"]   # CRD files, folders or globs
///     include: ["rgds/**"]                     # only these files when a folder is checked
///     exclude: ["**/testdata/**"]              # never these (besides .git, node_modules, vendor)
///     severity: {KRO909: error, KRO905: off}   # error | warning | info | off
///     strictSchemas: true                      # KRO905 (kind without schema) is an error
///     featureGates: {CELOmitFunction: true}    # kro's feature gates
public struct ProjectConfiguration: Sendable, Hashable {
    public static let fileName = ".kro-lsp.yaml"

    /// The folder the file is in (paths below are relative to it).
    public var directory: String
    public var crds: [String] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var severities: [String: RuleSeverity] = [:]
    public var strictSchemas: Bool?
    public var featureGates: [String: Bool] = [:]

    public init(directory: String) { self.directory = directory }

    /// Reads the file's text; each problem is a message naming the line.
    public static func parse(_ source: SourceText, directory: String) -> (ProjectConfiguration, [String]) {
        var config = ProjectConfiguration(directory: directory)
        var problems: [String] = []
        let yaml = YAMLParser.parse(source)
        if let error = yaml.errors.first {
            let p = source.position(of: error.range.start, encoding: .unicodeScalars)
            return (config, ["\(p.line + 1):\(p.column + 1): \(error.message)"])
        }
        guard let root = yaml.documents.first?.root?.jsonValue, root != .null else { return (config, []) }
        guard let object = root.objectValue else { return (config, ["the file must hold a mapping"]) }
        for (key, value) in object {
            switch key {
            case "crds", "crdPaths": config.crds = strings(value, key, &problems)
            case "include": config.include = strings(value, key, &problems).map(Glob.init)
            case "exclude": config.exclude = strings(value, key, &problems).map(Glob.init)
            case "severity", "severities", "rules":
                for (code, word) in value.objectValue ?? [:] {
                    guard let text = word.stringValue ?? (word == .bool(false) ? "off" : nil),
                          let severity = RuleSeverity(word: text) else {
                        problems.append("\(key).\(code): expected error, warning, info or off")
                        continue
                    }
                    config.severities[code.uppercased()] = severity
                }
                if value.objectValue == nil { problems.append("\(key): expected a mapping of codes to severities") }
            case "strictSchemas":
                if case .bool(let flag) = value { config.strictSchemas = flag } else { problems.append("strictSchemas: expected true or false") }
            case "featureGates":
                for (gate, flag) in value.objectValue ?? [:] {
                    if case .bool(let on) = flag { config.featureGates[gate] = on } else { problems.append("featureGates.\(gate): expected true or false") }
                }
                if value.objectValue == nil { problems.append("featureGates: expected a mapping of gates to true or false") }
            default:
                problems.append("unknown key \"\(key)\" (crds, include, exclude, severity, strictSchemas, featureGates)")
            }
        }
        return (config, problems)
    }

    private static func strings(_ value: JSONValue, _ key: String, _ problems: inout [String]) -> [String] {
        if let single = value.stringValue { return [single] }
        guard let items = value.arrayValue else {
            problems.append("\(key): expected a list of paths")
            return []
        }
        return items.compactMap { item in
            if let s = item.stringValue { return s }
            problems.append("\(key): expected strings")
            return nil
        }
    }
}
