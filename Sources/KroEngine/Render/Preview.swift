import JSON
import YAMLSyntax

extension RGDAnalysis {
    /// Whether the RGD has errors kro would reject it for.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Renders an instance file against the RGD whose generated kind it is (shared by
/// `kro-lsp render` and the server's `kro.preview`).
public enum Preview {
    public enum Failure: Error, Sendable, Equatable {
        case noInstance(String)
        case rgdHasErrors
    }

    /// The RGD (index into `rgds`) and the document of `instance` that instantiates it.
    public static func match(rgds: [RGDAnalysis], instance: YAMLFile) -> (rgd: Int, document: YAMLDocument, crd: JSONValue)? {
        for document in instance.documents where document.errors.isEmpty {
            guard let (apiVersion, kind) = typeMeta(of: document) else { continue }
            for (i, rgd) in rgds.enumerated() {
                guard let crd = rgd.generatedCRD?.result.crd, let k = InstanceKind(crd: crd) else { continue }
                if k.apiVersion == apiVersion && k.kind == kind { return (i, document, crd) }
            }
        }
        return nil
    }

    /// How many documents of `instance` are instances of one of `rgds` (`match` takes the first).
    public static func instanceCount(rgds: [RGDAnalysis], instance: YAMLFile) -> Int {
        let kinds = InstanceKindIndex(rgds: rgds)
        return instance.documents.lazy.filter { document in
            guard document.errors.isEmpty, let written = typeMeta(of: document) else { return false }
            return kinds.kind(TypeMeta(apiVersion: written.apiVersion, kind: written.kind)) != nil
        }.count
    }

    /// Admission findings (KRO601) for every document of `file` that is an instance of
    /// one of `rgds` (what `--check` and the editor report on instance files).
    /// Each document's type is read from its `apiVersion`/`kind` alone, and a CRD is
    /// generated only for the RGDs whose kind some document names: a file of RGDs (and a
    /// run of many files) pays neither a whole-document conversion nor a CRD per RGD.
    /// Each type's kind is found once per file, in an index of the RGDs by the type they
    /// define (`InstanceKindIndex`).
    /// `limits.maxFindings` bounds each instance's findings and the file's: once the
    /// documents so far hold more, the later ones are not admitted, and KRO921 is on the
    /// first finding left out (2,000 instances of 1,000 unknown fields each, 20 MB, made two
    /// million findings, 580 MB and 6 s).
    public static func instanceDiagnostics(_ file: YAMLFile, rgds: [RGDAnalysis],
                                           limits: AnalysisLimits = AnalysisLimits()) -> [Diagnostic] {
        instanceDiagnostics(file, kinds: InstanceKindIndex(rgds: rgds), limits: limits)
    }

    /// The same against an index built once for many files.
    public static func instanceDiagnostics(_ file: YAMLFile, kinds: InstanceKindIndex,
                                           limits: AnalysisLimits = AnalysisLimits()) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var counted = 0  // as `capFileFindings` counts: limit notices left out
        // Each instance's rules get the API server's budget, or what is left of the file's:
        // running out of that is told once, and no rule runs after it.
        var ruleCostLeft = limits.maxRuleCostPerFile, rulesRanOutOfFile = false
        let fileRules = "the validation rules of this file's instances cost more than \(limits.maxRuleCostPerFile) "
            + "together, over kro-lsp's limit of \(limits.maxRuleCostPerFile) per file; this rule and those after it are not run"
        var found: [TypeMeta: InstanceKind?] = [:]
        for document in file.documents where document.errors.isEmpty {
            guard counted <= limits.maxFindings else { break }
            guard let written = typeMeta(of: document) else { continue }
            let type = TypeMeta(apiVersion: written.apiVersion, kind: written.kind)
            if found[type] == nil { found[type] = kinds.kind(type) }
            guard let kind = found[type] ?? nil else { continue }
            let fileCuts = ruleCostLeft < ValidationRules.costBudget
            let admitted = InstanceAdmission.admit(
                document, kind: kind, source: file.source, maxFindings: limits.maxFindings,
                moreFindingsHint: limits.moreFindingsHint,
                ruleCostBudget: rulesRanOutOfFile ? -1 : min(ValidationRules.costBudget, max(ruleCostLeft, 0)),
                fileRuleBudgetNotice: fileCuts ? fileRules : nil)
            ruleCostLeft -= admitted.ruleCost
            if fileCuts && admitted.rulesRanOut { rulesRanOutOfFile = true }
            counted += admitted.diagnostics.lazy.filter { !$0.isLimitNotice }.count
            diagnostics += admitted.diagnostics
        }
        limits.capFileFindings(&diagnostics)
        return diagnostics
    }

    /// `apiVersion` and `kind` as kubectl reads them (the root's JSON members), without
    /// converting the whole document: an RGD of 1,000 resources is a megabyte of YAML.
    static func typeMeta(of document: YAMLDocument) -> (apiVersion: String, kind: String)? {
        guard let root = document.root?.resolvedNode?.mapping,
              let apiVersion = root.value(forKey: "apiVersion")?.jsonValue.stringValue,
              let kind = root.value(forKey: "kind")?.jsonValue.stringValue else { return nil }
        return (apiVersion, kind)
    }

    public static func render(rgds: [RGDAnalysis], instance: YAMLFile, options: RenderOptions,
                              schemaStore: SchemaStore) -> Result<RenderResult, Failure> {
        guard let (i, document, crd) = match(rgds: rgds, instance: instance) else {
            let kinds = rgds.compactMap { a -> String? in
                guard let crd = a.generatedCRD?.result.crd, let k = InstanceKind(crd: crd) else { return nil }
                return "\(k.apiVersion) \(k.kind)"
            }
            return .failure(.noInstance("no document of the instance file has the apiVersion and kind of an RGD (\(kinds.joined(separator: ", ")))"))
        }
        guard !rgds[i].hasErrors else { return .failure(.rgdHasErrors) }
        let renderer = InstanceRenderer(analysis: rgds[i], crd: crd, options: options, schemaStore: schemaStore)
        return .success(renderer.render(document))
    }
}
