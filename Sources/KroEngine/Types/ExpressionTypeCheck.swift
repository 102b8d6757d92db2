import CEL
import JSON
import YAMLSyntax

/// The typing environment every expression of one RGD shares: built once per set of
/// resource ids, kinds and instance schema (`RGDEnvironmentKey`), reused across analyses
/// while those stay the same, so the schema type memo stays warm.
struct TypeEnvironment: Sendable {
    let context: KroTypeContext
    /// The schema of each resource whose kind is known (by resource index).
    let kinds: ResourceKinds
    /// Valid kinds without a schema offline, typed `dyn` (KRO905).
    let unknownKinds: [Int: GroupVersionKind]
    /// The RGDs checked together that each define the kind differently (by resource index).
    let ambiguousKinds: [Int: [String]]
    /// Resources typed from the CRD catalog or another RGD's CRD, by id: where their kind
    /// is written, and the note that names the schema's source (diagnostics about them carry it).
    let catalogNotes: [String: RelatedLocation]
    /// The schema of each resource's kind as literal validation reads it (by resource
    /// index): one tree per kind, shared by its resources and every RGD of the store.
    let literalTrees: [Int: LiteralSchemaTree]
    /// `context.environment`, boxed once: the checks made in it all hold this one.
    let sharedCheckEnvironment: CheckEnvironment

    init(rgd: ResourceGraphDefinition, store: SchemaStore, kinds: ResourceKinds,
         unknownKinds: [Int: GroupVersionKind], ambiguousKinds: [Int: [String]] = [:], instanceSpec: JSONValue?) {
        var notes: [String: RelatedLocation] = [:]
        for r in rgd.resources {
            guard let id = r.id?.value else { continue }
            if let kind = kinds[r.index], let kindValue = r.objectNode?.mapping?.value(forKey: "kind")?.scalar {
                switch kind.origin {
                case .catalog(let source):
                    notes[id] = RelatedLocation(range: kindValue.range, message: ExpressionTypeCheck.catalogNote(kind.gvk, source))
                case .rgd(let name):
                    notes[id] = RelatedLocation(range: kindValue.range, message: ExpressionTypeCheck.chainedNote(kind.gvk, rgdName: name))
                case .kubernetes, .crd: break
                }
            }
        }
        // Filtered, then mapped: counting them (to size the context's tables) makes no variable.
        let variables = rgd.resources.lazy.filter { $0.id != nil }.map { r in
            KroTypeContext.ResourceVariable(id: r.id!.value, isCollection: r.nodeType.isCollection, kind: kinds[r.index])
        }
        self.context = KroTypeContext(store: store, instanceSpec: instanceSpec,
                                      instanceScope: rgd.schema?.effectiveScope ?? .namespaced, resources: variables)
        self.sharedCheckEnvironment = CheckEnvironment(context.environment)
        self.kinds = kinds
        self.unknownKinds = unknownKinds
        self.ambiguousKinds = ambiguousKinds
        self.catalogNotes = notes
        self.literalTrees = kinds.mapValues { store.literalTrees.tree(of: $0, resolver: store.resolver) }
    }
}

/// Type checking of an RGD's expressions against the schemas of their kinds (cel.md §8,
/// errors.md phases 7–9), and validation of template literals (rgd.md §7.6). Run per
/// resource (and once for status and conditions); `takeResults` hands over what one run found.
struct ExpressionTypeCheck: Sendable {
    let rgd: ResourceGraphDefinition
    let store: SchemaStore
    let environment: TypeEnvironment
    var context: KroTypeContext { environment.context }
    /// Cut back to the first `findingLimit` by position whenever it holds twice as many: an
    /// expression of 5,000 unknown fields gives 5,000 findings, twenty of them 100,000.
    private(set) var diagnostics: [Diagnostic] = [] {
        didSet {
            if diagnostics.count / 2 >= findingLimit {
                diagnostics.sort(by: RGDAnalyzer.ordered)
                diagnostics.removeSubrange(findingLimit...)
            }
        }
    }
    /// The findings a resource keeps at most (`AnalysisLimits.findingsPerResource`): those
    /// past it by position are not kept in `diagnostics`.
    var findingLimit = Int.max
    /// The inferred type of each status field, by path (for the generated CRD).
    private(set) var statusTypes: [(path: [SchemaPathSegment], type: CELType)] = []

