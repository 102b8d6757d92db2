import CEL
import YAMLSyntax

/// Everything the engine knows about one RGD document, for diagnostics and for later
/// stages (type checking, hover, definition, completion).
///
/// The fields live in one copy-on-write box: an analysis is copied into arrays, snapshots
/// and `--check`'s list of every RGD of the run, and each copy is one retain (8 bytes an
/// element, not the ~1.4 KB of the fields inline).
public struct RGDAnalysis: Sendable {
    private struct Fields {
        var rgd: ResourceGraphDefinition
        var expressions: ExpressionList
        var graph: DependencyGraph
        var instanceSchema: SimpleSchemaResult
        var statusSchemas: [StatusFieldSchema]
        var unterminatedExpressions: ExpressionList
        var checks: ExpressionChecks
        var typeContext: KroTypeContext?
        var diagnostics: [Diagnostic]
        var referencedKindKeys: Set<String>
    }

    private var box: CopyOnWriteBox<Fields>
    /// The generated CRD, made once for this value and its copies (a change makes a new
    /// memo): RGD chaining reads each open RGD's CRD in every analysis of an RGD naming its
    /// kind, and 200 open copies of one RGD spent 10 s generating them again.
    private var crdMemo = Memo<GeneratedCRD?>()
    /// The generated CRD as chaining reads it (its kinds, its digest), made once likewise.
    private var contentMemo = Memo<CRDContent?>()

    /// `typeContext`: nil when the analysis keeps only its findings (`AnalysisRetention.findings`).
    init(rgd: ResourceGraphDefinition, expressions: ExpressionList, graph: DependencyGraph,
         instanceSchema: SimpleSchemaResult, statusSchemas: [StatusFieldSchema],
         unterminatedExpressions: ExpressionList, checks: ExpressionChecks, typeContext: KroTypeContext?,
         diagnostics: [Diagnostic], referencedKindKeys: Set<String> = []) {
        box = CopyOnWriteBox(Fields(rgd: rgd, expressions: expressions, graph: graph, instanceSchema: instanceSchema,
                                    statusSchemas: statusSchemas, unterminatedExpressions: unterminatedExpressions,
                                    checks: checks, typeContext: typeContext, diagnostics: diagnostics,
                                    referencedKindKeys: referencedKindKeys))
    }

    /// The fields to change, copied first when another analysis shares them.
    private var unique: Fields {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = CopyOnWriteBox(box.value) }
            crdMemo = Memo()
            contentMemo = Memo()
            yield &box.value
        }
    }

    public var rgd: ResourceGraphDefinition {
        get { box.value.rgd }
        set { unique.rgd = newValue }
    }

    /// The model without the trees below its header, changed in place
    /// (`DocumentAnalysis.dropTrees`).
    mutating func dropTrees() { unique.rgd.dropTrees() }
    /// Every expression, in document order per resource, then status and conditions
    /// (one chunk per resource, shared with the cache: see `ExpressionList`). Empty when
    /// the analysis keeps only its findings.
    public var expressions: ExpressionList {
        get { box.value.expressions }
        set { unique.expressions = newValue }
    }
    public var graph: DependencyGraph {
        get { box.value.graph }
        set { unique.graph = newValue }
    }
    /// The instance schema built from `spec.schema.spec`/`types` (SimpleSchema).
    public var instanceSchema: SimpleSchemaResult {
        get { box.value.instanceSchema }
        set { unique.instanceSchema = newValue }
    }
    /// The CRD status schema inferred from the status expressions' types (cel.md §10);
    /// fields whose expression did not type-check are absent.
    public var statusSchemas: [StatusFieldSchema] {
        get { box.value.statusSchemas }
        set { unique.statusSchemas = newValue }
    }
    /// Unterminated `${…` being typed: parsed tolerantly and checked silently, for editors.
    /// Empty when the analysis keeps only its findings.
    public var unterminatedExpressions: ExpressionList {
        get { box.value.unterminatedExpressions }
        set { unique.unterminatedExpressions = newValue }
    }
    /// What the type checker computed, by index into `expressions` followed by
    /// `unterminatedExpressions` (partial trees included). Empty when the analysis keeps
    /// only its findings.
    public var checks: ExpressionChecks {
        get { box.value.checks }
        set { unique.checks = newValue }
    }
    /// The typed environment of the RGD (`schema`, resource variables, their types).
    /// Only an analysis that keeps everything (`AnalysisRetention.all`, the default) has one.
    public var typeContext: KroTypeContext {
        get {
            guard let context = box.value.typeContext else {
                preconditionFailure("RGDAnalysis.typeContext read from an analysis made with AnalysisRetention.findings")
            }
            return context
        }
        set { unique.typeContext = newValue }
    }
    /// Whether the analysis kept what only editor requests read (`AnalysisRetention.all`).
    public var keepsEverything: Bool { box.value.typeContext != nil }
    /// Sorted by position, then code.
    public var diagnostics: [Diagnostic] {
        get { box.value.diagnostics }
        set { unique.diagnostics = newValue }
    }
    /// The CRD kro generates for this RGD: the very object `kro-lsp crd` prints.
    public var generatedCRD: GeneratedCRD? {
        crdMemo.value { RGDCRDReader.generate(rgd: rgd, simpleSchema: instanceSchema, status: statusSchemas) }
    }
    /// The generated CRD as RGD chaining reads it, shared by every view holding it.
    public var chainingContent: CRDContent? { contentMemo.value { generatedCRD.map { CRDContent($0.result.crd) } } }

    /// The GVK keys (`apps/v1/Deployment`) the resources name: what RGD chaining reads,
    /// kept with the typing environment so an edit does not read every resource again.
    public var referencedKindKeys: Set<String> {
        get { box.value.referencedKindKeys }
        set { unique.referencedKindKeys = newValue }
    }
    public var topologicalOrder: [String]? { graph.topologicalOrder }
}

