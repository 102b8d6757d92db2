import YAMLSyntax

/// What the caller configures for an analysis.
public struct AnalysisOptions: Sendable {
    /// CRD files whose schemas type the resources (`--crd`, workspace setting).
    public var crdPaths: [String] = []
    /// Whether kinds neither `crdPaths` nor the Kubernetes bundle know are typed from the
    /// built-in CRD catalog (`--no-catalog`, `kro.catalog` turn it off).
    public var catalogEnabled = true
    /// Whether kro's `omit()` CEL function is enabled (feature gate).
    public var omitFunctionEnabled = false
    /// The kinds resources are typed against: the bundled Kubernetes schemas plus the CRDs
    /// of `crdPaths` (and the CRD catalog), loaded once per configuration by the caller
    /// (`BundledSchemas.load()`, `SchemaStore.loading(crdPaths:onto:catalog:)`), so the
    /// analysis itself reads no files and holds no global state.
    public var schemaStore: SchemaStore
    /// How findings are re-graded (per-code severities, strict schemas), from
    /// `.kro-lsp.yaml` and the command line; applied after suppressions.
    public var policy = DiagnosticPolicy()
    /// The kinds the other RGDs checked together define (RGD chaining), collected by
    /// the caller (`RGDChaining`). Part of the analysis environment: a cache of analysis
    /// results must key on it (`ChainedKinds` is Hashable).
    public var chainedKinds: ChainedKinds = .none
    /// Asked between resources: true stops the analysis at once (a newer version
    /// superseded it); the result is then incomplete and must be dropped.
    public var shouldStop: (@Sendable () -> Bool)?
    /// Threads that may analyse one RGD's resources at once, the caller's included (1: all
    /// on the caller's). The analysis is the same for any number; the caller stays blocked
    /// until it is done. The CLI and the server pass the active processor count.
    public var analysisThreads = 1
    /// Fewer resources to analyse than this stay on the caller's thread (tests lower it to
    /// split even small RGDs).
    var minimumParallelResources = ResourceSlices.defaultMinimumParallelJobs
    /// Resources per RGD and expressions per resource (KRO921 over them).
    public var limits = AnalysisLimits()
    /// What the analysis keeps beside its findings: everything (the server: requests read
    /// it) or only what is read after the analysis (one-shot runs such as `--check`).
    /// The diagnostics are the same either way.
    public var retention = AnalysisRetention.all
    public init(schemaStore: SchemaStore) { self.schemaStore = schemaStore }

    /// The schema of `gvk` for a resource of the RGD defining `own`: the user's CRDs and
    /// the Kubernetes bundle first, then a sibling RGD's generated CRD, then the catalog
    /// (an RGD checked together says more about its kind than a catalog of operators).
    public func kind(_ gvk: GroupVersionKind, forRGDOf own: GroupVersionKind?) -> KindSchema? {
        let known = schemaStore.lookup(gvk)
        if let known, !known.isFromCatalog { return known }
        return chainedKinds.lookup(gvk, own: own) ?? known
    }
}

/// What an analysis keeps beside its diagnostics.
public enum AnalysisRetention: Sendable {
    /// Everything editor requests read: each RGD's expressions with their CEL trees and
    /// check results, the typing environment (`RGDAnalysis.typeContext`).
    case all
    /// What is read once the diagnostics are made: each RGD's model, graph, instance and
    /// status schemas, referenced kinds and diagnostics (RGD chaining, instance admission,
    /// breaking changes, generated CRDs). Each resource's expressions and checks are
    /// dropped as soon as its diagnostics are made; expressions no diagnostic comes from
    /// (unterminated `${…`, text that does not parse, already flagged) are not checked.
    case findings
}

/// The result of analysing one file.
public struct DocumentAnalysis: Sendable {
    public let source: SourceText
    public internal(set) var yaml: YAMLFile
    /// Sorted by position, then by code.
    public var diagnostics: [Diagnostic]
    /// One analysis per RGD document without YAML errors, in document order.
    public var rgds: [RGDAnalysis] = []
}

/// The one entry point shared by `--check` and the language server: text in, findings out.
public enum DocumentAnalyzer {
    /// `cache`: what earlier analyses of the same document left (the server keeps one per
    /// open document); unchanged resources are taken from it and it is updated.
    public static func analyze(_ source: SourceText, options: AnalysisOptions,
                               cache: AnalysisCache? = nil) -> DocumentAnalysis {
        let limits = options.limits.yaml
        guard let cache else {
            return analyze(YAMLParser.parse(source, limits: limits, threads: options.analysisThreads), options: options)
        }
        return analyze(cache.parse(source, limits: limits, threads: options.analysisThreads), options: options, cache: cache)
    }

    /// Analyses an already parsed file (`yaml.source` is its text).
    public static func analyze(_ yaml: YAMLFile, options: AnalysisOptions,
                               cache: AnalysisCache? = nil) -> DocumentAnalysis {
        analyze(AnalysisCache.Parsed(yaml: yaml, text: nil, change: nil), options: options, cache: cache)
    }