    /// The status schema of the generated CRD, from the inferred types (cel.md §10).
    var statusSchemas: [StatusFieldSchema] {
        let inference = StatusSchemaInference(types: context.environment.typeProvider)
        return statusTypes.map { StatusFieldSchema(path: $0.path, schema: inference.schema(for: $0.type)) }
    }
    /// What the checker computed for each expression (by index in the analysed list, nil
    /// for one that did not parse): also for expressions skipped as already flagged, whose
    /// issues are not reported. An array: a table keyed by index took 1.5–2.5 times the room.
    private(set) var checks: [ExpressionCheck?] = []
    /// forEach iterator types per resource index.
    private var iteratorTypes: [Int: [String: CELType]] = [:]
    /// Parses and checks by text: an RGD repeats its expressions.
    var memo = ExpressionMemo()
    /// Whether `checks` keeps what the checker computed (for editors). When false, only
    /// expressions whose issues are reported are checked, and nothing is kept but findings.
    var keepsChecks = true {
        didSet { memo.keepsOnlyVerdicts = !keepsChecks }
    }
    private var kinds: ResourceKinds { environment.kinds }
    private var catalogNotes: [String: RelatedLocation] { environment.catalogNotes }

    init(rgd: ResourceGraphDefinition, store: SchemaStore, environment: TypeEnvironment) {
        self.rgd = rgd
        self.store = store
        self.environment = environment
    }

    /// The diagnostics and checks found since the last call.
    mutating func takeResults() -> (diagnostics: [Diagnostic], checks: [ExpressionCheck?]) {
        defer { diagnostics = []; checks = [] }
        return (diagnostics, checks)
    }

    /// KRO905 for a resource whose valid kind has no schema offline.
    mutating func reportUnknownKind(of r: RGDResource) {
        guard let id = r.id?.value, let gvk = environment.unknownKinds[r.index],
              let kindValue = r.objectNode?.mapping?.value(forKey: "kind")?.scalar else { return }
        let definers = environment.ambiguousKinds[r.index] ?? []
        let message = definers.isEmpty
            ? "no schema for \(gvk.apiVersion) \(gvk.kind) offline (name its CRD with --crd or kro.crdPaths); expressions reading \"\(id)\" are typed dyn. kro itself rejects the RGD unless the kind is installed (KRO218)"
            : "\(gvk.apiVersion) \(gvk.kind) is defined differently by several RGDs checked together (\(definers.joined(separator: ", "))), so it is not typed from either; expressions reading \"\(id)\" are typed dyn. In a cluster only one of them can own the kind"
        diagnostics.append(Diagnostic(code: "KRO905", severity: .information, message: message, range: kindValue.range))
    }

    static func catalogNote(_ gvk: GroupVersionKind, _ source: CRDCatalog.Source) -> String {
        "\(gvk.apiVersion) \(gvk.kind) is typed from kro-lsp's CRD catalog (\(source.family): \(source.source) at \(source.version)); if your operator's CRD differs, name it with --crd or kro.crdPaths"
    }

    static func chainedNote(_ gvk: GroupVersionKind, rgdName: String) -> String {
        "\(gvk.apiVersion) \(gvk.kind) is typed from the CRD that RGD \"\(rgdName)\" generates (checked together with this one)"
    }

    /// The catalog notes of the resources `e` reads (and of its own resource, when `own`).
    private func catalogNotes(for e: RGDExpression, own: Bool) -> [RelatedLocation] {
        var ids = e.references.map(\.name)
        if own, let rid = e.resourceID { ids.insert(rid, at: 0) }
        var seen: Set<String> = []
        return ids.compactMap { id in seen.insert(id).inserted ? catalogNotes[id] : nil }
    }

    /// Checks every expression that parsed and has no reference error already.
    mutating func run(_ expressions: [RGDExpression], skipping flagged: (RGDExpression) -> Bool) {
        // Every iterator is declared (dyn until its forEach is typed), so a broken
        // forEach does not cascade into "undeclared reference" in the templates.
        for index in Set(expressions.compactMap(\.resourceIndex)) {
            guard let r = rgd.resource(atIndex: index), r.nodeType == .collection else { continue }
            for dimension in r.forEach { iteratorTypes[r.index, default: [:]][dimension.name.value] = .dyn }
        }
        // forEach first: iterator types feed the templates of their collection.
        let isFlagged = expressions.map(flagged)
        // One slot per expression, sized once (forEach first: slots are not filled in order).
        if keepsChecks {
            checks.reserveCapacity(expressions.count)
            if checks.count < expressions.count { checks += repeatElement(nil, count: expressions.count - checks.count) }
        }
        for i in expressions.indices {
            if case .forEach = expressions[i].kind { check(expressions[i], index: i, report: !isFlagged[i]) }
        }
        for i in expressions.indices {
            if case .forEach = expressions[i].kind { continue }
            check(expressions[i], index: i, report: !isFlagged[i])
        }
    }