/// The RGD analysis of phases 0–9, in three passes (see docs/ARCHITECTURE.md, "Incremental
/// analysis"): a header pass (admission, naming, the typing environment, SimpleSchema,
/// status and conditions), a pass per resource (`ResourceAnalysis`: expressions,
/// references, type checks, literal validation), and cheap global passes over their
/// results (graph, cycles, sorting). With an `AnalysisCache`, a resource whose item text
/// and environment did not change is taken from the cache instead of analysed again.
public enum RGDAnalyzer {
    /// kro's default `--rgd-max-collection-dimension-size`.
    public static let maxForEachDimensions = 10

    /// nil when the document is not an RGD.
    /// `source`: the document's text, for fixes that insert lines.
    public static func analyze(document: YAMLDocument, options: AnalysisOptions, source: SourceText? = nil) -> RGDAnalysis? {
        var none: Reuse?
        return analyze(document: document, options: options, source: source, reuse: &none)
    }

    /// A cache entry to read and update, and the text the document was parsed from.
    struct Reuse {
        var entry: RGDCacheEntry
        let source: SourceText
        /// The number of `source` (`AnalysisCache.parse`), when it has one.
        var text: Int?
        /// How `source` differs from the text the entry's resources were computed from, when known.
        var change: TextChange?
    }

