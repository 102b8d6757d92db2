import CEL
import YAMLSyntax

/// Everything the engine knows about one RGD document, for diagnostics and for later
/// stages (type checking, hover, definition, completion).
public struct RGDAnalysis: Sendable {
    public var rgd: ResourceGraphDefinition
    /// Every expression, in document order per resource, then status and conditions.
    public var expressions: [RGDExpression]
    public var graph: DependencyGraph
    /// The instance schema built from `spec.schema.spec`/`types` (SimpleSchema).
    public var instanceSchema: SimpleSchemaResult
    /// The CRD status schema inferred from the status expressions' types (cel.md §10);
    /// fields whose expression did not type-check are absent.
    public var statusSchemas: [StatusFieldSchema]
    /// Unterminated `${…` being typed: parsed tolerantly and checked silently, for editors.
    public var unterminatedExpressions: [RGDExpression] = []
    /// What the type checker computed, by index into `expressions` followed by
    /// `unterminatedExpressions` (partial trees included).
    public var checks: [Int: ExpressionCheck] = [:]
    /// The typed environment of the RGD (`schema`, resource variables, their types).
    public var typeContext: KroTypeContext
    /// Sorted by position, then code.
    public var diagnostics: [Diagnostic]
    public var topologicalOrder: [String]? { graph.topologicalOrder }
}

/// The RGD analysis of phases 0–9 that needs no Kubernetes schema and no CEL types:
/// admission, naming, resource structure, expressions, references, graph, status.
public enum RGDAnalyzer {
    /// kro's default `--rgd-max-collection-dimension-size`.
    public static let maxForEachDimensions = 10