    /// `parsed.change`: how the text differs from an earlier one the cache's entries may
    /// have been computed from (then unchanged resources are found without reading them).
    static func analyze(_ parsed: AnalysisCache.Parsed, options: AnalysisOptions, cache: AnalysisCache?) -> DocumentAnalysis {
        let yaml = parsed.yaml
        let source = yaml.source
        let limits = options.limits
        var diagnostics = yamlDiagnostics(yaml, maxFindings: limits.maxFindings)
        // A document with YAML errors holds a partial tree: RGD findings would be noise.
        var rgds: [RGDAnalysis] = []
        // Once the RGDs so far hold more findings than a file reports, the later documents'
        // findings come after those it keeps (`capFileFindings`): they are not searched for
        // (a limit of 0 stops at the first), what is found is dropped, and, as for resources
        // past an RGD's limit, nothing is cached.
        var rgdFindings = 0
        var pastLimit = options
        pastLimit.limits.maxFindings = 0
        for (i, document) in yaml.documents.enumerated() where document.errors.isEmpty {
            if rgdFindings > limits.maxFindings {
                if var rgd = RGDAnalyzer.analyze(document: document, options: pastLimit, source: source) {
                    rgd.diagnostics = []
                    rgds.append(rgd)
                }
                cache?.store(RGDCacheEntry(), document: i, options: options)
                continue
            }
            var reuse = cache.map { cache in
                let entry = cache.entry(document: i, options: options)
                let change = parsed.change.flatMap { entry.text != nil && $0.from == entry.text ? $0.change : nil }
                return RGDAnalyzer.Reuse(entry: entry, source: source, text: parsed.text, change: change)
            }
            if let rgd = RGDAnalyzer.analyze(document: document, options: options, source: source, reuse: &reuse) {
                rgdFindings += rgd.diagnostics.count
                rgds.append(rgd)
            }
            if let reuse { cache?.store(reuse.entry, document: i, options: options) }
        }
        cache?.keepDocuments(below: yaml.documents.count)
        // One RGD alone: its list (sorted already) is shared, not copied.
        if diagnostics.isEmpty && rgds.count == 1 {
            diagnostics = rgds[0].diagnostics
        } else {
            diagnostics.reserveCapacity(rgds.reduce(diagnostics.count) { $0 + $1.diagnostics.count })
            for rgd in rgds { diagnostics += rgd.diagnostics }
        }
        let ordered = { (a: Diagnostic, b: Diagnostic) in (a.range.start, a.range.end, a.code) < (b.range.start, b.range.end, b.code) }
        if zip(diagnostics, diagnostics.dropFirst()).contains(where: { ordered($1, $0) }) { diagnostics.sort(by: ordered) }
        limits.capFileFindings(&diagnostics)
        diagnostics = Suppressions.apply(diagnostics, yaml: yaml, maxFindings: limits.maxFindings)
        options.policy.apply(&diagnostics)
        return DocumentAnalysis(source: source, yaml: yaml, diagnostics: diagnostics, rgds: rgds)
    }

    /// KRO001 for every YAML error (syntax, limit, encoding), KRO019 for duplicate keys: a
    /// document's first `maxFindings` by position, then KRO921 at the next one (the parser
    /// lists one more than that: `AnalysisLimits.yaml`).
    public static func yamlDiagnostics(_ yaml: YAMLFile, maxFindings: Int = AnalysisLimits().maxFindings) -> [Diagnostic] {
        let source = yaml.source
        let errors = yaml.errors.map { error in
            error.kind == .syntax ? YAMLErrorHints.diagnostic(for: error, in: source)
                : Diagnostic(code: "KRO001", severity: .error, message: error.message, range: error.range)
        }
        // Documents in order, each's keys by position: the file's first `maxFindings` and one
        // more are made, no more (10,000 documents each list their first 10,001).
        let over = "the file has more than \(maxFindings) duplicate keys, over kro-lsp's limit of \(maxFindings) findings"
        var duplicates: [Diagnostic] = []
        listing: for document in yaml.documents {
            for key in document.duplicateKeys {
                guard duplicates.count <= maxFindings else { break listing }
                duplicates.append(duplicateKey(key, in: source))
            }
        }
        if let notice = AnalysisLimits.cut(&duplicates, to: maxFindings, over: over) { duplicates.append(notice) }
        return errors + duplicates
    }

    /// KRO019 for a key written twice.
    private static func duplicateKey(_ d: DuplicateKey, in source: SourceText) -> Diagnostic {
        // `apiVersion`/`kind` twice at the start of a line: two manifests, no `---`.
        let pasted = ["apiVersion", "kind"].contains(d.key)
            && source.lineRange(source.line(containing: d.duplicate.start)).start == d.duplicate.start
        return Diagnostic(code: "KRO019", severity: .warning,
                          message: "duplicate key \"\(d.key)\": the last value wins"
                              + (pasted ? "; two manifests pasted without a \"---\" line between them?" : ""),
                          range: d.duplicate,
                          related: [RelatedLocation(range: d.first, message: "first \"\(d.key)\" here")])
    }
}