    static func analyze(document: YAMLDocument, options: AnalysisOptions, source: SourceText?,
                        reuse: inout Reuse?) -> RGDAnalysis? {
        // Items whose text did not move or change are not read again (their admission is kept).
        let earlier: ((Int, YAMLNode) -> AdmittedResource?)? = reuse.flatMap { reuse in
            reuse.entry.source.map { previous in { i, item in
                let range = item.range
                guard i < reuse.entry.resources.count, let hit = reuse.entry.resources[i], hit.start == range.start,
                      let admitted = hit.admitted, !hit.analysis.hasAliases,
                      hit.matches(range, in: reuse.source, previous: previous, change: reuse.change)
                else { return nil }
                return admitted
            } }
        }
        let slices = ResourceSlices(threads: options.analysisThreads, minimumParallelJobs: options.minimumParallelResources)
        guard let admission = RGDParser.admit(root: document.root, source: source, reuse: earlier, slices: slices,
                                              maxResources: options.limits.maxResources,
                                              maxExpressions: options.limits.maxExpressions,
                                              maxFindings: options.limits.maxFindings) else { return nil }
        var rgd = admission.rgd
        var overLimit: [Diagnostic] = []
        if let over = admission.overLimit {
            // Only the schema is analysed (admission kept no resource): without the
            // resources, status references would all be unknown identifiers.
            overLimit.append(options.limits.overLimit(over))
            rgd.schema?.status = nil
        }
        reuse?.entry.admissionsReused = admission.reused
        let store = options.schemaStore

        // The environment every resource is analysed in, reused while its key holds.
        func environmentPass(_ reuse: inout Reuse?) -> (key: RGDEnvironmentKey?, instance: SimpleSchemaResult,
                                                        kept: KeptEnvironment) {
            if let schema = rgd.schema, schema.node.range.length > 0, YAMLNode.mapping(schema.node).hasAnchorsOrAliases {
                reuse = nil  // the schema reads text outside itself: its text is no key
            }
            let key = reuse.map { reuse in
                RGDEnvironmentKey(rgd, gvks: admission.gvks, source: reuse.source, options: options) { k in
                    admission.taken[k] ? reuse.entry.resources[rgd.resources[k].index]?.keyPart : nil  // taken: in range
                }
            }
            // The instance schema: kept while `spec.schema` has the same text, column and start.
            let instance: SimpleSchemaResult
            let schemaStart = rgd.schema?.node.range.start
            // Editors read the schema's fields (hover, symbols); the other runs only its schemas.
            let keepsFields = options.retention == .all
            if let key, let cached = reuse?.entry.instance, cached.schemaStart == schemaStart,
               cached.schemaColumn == key.schemaColumn, cached.schemaText == key.schemaText,
               cached.result.keepsFields || !keepsFields {
                instance = cached.result
            } else {
                instance = SimpleSchemaBuilder.build(spec: rgd.schema?.spec, types: rgd.schema?.types, keepsFields: keepsFields)
                if let key { reuse?.entry.instance = (schemaStart, key.schemaText, key.schemaColumn, instance) }
            }
            let kept: KeptEnvironment
            if let key, let cached = reuse?.entry.environment, cached.key == key, catalogNotesHold(cached.value.types, rgd) {
                kept = cached.value
            } else {
                // Each resource's kind, read with its item by admission (~7,000 instructions a resource).
                let gvks = admission.gvks
                kept = KeptEnvironment(rgd, gvks: gvks, types: makeEnvironment(rgd, gvks: gvks, options: options, instance: instance))
                if let key {
                    reuse?.entry.environment = (key, kept)
                    reuse?.entry.generation += 1
                }
            }
            return (key, instance, kept)
        }
        // A first analysis computes every resource: their part that needs no environment
        // (`prepareResource`) runs on the other threads while this one builds it. Keeping
        // only findings, only while: the rest is prepared by the per-resource pass as it
        // goes, so the prepared parts (expressions and their trees) of every resource are
        // never all held at once. (The server, which keeps them all anyway, prepares all.)
        var prepared: PreparedParts?
        let (key, instance, kept): (RGDEnvironmentKey?, SimpleSchemaResult, KeptEnvironment)
        let naming: [Diagnostic]  // with the environment: it needs only the ids
        if reuse?.entry.resources.isEmpty ?? true, slices.threads > 1, rgd.resources.count >= slices.minimumParallelJobs {
            var laneReuse = reuse
            let lanes = slices.overlapping({ (NamingRules.check(rgd, maxDimensions: maxForEachDimensions), environmentPass(&laneReuse)) },
                                           jobs: rgd.resources.count,
                                           state: { ExpressionMemo() }, shouldStop: options.shouldStop,
                                           onlyWhileFirst: options.retention == .findings) { [rgd] memo, k in
                prepareResource(rgd.resources[k], gvk: admission.gvks[k], rgd: rgd, options: options, source: source, memo: &memo)
            }
            reuse = laneReuse
            (naming, (key, instance, kept)) = lanes.0
            prepared = PreparedParts(lanes.1)
        } else {
            naming = NamingRules.check(rgd, maxDimensions: maxForEachDimensions)
            (key, instance, kept) = environmentPass(&reuse)
        }
        var header = admission.diagnostics + overLimit + naming
        let environment = kept.types

        var rules = ReferenceRules(rgd: rgd, omitEnabled: options.omitFunctionEnabled,
                                   resourceScopes: kept.resourceScopes,
                                   environment: CELEnvironment.kro(), resourceIDs: kept.resourceIDs)
        var typeCheck = ExpressionTypeCheck(rgd: rgd, store: store, environment: environment)
        let keepsAll = options.retention == .all
        typeCheck.keepsChecks = keepsAll
        let generation = reuse?.entry.generation ?? 0
        var cached = [CachedResource?](repeating: nil, count: reuse == nil ? 0 : (rgd.resources.last?.index ?? -1) + 1)
        // Cache hits first (cheap, in order), then the misses: on several threads when many.
        // Filled in place (a misses' slot until computed): one copy of each result, not two.
        var resources = [ResourceAnalysis](repeating: .empty, count: rgd.resources.count)
        var misses: [Int] = []
        if let source = reuse?.source, let previousSource = reuse?.entry.source {
            let previous = reuse?.entry.resources ?? []
            let change = reuse?.change
            // By index: a loop over the resources would copy each one.
            let candidates = rgd.resources.indices.filter { k in
                let index = rgd.resources[k].index
                guard index < previous.count, let hit = previous[index] else { return false }
                return hit.generation == generation && !hit.analysis.hasAliases
            }
            // Moving the results of the items after an edit (every resource, for an edit near
            // the top) is most of an edit's work: on several threads when many.
            var moves = slices
            moves.minimumParallelJobs = slices.minimumParallelJobs * Self.movesPerParallelJob
            var done = 0
            // Without `shouldStop`, every job runs.
            let kept = moves.map(candidates.count, state: (), shouldStop: nil, finished: &done) {
                [rgd, admission, key] _, c -> CachedResource? in
                let k = candidates[c]
                return reused(previous[rgd.resources[k].index]!, k, rgd.resources[k].node.range, admission: admission,
                              source: source, previous: previousSource, change: change, generation: generation,
                              keyPart: key?.resources[k])
            }!
            var hits = [CachedResource?](repeating: nil, count: rgd.resources.count)
            for (c, k) in candidates.enumerated() { hits[k] = kept[c] }
            for k in rgd.resources.indices {
                if let hit = hits[k] {
                    cached[rgd.resources[k].index] = hit
                    resources[k] = hit.analysis
                } else {
                    misses.append(k)
                }
            }
        } else {
            misses = Array(rgd.resources.indices)
        }
        var computed = 0
        let reuseSource = reuse?.source
        // Over the findings limit: the findings of the resources left out are dropped as they
        // are made, and such a result is not cached (an edit that removes findings before it
        // computes it again). The cache's results are counted as they are.
        var known = rgd.resources.indices.map { Optional(admission.resourceDiagnostics[$0].count + resources[$0].diagnostics.count) }
        for k in misses { known[k] = nil }
        let budget = FindingBudget(counts: known, limit: options.limits.maxFindings)
        known = []
        let analysed = slices.lanes(
            misses.count, state: (rules, typeCheck), shouldStop: options.shouldStop, finished: &computed
        ) { [misses, rgd, prepared] state, job -> (ResourceAnalysis, CachedResource?) in
            let k = misses[job], r = rgd.resources[k]
            // A resource known to be left out is not searched for findings it cannot report.
            var analysis = analyzeResource(r, gvk: admission.gvks[k], admission: admission.resourceDiagnostics[k],
                                           prepared: prepared?.take(k), source: source, rules: &state.0,
                                           typeCheck: &state.1, options: options,
                                           findingLimit: budget.isPast(k) ? 0 : nil)
            let leftOut = !budget.keeps(k, findings: admission.resourceDiagnostics[k].count + analysis.diagnostics.count)
            if leftOut { analysis.diagnostics = [] }
            guard let source = reuseSource, !leftOut else { return (analysis, nil) }
            let place = Self.place(of: r.node, in: source)
            return (analysis, CachedResource(range: place.range, column: place.column,
                                             generation: generation, analysis: analysis,
                                             admitted: admission.admitted(k), keyPart: key?.resources[k]))
        }
        reuse?.entry.reused = rgd.resources.count - misses.count
        reuse?.entry.computed = computed
        guard let analysed else { return nil }
        for (job, k) in misses.enumerated() {
            resources[k] = analysed[job].0
            if let entry = analysed[job].1 { cached[rgd.resources[k].index] = entry }
        }
        if reuse != nil {
            reuse?.entry.resources = cached
            let text = reuse?.text, source = reuse?.source
            reuse?.entry.text = text
            reuse?.entry.source = source
        }

        // Status and conditions: the header's expressions.
        var collector = ExpressionCollector(maxPerResource: options.limits.maxExpressionsPerResource)
        collector.collectStatus(of: rgd)
        rules.startResource()
        header += collector.diagnostics
        var status = collector.expressions
        for i in status.indices {
            header += parse(&status[i], memo: &typeCheck.memo, partial: keepsAll)
            rules.check(&status[i])
        }
        header += rules.diagnostics
        header += ConditionRules.check(status.filter { $0.kind == .condition })
        header += AuthoringLints.reservedStatusFields(rgd) + AuthoringLints.check(status, resourceIDs: [])
        header += instance.diagnostics
        header += ValidationRuleCheck.check(instance.fields)
        let flagged = FlaggedRanges(header.filter { $0.severity == .error }.map(\.range))
        typeCheck.run(status) { flagged.anyWithin($0.scalar.range) }
        // Unterminated `${…` give no diagnostic here: only an editor reads their trees.
        var statusUnterminated = keepsAll ? collector.unterminated : []
        for i in statusUnterminated.indices { statusUnterminated[i].partial = parsePartial(statusUnterminated[i]) }
        typeCheck.checkSilently(statusUnterminated, from: status.count)
        let statusResults = typeCheck.takeResults()
        header += statusResults.diagnostics
        for i in header.indices { header[i].message = AuthorTerms.rewrite(header[i].message) }

        // The graph: kept while every resource's id and dependencies are the same.
        let graphInputs = rgd.resources.indices.map {
            GraphInput(id: rgd.resources[$0].id?.value, dependencies: resources[$0].dependencies)
        }
        let graph: DependencyGraph
        if let cached = reuse?.entry.graph, cached.inputs == graphInputs {
            graph = cached.graph
        } else if let cached = reuse?.entry.graph, cached.inputs.elementsEqual(graphInputs, by: { $0.sameTargets(as: $1) }) {
            // Only ranges moved (an edit before them changed the text's length).
            graph = cached.graph.replacingEdges(graphParts(rgd, resources: resources).edges)
            reuse?.entry.graph = (graphInputs, graph)
        } else {
            graph = buildGraph(rgd, resources: resources)
            reuse?.entry.graph = (graphInputs, graph)
        }
        var analysis = assemble(rgd: rgd, admission: admission, header: header, resources: resources,
                                status: status, statusUnterminated: statusUnterminated, statusChecks: statusResults.checks,
                                instance: instance, typeCheck: typeCheck, graph: graph, limits: options.limits)
        analysis.referencedKindKeys = kept.referencedKinds
        return analysis
    }