    /// nil when the document is not an RGD.
    /// `source`: the document's text, for fixes that insert lines.
    public static func analyze(document: YAMLDocument, options: AnalysisOptions = .init(), source: SourceText? = nil) -> RGDAnalysis? {
        let (parsedRGD, admission) = RGDParser.parse(document: document, source: source)
        guard let rgd = parsedRGD else { return nil }
        var diagnostics = admission
        diagnostics += NamingRules.check(rgd, maxDimensions: maxForEachDimensions)

        let instanceScope = rgd.schema?.effectiveScope ?? .namespaced
        let ownKind = KroFileDetection.instanceKind(of: rgd)
        let lookup = { (gvk: GroupVersionKind) in options.kind(gvk, forRGDOf: ownKind) }
        let scopeOf: (GroupVersionKind) -> ResourceScope? = { lookup($0)?.scope }
        // Each resource's kind is resolved once; scopes and types both come from it.
        var kinds: [Int: KindSchema] = [:]
        var unknownKinds: [Int: GroupVersionKind] = [:]
        var ambiguousKinds: [Int: [String]] = [:]
        for r in rgd.resources {
            diagnostics += ResourceStructureRules.check(r, instanceScope: instanceScope, scopeOf: scopeOf)
            guard let gvk = objectGVK(r) else { continue }
            if let kind = lookup(gvk) {
                kinds[r.index] = kind
            } else if let unservable = UnservableKindRule.check(r, gvk: gvk, store: options.schemaStore) {
                diagnostics.append(unservable)
            } else {
                unknownKinds[r.index] = gvk
                let definers = options.chainedKinds.definers(ofAmbiguous: gvk)
                if !definers.isEmpty { ambiguousKinds[r.index] = definers }
            }
        }
        let scopes = kinds.mapValues(\.scope)

        var collector = ExpressionCollector()
        collector.collect(rgd)
        diagnostics += collector.diagnostics
        var expressions = collector.expressions
        diagnostics += CRDTemplateRule.check(expressions, rgd: rgd)

        let environment = CELEnvironment.kro()
        var rules = ReferenceRules(rgd: rgd, omitEnabled: options.omitFunctionEnabled, resourceScopes: scopes,
                                   environment: environment)
        for i in expressions.indices {
            diagnostics += parse(&expressions[i])
            rules.check(&expressions[i])
        }
        for r in rgd.resources { rules.checkIdentity(r, expressions: expressions) }
        diagnostics += rules.diagnostics
        diagnostics += ConditionRules.check(expressions.filter { $0.kind == .condition })
        diagnostics += lintReadyWhen(rgd)

        // SimpleSchema gives `schema` its type; then every expression is type-checked
        // against the kinds' schemas, except those already flagged (no duplicate noise).
        let instance = SimpleSchemaBuilder.build(spec: rgd.schema?.spec, types: rgd.schema?.types)
        diagnostics += instance.diagnostics
        diagnostics += ValidationRuleCheck.check(instance.fields)
        let flagged = FlaggedRanges(diagnostics.filter { $0.severity == .error }.map(\.range))
        var typeCheck = ExpressionTypeCheck(rgd: rgd, store: options.schemaStore, kinds: kinds,
                                            unknownKinds: unknownKinds, ambiguousKinds: ambiguousKinds, instanceSpec: instance.typingSchema)
        typeCheck.run(expressions) { flagged.anyWithin($0.scalar.range) }
        diagnostics += typeCheck.diagnostics
        var unterminated = collector.unterminated
        for i in unterminated.indices { unterminated[i].partial = parsePartial(unterminated[i]) }
        typeCheck.checkSilently(unterminated, from: expressions.count)

        let graph = buildGraph(rgd, dependencies: rules.dependencies)
        diagnostics += cycleDiagnostics(rgd, graph)
        for i in diagnostics.indices { diagnostics[i].message = AuthorTerms.rewrite(diagnostics[i].message) }
        diagnostics.sort { ($0.range.start, $0.range.end, $0.code) < ($1.range.start, $1.range.end, $1.code) }
        return RGDAnalysis(rgd: rgd, expressions: expressions, graph: graph, instanceSchema: instance,
                           statusSchemas: typeCheck.statusSchemas,
                           unterminatedExpressions: unterminated, checks: typeCheck.checks,
                           typeContext: typeCheck.context, diagnostics: diagnostics)
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
    static func parse(_ expression: inout RGDExpression) -> [Diagnostic] {
        var options = ParserOptions()
        options.enableKroMacros = expression.kind == .condition
        let result = CELParser(options: options).parse(expression.celText)
        expression.parsed = result.parsed
        if result.parsed == nil { expression.partial = parsePartial(expression) }
        let e = expression.authorText
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
    static func lintReadyWhen(_ rgd: ResourceGraphDefinition) -> [Diagnostic] {
        rgd.resources.compactMap { r in
            guard r.nodeType == .externalCollection, let ready = r.readyWhen, !ready.items.isEmpty else { return nil }
            return Diagnostic(code: "KRO904", severity: .warning,
                              message: "readyWhen on a selector-based externalRef is accepted by kro but cannot become ready at runtime",
                              range: ready.keyRange)
        }
    }

    static func buildGraph(_ rgd: ResourceGraphDefinition, dependencies: [Int: [DependencyEdge]]) -> DependencyGraph {
        var nodes: [String] = []
        var edges: [String: [DependencyEdge]] = [:]
        for r in rgd.resources {
            guard let id = r.id?.value, edges[id] == nil else { continue }
            nodes.append(id)
            edges[id] = dependencies[r.index] ?? []
        }
        return DependencyGraph(nodes: nodes, edges: edges)
    }

    /// KRO319 on every resource of each cycle, related locations on every edge.
    static func cycleDiagnostics(_ rgd: ResourceGraphDefinition, _ graph: DependencyGraph) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for members in graph.cycles {
            guard let start = members.first else { continue }
            let path = graph.cyclePath(from: start, within: Set(members))
            let message = "graph contains a cycle: " + (path + [start]).joined(separator: " -> ")
            var related: [RelatedLocation] = []
            for (a, b) in zip(path, Array(path.dropFirst()) + [start]) {
                if let edge = graph.edges[a]?.first(where: { $0.to == b }) {
                    related.append(RelatedLocation(range: edge.range, message: "\(a) depends on \(b) here"))
                }
            }
            for id in members {
                guard let r = rgd.resource(withID: id) else { continue }
                out.append(Diagnostic(code: "KRO319", message: message, range: r.anchorRange, related: related))
            }
        }
        return out
    }
}