    /// Checks expressions no stage reports on (unterminated `${` while typing) in their
    /// environments, after `run`, so iterator types are known; results are stored from
    /// index `first` on.
    mutating func checkSilently(_ expressions: [RGDExpression], from first: Int) {
        guard keepsChecks else { return }
        for (i, e) in expressions.enumerated() { check(e, index: first + i, report: false) }
    }

    private func resource(_ e: RGDExpression) -> RGDResource? {
        e.resourceIndex.flatMap(rgd.resource(atIndex:))
    }

    /// The expression's environment, and whether it is the RGD's shared one (`context.environment`).
    private func environment(for e: RGDExpression) -> (environment: CELEnvironment, isShared: Bool) {
        guard let r = resource(e), let id = r.id?.value else { return (context.environment, true) }
        switch e.kind {
        case .template where r.nodeType == .collection:
            return (context.environment(adding: iteratorTypes[r.index] ?? [:]), false)
        case .readyWhen where r.nodeType == .collection:
            return (context.environment(adding: ["each": context.itemTypes[id] ?? .dyn]), false)
        default:
            return (context.environment, true)
        }
    }

    /// `report`: false for an expression already flagged: its types are kept for the
    /// snapshot, its issues and output checks are not reported again.
    /// A partial tree (text that does not parse) is checked for the snapshot only.
    private mutating func check(_ e: RGDExpression, index: Int, report: Bool) {
        // What is not reported is checked only for the snapshot.
        guard let parsed = e.parsed ?? e.partial, keepsChecks || (report && e.parsed != nil) else { return }
        let (environment, isShared) = environment(for: e)
        let result = isShared && e.parsed != nil
            ? memo.check(parsed, kroMacros: e.kind == .condition, inSharedEnvironment: environment)
            : Checker.check(parsed, in: environment)
        if keepsChecks {
            if checks.count <= index { checks += repeatElement(nil, count: index + 1 - checks.count) }
            checks[index] = isShared ? ExpressionCheck(result: result, box: self.environment.sharedCheckEnvironment)
                : ExpressionCheck(result: result, environment: environment)
        }
        guard report, e.parsed != nil else { return }
        let rid = e.resourceID ?? ""
        let text = e.quotedAuthorText
        if !result.issues.isEmpty {
            let (code, prefix): (String, String) = switch e.kind {
            case .forEach(let n): ("KRO330", "node \"\(rid)\": forEach iterator \"\(n)\": ")
            case .template, .externalRef: ("KRO333", "failed to compile template expression \"\(text)\" at path \"\(e.pathText)\": ")
            case .includeWhen: ("KRO335", "failed to type-check includeWhen expression \"\(text)\" in resource \"\(rid)\": ")
            case .readyWhen: ("KRO341", "failed to type-check readyWhen expression \"\(text)\" in resource \"\(rid)\": ")
            case .status: ("KRO406", "failed to type-check status expression \"\(text)\" at path \"\(e.pathText)\": ")
            case .condition: ("KRO418", "failed to type-check condition \"\(text)\": ")
            }
            // Once for all the issues: an expression of 5,000 unknown fields made it each time.
            let related = catalogNotes(for: e, own: false)
            for issue in result.issues {
                var range = e.fileRange(issue.span)
                if range.length == 0 {
                    // Text kro generated (the `+` of a string template): show the `${…}` it joins.
                    range = e.matchRanges.first { $0.touches(range.start) } ?? TextRange(start: range.start, end: min(range.start + 1, e.scalar.range.end))
                }
                let fixes = issue.suggestion.map { [DiagnosticFix.replace(range, with: $0)] } ?? []
                diagnostics.append(Diagnostic(code: code, message: prefix + issue.message, range: range,
                                              related: related, fixes: fixes))
            }
            return
        }
        guard let output = result.type else { return }
        checkOutput(e, output)
    }