    /// The global passes over the per-resource results: expressions and checks in one
    /// list, the graph, cycles, every diagnostic sorted.
    private static func assemble(rgd: ResourceGraphDefinition, admission: RGDParser.Admission, header: [Diagnostic],
                                 resources: [ResourceAnalysis], status: [RGDExpression],
                                 statusUnterminated: [RGDExpression], statusChecks: [ExpressionCheck?],
                                 instance: SimpleSchemaResult, typeCheck: ExpressionTypeCheck,
                                 graph: DependencyGraph, limits: AnalysisLimits) -> RGDAnalysis {
        // Over the findings limit, the resources after the one that went over it are left out
        // (`FindingBudget`; their findings may be dropped already).
        let counts = resources.indices.lazy.map { admission.resourceDiagnostics[$0].count + resources[$0].diagnostics.count }
        let kept = FindingBudget.lastKept(counts, limit: limits.maxFindings).map { $0 + 1 } ?? resources.count
        var diagnostics = header
        diagnostics.reserveCapacity(header.count + counts.prefix(kept).reduce(0, +))
        for k in 0..<kept {
            for var d in admission.resourceDiagnostics[k] {
                d.message = AuthorTerms.rewrite(d.message)
                diagnostics.append(d)
            }
            diagnostics += resources[k].diagnostics
        }
        // Chunks per resource, then the status's; checks are numbered over `expressions`,
        // then `unterminated`.
        // Without `.all` retention the resources kept none: the shared empty lists.
        let keepsAll = typeCheck.keepsChecks
        let expressions = keepsAll ? ExpressionList(resources.map(\.expressions) + [status]) : .empty
        let unterminated = keepsAll ? ExpressionList(resources.map(\.unterminated) + [statusUnterminated]) : .empty
        let checks = keepsAll ? ExpressionChecks(chunks: resources.map(\.checks) + [statusChecks],
                                                 expressions: expressions, unterminated: unterminated) : .empty

        diagnostics += cycleDiagnostics(rgd, graph).map {
            var d = $0
            d.message = AuthorTerms.rewrite(d.message)
            return d
        }
        diagnostics.sort(by: ordered)
        limits.capFindings(&diagnostics, ordered: ordered)
        return RGDAnalysis(rgd: rgd, expressions: expressions, graph: graph, instanceSchema: instance,
                           statusSchemas: typeCheck.statusSchemas,
                           unterminatedExpressions: unterminated, checks: checks,
                           typeContext: keepsAll ? typeCheck.context : nil, diagnostics: diagnostics)
    }

