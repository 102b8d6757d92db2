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
///     catalog: false                           # do not type operator kinds from the CRD catalog
public struct ProjectConfiguration: Sendable, Hashable {
    public static let fileName = ".kro-lsp.yaml"

    /// A mistake in the file, at the key or value it is about.
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var range: TextRange
        public init(message: String, range: TextRange) { self.message = message; self.range = range }

        /// `LINE:COLUMN: message`, 1-based, columns in characters (as `--check` prints).
        public func description(in source: SourceText) -> String {
            let p = source.position(of: range.start, encoding: .unicodeScalars)
            return "\(p.line + 1):\(p.column + 1): \(message)"
        }
    }

    /// The folder the file is in (paths below are relative to it).
    public var directory: String
    public var crds: [String] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var severities: [String: RuleSeverity] = [:]
    public var strictSchemas: Bool?
    public var featureGates: [String: Bool] = [:]
    /// Whether operator kinds are typed from the embedded CRD catalog (nil: not said).
    public var catalog: Bool?

    public init(directory: String) { self.directory = directory }

    static let keys = "crds, include, exclude, severity, strictSchemas, featureGates, catalog"

    /// Reads the file's text. What is malformed is left out and reported; the rest applies.
    public static func parse(_ source: SourceText, directory: String) -> (ProjectConfiguration, [Problem]) {
        var config = ProjectConfiguration(directory: directory)
        var problems: [Problem] = []
        let yaml = YAMLParser.parse(source)
        if let error = yaml.errors.first { return (config, [Problem(message: error.message, range: error.range)]) }
        guard let root = yaml.documents.first?.root?.resolvedNode, root.jsonValue != .null else { return (config, []) }
        guard let mapping = root.mapping else {
            return (config, [Problem(message: "the file must hold a mapping (\(keys))", range: root.range)])
        }
        for entry in mapping.effectiveEntries {
            guard let key = entry.key.keyString else { continue }
            let value = entry.value.jsonValue
            func problem(_ message: String, at node: YAMLNode? = nil) {
                problems.append(Problem(message: message, range: (node ?? entry.value).range))
            }
            func flag(_ assign: (Bool) -> Void) {
                if case .bool(let on) = value { assign(on) } else { problem("\(key): expected true or false") }
            }
            switch key {
            case "crds", "crdPaths": config.crds = strings(entry.value, key, problem)
            case "include": config.include = strings(entry.value, key, problem).map(Glob.init)
            case "exclude": config.exclude = strings(entry.value, key, problem).map(Glob.init)
            case "severity", "severities", "rules":
                guard let codes = entry.value.resolvedNode?.mapping else {
                    problem("\(key): expected a mapping of codes to severities")
                    continue
                }
                for item in codes.effectiveEntries {
                    guard let code = item.key.keyString else { continue }
                    let word = item.value.jsonValue
                    guard let text = word.stringValue ?? (word == .bool(false) ? "off" : nil),
                          let severity = RuleSeverity(word: text) else {
                        problem("\(key).\(code): expected error, warning, info or off", at: item.value)
                        continue
                    }
                    if let unknown = DiagnosticCatalogue.embedded.unknownCode(code.uppercased()) {
                        problem("\(key).\(code): \(unknown)", at: item.key)
                        continue
                    }
                    config.severities[code.uppercased()] = severity
                }
            case "strictSchemas": flag { config.strictSchemas = $0 }
            case "catalog": flag { config.catalog = $0 }
            case "featureGates":
                guard let gates = entry.value.resolvedNode?.mapping else {
                    problem("featureGates: expected a mapping of gates to true or false")
                    continue
                }
                // Gates kro-lsp does not model are kept: they may matter to the cluster's kro.
                for item in gates.effectiveEntries {
                    guard let gate = item.key.keyString else { continue }
                    if case .bool(let on) = item.value.jsonValue { config.featureGates[gate] = on }
                    else { problem("featureGates.\(gate): expected true or false", at: item.value) }
                }
            default:
                problem("unknown key \"\(key)\" (\(keys))", at: entry.key)
            }
        }
        return (config, problems)
    }

    /// The code of a mistake in `.kro-lsp.yaml`, reported on the file in the editor.
    public static let problemCode = "KRO920"

    /// The file's mistakes as findings on it (the editor shows them on an open `.kro-lsp.yaml`).
    public static func diagnostics(_ source: SourceText) -> [Diagnostic] {
        parse(source, directory: "").1.map {
            Diagnostic(code: problemCode, severity: .error, message: $0.message, range: $0.range)
        }
    }

    /// Entries of `crds`, `include` or `exclude` read at most: each file of a checked folder
    /// is matched against each glob (100,000 excludes over 1,000 files took 47 s).
    public static let maxListEntries = 1_000

    private static func strings(_ node: YAMLNode, _ key: String, _ problem: (String, YAMLNode?) -> Void) -> [String] {
        if let single = node.jsonValue.stringValue { return [single] }
        guard var items = node.resolvedNode?.sequence?.items.array else {
            problem("\(key): expected a list of paths", nil)
            return []
        }
        if items.count > maxListEntries {
            problem("\(key): more than \(maxListEntries) entries, kro-lsp's limit; the entries from here on are not read",
                    items[maxListEntries])
            items = Array(items.prefix(maxListEntries))
        }
        return items.compactMap { item in
            if let s = item.jsonValue.stringValue { return s }
            problem("\(key): expected strings", item)
            return nil
        }
    }
}

/// kro's feature gates that change what an RGD may contain (`--feature-gates`, `featureGates:`).
public enum FeatureGates {
    public static let omitFunction = "CELOmitFunction"
    public static let known = [omitFunction]
}