    private mutating func checkOutput(_ e: RGDExpression, _ output: CELType) {
        let rid = e.resourceID ?? ""
        let text = e.quotedAuthorText
        switch e.kind {
        case .forEach(let n):
            guard case .list(let element) = output else {
                diagnostics.append(Diagnostic(
                    code: "KRO332",
                    message: "node \"\(rid)\": forEach iterator \"\(n)\" must return a list, got \"\(output)\": type \"\(output)\" is not a list type",
                    range: e.range))
                return
            }
            if let index = e.resourceIndex { iteratorTypes[index, default: [:]][n] = element }
        case .template, .externalRef:
            // A string template in a non-string field is KRO307 (literal validation) already.
            guard let index = e.resourceIndex, kinds[index] != nil, e.form == .standalone else { return }
            let expected = context.types.expectedType(rootTypeName: SchemaTypeProvider.rootTypeName(forVariable: rid), path: e.path)
            if expected.isAssignable(from: output) { return }
            guard let detail = StructuralCompatibility(types: context.environment.typeProvider)
                .incompatibility(output: output, expected: expected) else { return }
            diagnostics.append(Diagnostic(
                code: "KRO334",
                message: "type mismatch in resource \"\(rid)\" at path \"\(e.pathText)\": expression \"\(text)\" returns type \"\(output)\" but expected \"\(expected)\": \(detail)",
                range: e.range, related: catalogNotes(for: e, own: true)))
            if Self.isStringInSecretData(kinds[index]?.gvk, path: e.path, output: output, expected: expected) {
                diagnostics.append(Diagnostic(
                    code: "KRO917", severity: .hint,
                    message: "Secret data values are bytes: put the string under stringData, or convert it with bytes(…)",
                    range: e.range))
            }
        case .includeWhen, .readyWhen:
            if output == .bool || output == .optional(.bool) { return }
            let which = e.kind == .includeWhen ? "includeWhen" : "readyWhen"
            diagnostics.append(Diagnostic(
                code: e.kind == .includeWhen ? "KRO336" : "KRO342",
                message: "\(which) expression \"\(text)\" in resource \"\(rid)\" must return bool or optional_type(bool), but returns \"\(output)\"",
                range: e.range))
        case .status:
            statusTypes.append((e.path, output))
            if let untyped = untypedStatusField(e, output) { diagnostics.append(untyped) }
        case .condition:
            let condition = CELType.object("kro.run.Condition")
            if output == condition || output == .list(condition) || output == .dyn { return }
            diagnostics.append(Diagnostic(
                code: "KRO419",
                message: "condition \"\(text)\": condition expressions must return runtime.newCondition(...) or a list of them, got \"\(output)\"",
                range: e.range))
        }
    }

    /// KRO917, a hint beside KRO334: a string written to a Secret's `data` (bytes).
    static func isStringInSecretData(_ gvk: GroupVersionKind?, path: [SchemaPathSegment], output: CELType, expected: CELType) -> Bool {
        gvk?.group == "" && gvk?.kind == "Secret" && path.first == .field("data") && output == .string && expected == .bytes
    }

    /// KRO907: a status field whose type is `dyn` or optional gets no type in the generated
    /// CRD (`x-kubernetes-preserve-unknown-fields`). Not said when the expression reads a
    /// resource without a schema (KRO905 says that already).
    private func untypedStatusField(_ e: RGDExpression, _ output: CELType) -> Diagnostic? {
        let untyped: Bool
        switch output {
        case .dyn, .optional: untyped = true
        default: untyped = false
        }
        guard untyped else { return nil }
        for reference in e.references where reference.name != "schema" {
            guard let r = rgd.resource(withID: reference.name), kinds[r.index] != nil else { return nil }
        }
        return Diagnostic(
            code: "KRO907", severity: .information,
            message: "status field \"\(e.pathText)\" has type \"\(output)\", so the generated CRD leaves it untyped (x-kubernetes-preserve-unknown-fields): printer columns and RGDs using this kind cannot rely on its type; convert it (string(…), int(…)) to give it one",
            range: e.range)
    }

    /// rgd.md §7.6: literals of a managed template against its kind's schema. CRD
    /// templates and externalRefs are schemaless. `limit`: findings this resource may still
    /// add (with those of this check since `takeResults`); the walk stops there.
    mutating func validateTemplateLiterals(of r: RGDResource, limit: Int = .max) {
        guard let template = r.template, let kind = kinds[r.index], let tree = environment.literalTrees[r.index],
              !(kind.gvk.group == "apiextensions.k8s.io" && kind.gvk.kind == "CustomResourceDefinition") else { return }
        let validator = TemplateLiteralValidator(resolver: store.resolver) { text in
            let scan = ExpressionScanner.scan(text)
            if scan.isStandalone { return .standaloneExpression }
            return scan.hasExpressions ? .template : .literal
        }
        let room = limit - diagnostics.count
        guard room > 0 else { return }
        for finding in validator.validate(template: template, tree: tree, limit: room) {
            let id = r.id?.value ?? ""
            diagnostics.append(Diagnostic(
                code: finding.code,
                message: "resource \"\(id)\": \(finding.message)",
                range: finding.range, related: catalogNotes[id].map { [$0] } ?? [],
                fixes: finding.suggestion.map { [DiagnosticFix.replace(finding.range, with: $0)] } ?? []))
        }
    }
}