    /// Moving a resource's cached results is microseconds, analysing it a millisecond: cache
    /// hits go on threads from this many times the resources that would.
    static let movesPerParallelJob = 32

    /// The order of an RGD's findings: position, code, message.
    static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.range.start, a.range.end, a.code, a.message) < (b.range.start, b.range.end, b.code, b.message)
    }

    /// The cache entry of resource `k` when its item is unchanged: as is when admission
    /// found it in place, moved (results shifted) when only its start changed; nil otherwise.
    private static func reused(_ hit: CachedResource, _ k: Int, _ range: TextRange, admission: RGDParser.Admission,
                               source: SourceText, previous: SourceText, change: TextChange?, generation: Int,
                               keyPart: RGDEnvironmentKey.Resource?) -> CachedResource? {
        // Admission already found the item unchanged and in place.
        if admission.taken[k] { return hit }
        guard hit.matches(range, in: source, previous: previous, change: change) else { return nil }
        return CachedResource(range: TextRange(start: range.start, end: range.start + hit.end - hit.start), column: hit.column,
                              generation: generation, analysis: hit.analysis.shifted(by: range.start - hit.start),
                              admitted: admission.admitted(k), keyPart: keyPart)
    }

    /// Each resource's kind resolved once; scopes and types both come from it.
    /// `gvks`: `objectGVK` of each resource, in order.
    private static func makeEnvironment(_ rgd: ResourceGraphDefinition, gvks: [GroupVersionKind?], options: AnalysisOptions,
                                        instance: SimpleSchemaResult) -> TypeEnvironment {
        let store = options.schemaStore
        let ownKind = KroFileDetection.instanceKind(of: rgd)
        var kinds = ResourceKinds()
        var unknownKinds: [Int: GroupVersionKind] = [:]
        var ambiguousKinds: [Int: [String]] = [:]
        for (r, gvk) in zip(rgd.resources, gvks) {
            guard let gvk else { continue }
            // Looked up once per kind (an RGD's resources share a few).
            if let kind = kinds.known(gvk) ?? options.kind(gvk, forRGDOf: ownKind) {
                kinds.set(kind, forResource: r.index)
            } else if UnservableKindRule.check(r, gvk: gvk, store: store) == nil {
                unknownKinds[r.index] = gvk
                let definers = options.chainedKinds.definers(ofAmbiguous: gvk)
                if !definers.isEmpty { ambiguousKinds[r.index] = definers }
            }
        }
        return TypeEnvironment(rgd: rgd, store: store, kinds: kinds, unknownKinds: unknownKinds,
                               ambiguousKinds: ambiguousKinds, instanceSpec: instance.typingSchema)
    }

    /// Catalog notes point at other resources' `kind`: a cached environment holds only
    /// while they are still where they were.
    private static func catalogNotesHold(_ environment: TypeEnvironment, _ rgd: ResourceGraphDefinition) -> Bool {
        guard !environment.catalogNotes.isEmpty else { return true }
        // One map (a search per note was quadratic, 60% of an edit in 5,000 catalog kinds).
        let resources = rgd.resourcesByID()
        return environment.catalogNotes.allSatisfy { id, note in
            resources[id]?.objectNode?.mapping?.value(forKey: "kind")?.scalar?.range == note.range
        }
    }

    /// Where a resource's item is: its byte range and the column it starts at.
    static func place(of item: YAMLNode, in source: SourceText) -> (range: TextRange, column: Int) {
        place(of: item.range, in: source)
    }

    static func place(of range: TextRange, in source: SourceText) -> (range: TextRange, column: Int) {
        (range, range.start - source.lineStarts[source.line(containing: range.start)])
    }

    /// The part of the per-resource pass that needs no typing environment: KRO003 (and
    /// whether the item holds anchors or aliases), structure rules, expression collection,
    /// CRD template rule, parses. `memo`: parses only.
    static func prepareResource(_ r: RGDResource, gvk: GroupVersionKind?, rgd: ResourceGraphDefinition, options: AnalysisOptions,
                                source: SourceText? = nil, memo: inout ExpressionMemo) -> PreparedResource {
        var reader = AdmissionReader()
        let hasAliases = reader.checkUnrepresentable(r.node, depth: AdmissionReader.resourceItemDepth)
        var leading = reader.diagnostics
        let instanceScope = rgd.schema?.effectiveScope ?? .namespaced
        let ownKind = KroFileDetection.instanceKind(of: rgd)
        leading += ResourceStructureRules.check(r, instanceScope: instanceScope,
                                                scopeOf: { options.kind($0, forRGDOf: ownKind)?.scope })
        let keepsAll = options.retention == .all
        // An editor's analysis keeps the expressions: their paths are interned in the memo.
        var collector = ExpressionCollector(maxPerResource: options.limits.maxExpressionsPerResource, source: source,
                                            paths: keepsAll ? memo.paths : SharedPathBuilder())
        if keepsAll { memo.paths = SharedPathBuilder() }  // the collector's the only reference
        collector.collect(r)
        if keepsAll { memo.paths = collector.paths }
        var collected = collector.diagnostics
        // Taken out, so that `expressions` is their only reference and is changed in place
        // (a copy from the collector's would copy each expression and retain its fields).
        var expressions = collector.expressions
        collector.expressions = []
        // Kept with the snapshot, so sized to fit: collected one by one, the array had up to
        // twice the room.
        if keepsAll, expressions.capacity > expressions.count { expressions = expressions.withUnsafeBufferPointer { Array($0) } }
        collected += CRDTemplateRule.check(expressions, resource: r, gvk: gvk)
        for i in expressions.indices {
            collected += parse(&expressions[i], memo: &memo, partial: keepsAll)
        }
        // Unterminated `${…` give no diagnostic here (the collector reported them): only an
        // editor reads their trees.
        var unterminated = keepsAll ? collector.unterminated : []
        for i in unterminated.indices { unterminated[i].partial = parsePartial(unterminated[i]) }
        return PreparedResource(leading: leading, collected: collected, expressions: expressions,
                                unterminated: unterminated, hasAliases: hasAliases)
    }

    /// The per-resource pass: what one item holds, in the RGD's environment. `admission`:
    /// what admission found in the item (errors there keep expressions from being
    /// type-checked again, as elsewhere). `gvk`: `objectGVK(r)`. `prepared`: its
    /// `prepareResource`, when done already. `findingLimit`: the findings it keeps at most
    /// (by default `AnalysisLimits.findingsPerResource`).
    static func analyzeResource(_ r: RGDResource, gvk: GroupVersionKind?, admission: [Diagnostic],
                                prepared: consuming PreparedResource? = nil, source: SourceText? = nil,
                                rules: inout ReferenceRules, typeCheck: inout ExpressionTypeCheck,
                                options: AnalysisOptions, findingLimit: Int? = nil) -> ResourceAnalysis {
        let store = options.schemaStore
        var prepared = (consume prepared)
            ?? prepareResource(r, gvk: gvk, rgd: rules.rgd, options: options, source: source, memo: &typeCheck.memo)
        var diagnostics = prepared.leading
        if typeCheck.environment.kinds[r.index] == nil, let gvk,
           let unservable = UnservableKindRule.check(r, gvk: gvk, store: store) {
            diagnostics.append(unservable)
        }
        diagnostics += prepared.collected
        var expressions = prepared.expressions
        prepared.expressions = []  // `expressions` is then the only reference: mutated in place
        rules.startResource()
        for i in expressions.indices { rules.check(&expressions[i]) }
        rules.checkIdentity(r, expressions: expressions)
        diagnostics += rules.diagnostics
        diagnostics += lintReadyWhen(r)
        diagnostics += AuthoringLints.check(expressions, resourceIDs: rules.ids)

        // Expressions already flagged are not type-checked again (no duplicate noise).
        let flagged = FlaggedRanges((admission + diagnostics).filter { $0.severity == .error }.map(\.range))
        // A resource keeps at most one finding more than an RGD reports: a template of
        // 100,000 unknown fields stops being validated there, and the type check holds no
        // more than twice as many.
        let keep = findingLimit ?? options.limits.findingsPerResource
        typeCheck.findingLimit = keep
        defer { typeCheck.findingLimit = .max }
        typeCheck.reportUnknownKind(of: r)
        typeCheck.run(expressions) { flagged.anyWithin($0.scalar.range) }
        let unterminated = prepared.unterminated
        typeCheck.checkSilently(unterminated, from: expressions.count)
        typeCheck.validateTemplateLiterals(of: r, limit: keep - diagnostics.count)
        let typed = typeCheck.takeResults()
        diagnostics += typed.diagnostics
        for i in diagnostics.indices { diagnostics[i].message = AuthorTerms.rewrite(diagnostics[i].message) }
        if diagnostics.count > keep {
            diagnostics.sort(by: ordered)
            diagnostics.removeSubrange(keep...)
        }
        // Without `.all` retention, what remains is what the global passes read.
        guard options.retention == .all else {
            return ResourceAnalysis(diagnostics: diagnostics, expressions: [], unterminated: [], checks: [],
                                    dependencies: rules.dependencies[r.index] ?? [], hasAliases: prepared.hasAliases)
        }
        return ResourceAnalysis(diagnostics: diagnostics, expressions: expressions, unterminated: unterminated,
                                checks: typed.checks, dependencies: rules.dependencies[r.index] ?? [],
                                hasAliases: prepared.hasAliases)
    }

    static func objectGVK(_ r: RGDResource) -> GroupVersionKind? {
        guard let object = r.objectNode?.mapping,
              let av = object.value(forKey: "apiVersion")?.scalar?.value,
              let kind = object.value(forKey: "kind")?.scalar?.value else { return nil }
        return GroupVersionKind(apiVersion: av, kind: kind)
    }

    /// The tolerant parse of an expression being typed.
    static func parsePartial(_ expression: RGDExpression) -> ParsedExpr? {
        var options = ParserOptions()
        options.enableKroMacros = expression.kind == .condition
        return CELParser(options: options).parsePartial(expression.celText).parsed
    }

    /// Parses one expression (kro macros for conditions) and maps syntax errors to the file.
    /// `partial`: whether text that does not parse gets the tolerant parse (for editors).
    static func parse(_ expression: inout RGDExpression, memo: inout ExpressionMemo, partial: Bool = true) -> [Diagnostic] {
        let result = memo.parseShared(expression.celText, kroMacros: expression.kind == .condition)
        expression.parsedTree = result.tree
        // The memo's copy of the text: the expressions of one text then keep one string.
        if let tree = result.tree { expression.celText = tree.parsed.source }
        if result.tree == nil, partial { expression.partial = parsePartial(expression) }
        guard !result.issues.isEmpty else { return [] }  // the rest words findings
        let e = expression.quotedAuthorText
        let rid = expression.resourceID ?? ""
        return result.issues.map { issue in
            let (code, prefix): (String, String) = switch expression.kind {
            case .readyWhen: ("KRO337", "resource \"\(rid)\" readyWhen: parse error: ")
            case .status: ("KRO405", "status field \"\(expression.pathText)\" expression \"\(e)\": parse error: ")
            case .condition: ("KRO416", "condition \"\(e)\": parse error: ")
            default: ("KRO310", "failed to inspect expression: parse error: ")
            }
            var range = expression.fileRange(issue.span)
            if range.length == 0 { range.end = min(range.end + 1, max(range.end, expression.scalar.range.end)) }
            return Diagnostic(code: code, message: prefix + issue.message, range: range)
        }
    }

    /// KRO904: readyWhen on a selector-based externalRef can never hold at runtime.
    static func lintReadyWhen(_ r: RGDResource) -> [Diagnostic] {
        guard r.nodeType == .externalCollection, let ready = r.readyWhen, !ready.items.isEmpty else { return [] }
        return [Diagnostic(code: "KRO904", severity: .warning,
                           message: "readyWhen on a selector-based externalRef is accepted by kro but cannot become ready at runtime",
                           range: ready.keyRange)]
    }

    /// `resources`: the per-resource results, parallel to `rgd.resources`.
    static func buildGraph(_ rgd: ResourceGraphDefinition, resources: [ResourceAnalysis]) -> DependencyGraph {
        let parts = graphParts(rgd, resources: resources)
        return DependencyGraph(nodes: parts.nodes, edges: parts.edges)
    }

    /// The graph's nodes (first resource of each id) and their edges.
    static func graphParts(_ rgd: ResourceGraphDefinition,
                           resources: [ResourceAnalysis]) -> (nodes: [String], edges: [String: [DependencyEdge]]) {
        var nodes: [String] = []
        var edges: [String: [DependencyEdge]] = [:]
        for k in rgd.resources.indices {
            guard let id = rgd.resources[k].id?.value, edges[id] == nil else { continue }
            nodes.append(id)
            edges[id] = resources[k].dependencies
        }
        return (nodes, edges)
    }

    /// What the graph is built from, per resource.
    struct GraphInput: Equatable {
        var id: String?
        var dependencies: [DependencyEdge]

        /// Same id and the same dependencies in order, wherever they are written.
        func sameTargets(as other: GraphInput) -> Bool {
            id == other.id && dependencies.elementsEqual(other.dependencies) { $0.from == $1.from && $0.to == $1.to }
        }
    }

    /// KRO319 on every resource of each cycle, related locations on every edge.
    static func cycleDiagnostics(_ rgd: ResourceGraphDefinition, _ graph: DependencyGraph) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard !graph.cycles.isEmpty else { return out }
        // Where each id is written first (`resource(withID:)`, by a search, was quadratic in a long cycle).
        var anchors: [String: TextRange] = [:]
        for r in rgd.resources { if let id = r.id?.value, anchors[id] == nil { anchors[id] = r.anchorRange } }
        for members in graph.cycles {
            guard let start = members.first else { continue }
            let path = graph.cyclePath(from: start, within: Set(members))
            let round = path + [start]
            let message = "graph contains a cycle: " + AnalysisLimits.cycleText(count: round.count) { round[$0] }
            var related: [RelatedLocation] = []
            for (a, b) in zip(path, Array(path.dropFirst()) + [start]).prefix(AnalysisLimits.cycleMembersShown) {
                if let edge = graph.edges[a]?.first(where: { $0.to == b }) {
                    related.append(RelatedLocation(range: edge.range, message: "\(a) depends on \(b) here"))
                }
            }
            for id in members {
                guard let r = anchors[id] else { continue }
                out.append(Diagnostic(code: "KRO319", message: message, range: r, related: related))
            }
        }
        return out
    }
}
