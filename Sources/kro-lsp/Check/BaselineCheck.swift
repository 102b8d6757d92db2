import FoundationEssentials
import KroEngine
import YAMLSyntax

/// `--baseline OLD_FILE_OR_DIR`: each RGD's generated CRD is compared with the RGD of the
/// same name in the baseline; breaking changes are KRO513 errors at the changed field,
/// unless the RGD says `kro.run/allow-breaking-changes: "true"`.
enum BaselineCheck {
    struct Loaded: Sendable {
        var crds: [String: CRDSource] = [:]
        var problems: [String] = []
    }

    static func load(_ path: String) -> Loaded {
        var loaded = Loaded()
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            loaded.problems.append("--baseline \(path): no such file or directory")
            return loaded
        }
        let files = isDirectory
            ? ProjectConfigurationLoader.files(under: path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .map { FilePaths.join(path, $0) }
            : [path]
        for file in files {
            let bytes: [UInt8]
            switch FileBytes.read(file) {
            case .success(let read): bytes = read
            case .failure(let failure):
                loaded.problems.append("--baseline " + failure.message(file))
                continue
            }
            let yaml = YAMLParser.parse(SourceText(bytes: bytes))
            for document in yaml.documents where document.errors.isEmpty {
                guard let root = document.root, let generated = RGDCRDReader.generate(document: root),
                      let name = generated.source.rgdName else { continue }
                loaded.crds[name] = generated.source
            }
        }
        return loaded
    }

    static func breakingChanges(in analysis: DocumentAnalysis, against baseline: Loaded) -> [Diagnostic] {
        analysis.rgds.flatMap { rgdAnalysis -> [Diagnostic] in
            let rgd = rgdAnalysis.rgd
            guard let name = rgd.name?.value, let old = baseline.crds[name], !allowsBreakingChanges(rgd),
                  let new = RGDCRDReader.generate(rgd: rgd, simpleSchema: rgdAnalysis.instanceSchema) else { return [] }
            let lookup = YAMLEntryLookup()  // a schema of 19,000 changed fields searched its mapping for each
            return BreakingChanges.compare(old: old, new: new.source).map { change in
                Diagnostic(code: BreakingChanges.code, severity: .error,
                           message: "cannot update CRD \(new.result.name): breaking changes detected: \(change.detail)",
                           range: place(of: change, in: rgd, lookup: lookup))
            }
        }
    }

    static func allowsBreakingChanges(_ rgd: ResourceGraphDefinition) -> Bool {
        rgd.annotations.contains { $0.key.value == BreakingChanges.allowAnnotation && $0.value.scalar?.value == "true" }
    }

    /// The changed field's key in `spec.schema.spec` or `.status` (its nearest surviving
    /// parent when removed), or the `kind`/`apiVersion`/`group`/`scope` value.
    static func place(of change: BreakingChanges.Change, in rgd: ResourceGraphDefinition,
                      lookup: YAMLEntryLookup = YAMLEntryLookup()) -> TextRange {
        let schema = rgd.schema
        let fallback = schema?.keyRange ?? rgd.specKeyRange ?? rgd.root.range
        switch change.kind {
        case .kindChanged: return schema?.kind?.range ?? fallback
        case .versionChanged: return schema?.apiVersion?.range ?? fallback
        case .groupChanged: return schema?.group?.range ?? fallback
        case .scopeChanged: return schema?.scope?.range ?? fallback
        default: break
        }
        let section = change.path.first == "status" ? "status" : "spec"
        var best = schema?.node.entry(forKey: section)?.key.range ?? fallback
        var node = section == "status" ? schema?.status : schema?.spec
        for segment in change.path.dropFirst() {
            guard let mapping = node?.resolvedNode?.mapping, let entry = lookup.entry(segment, in: mapping) else { break }
            best = entry.key.range
            node = entry.value
        }
        return best
    }
}
