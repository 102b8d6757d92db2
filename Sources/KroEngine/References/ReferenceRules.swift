import CEL
import YAMLSyntax

/// Checks what each expression references against rgd.md §9.1 and collects
/// dependencies (§9.2): KRO311–KRO318, KRO320, KRO331, KRO338–KRO340, KRO405, KRO407, KRO417.
struct ReferenceRules: Sendable {
    let rgd: ResourceGraphDefinition
    let omitEnabled: Bool
    let isDeclaredFunction: @Sendable (String) -> Bool
    /// Scope of each resource's kind when known.
    let resourceScopes: [Int: ResourceScope]

    var diagnostics: [Diagnostic] = []
    /// Per resource index, dependency edges in discovery order.
    var dependencies: [Int: [DependencyEdge]] = [:]
    private struct DependencyTarget: Hashable {
        var from: Int
        var to: String
    }
    /// The pairs `dependencies` holds.
    private var dependencyTargets: Set<DependencyTarget> = []

    /// The environment kro compiles in: which functions exist, and what a misspelt one meant.
    let environment: CELEnvironment

    /// `resourceIDs`: `ResourceIDs(rgd)` when the caller kept it (it depends on the ids alone).
    init(rgd: ResourceGraphDefinition, omitEnabled: Bool, resourceScopes: [Int: ResourceScope],
         environment: CELEnvironment, resourceIDs: ResourceIDs? = nil) {
        self.rgd = rgd; self.omitEnabled = omitEnabled; self.resourceScopes = resourceScopes
        self.environment = environment
        self.isDeclaredFunction = { environment.lookupFunction($0) != nil }
        let resourceIDs = resourceIDs ?? ResourceIDs(rgd)
        self.idList = resourceIDs.list
        self.ids = resourceIDs.set
        self.duplicatedIDs = resourceIDs.duplicated
    }

    /// Resource ids in declaration order (did-you-mean candidates), as a set (lookups) and
    /// those declared twice, built once: an RGD may have thousands of resources.
    struct ResourceIDs: Sendable {
        let list: [String]
        let set: Set<String>
        let duplicated: Set<String>

        init(_ rgd: ResourceGraphDefinition) {
            list = rgd.resourceIDs
            set = Set(list)
            var seen: Set<String> = [], twice: Set<String> = []
            for id in list where !seen.insert(id).inserted { twice.insert(id) }
            duplicated = twice
        }
    }

    private let idList: [String]
    let ids: Set<String>
    private let duplicatedIDs: Set<String>

    mutating func report(_ code: String, _ message: String, _ range: TextRange, severity: DiagnosticSeverity = .error,
                         fixes: [DiagnosticFix] = []) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range, fixes: fixes))
    }

    /// Fills `expression.references` and reports rule violations.
    mutating func check(_ expression: inout RGDExpression) {
        guard let parsed = expression.parsed else { return }
        let scan = ReferenceWalker(isDeclaredFunction: isDeclaredFunction).scan(parsed.expr)
        expression.references = scan.identifiers.map { ExpressionReference(name: $0.name, span: $0.span) }
        let resource = expression.resourceIndex.flatMap(rgd.resource(atIndex:))
        let ownID = resource?.id?.value
        let iterators = Set(resource?.forEach.map(\.name.value) ?? [])
        let rid = ownID ?? ""
        let e = expression.quotedAuthorText
        var referencesSomething = false
        var hasUnknownReference = false

        for ref in expression.references {
            let name = ref.name
            let range = expression.fileRange(ref.span)
            switch expression.kind {
            case .template, .externalRef, .forEach, .includeWhen:
                if name == "schema" { continue }
                if name == ownID {
                    // With a duplicated id (KRO204) the name may mean the other resource:
                    // the duplicate is the one root cause reported.
                    if !duplicatedIDs.contains(name) { report("KRO318", "self references are not allowed", range) }
                } else if ids.contains(name) {
                    addDependency(from: expression.resourceIndex, ownID: ownID, to: name, range: range)
                } else if iterators.contains(name) {
                    if case .forEach(let it) = expression.kind {
                        report("KRO315", "node \"\(rid)\": forEach iterator \"\(it)\" cannot reference other iterators [\(name)] - forEach iterators are independent (cartesian product)", range)
                    } else if expression.kind == .includeWhen {
                        unknown(ref, at: range, prefix: "", code: "KRO311", candidates: [["schema"], idList].joined())
                    }
                } else if name == "each" {
                    report("KRO317", "node each does not exist", range)
                } else if name == "runtime" {
                    report("KRO313", "runtime is only available in status.conditions expressions", range)
                } else {
                    let visible = expression.kind == .template ? Array(iterators) : []
                    unknown(ref, at: range, prefix: "", code: "KRO311", candidates: [["schema"], idList, visible].joined())
                }
            case .readyWhen:
                let allowed = resource?.nodeType == .collection ? "each" : ownID
                if name != allowed {
                    unknown(ref, at: range, prefix: "resource \"\(rid)\" readyWhen: ", code: "KRO338",
                            candidates: [allowed].compactMap { $0 })
                }
            case .status, .condition:
                if name == "schema" || ids.contains(name) { referencesSomething = true; continue }
                if expression.kind == .condition && name == "runtime" { continue }
                let code = expression.kind == .status ? "KRO405" : "KRO417"
                let prefix = expression.kind == .status
                    ? "status field \"\(expression.pathText)\" expression \"\(e)\": " : "condition \"\(e)\": "
                unknown(ref, at: range, prefix: prefix, code: code, candidates: [["schema"], idList].joined())
                hasUnknownReference = true
            }
        }
        checkFunctions(scan, expression: expression, rid: rid)
        // A misspelt reference is reported once (KRO405), not again as "refers to nothing".
        if expression.kind == .status && !referencesSomething && !hasUnknownReference {
            report("KRO407", "instance status field must refer to a resource or schema: status.\(expression.pathText)",
                   expression.range)
        }
    }

    private mutating func checkFunctions(_ scan: ReferenceScan, expression: RGDExpression, rid: String) {
        let e = expression.quotedAuthorText
        for f in scan.unknownFunctions {
            let range = expression.fileRange(f.span)
            let suggestion = FunctionSuggestions.suggestion(for: f.name, in: environment)
            let unknown = "uses unknown function \"\(f.name)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
            let fixes = suggestion.map { [DiagnosticFix.replace(range, with: $0)] } ?? []
            switch expression.kind {
            case .readyWhen: report("KRO339", "resource \"\(rid)\" readyWhen: " + unknown, range, fixes: fixes)
            case .status: report("KRO405", "status field \"\(expression.pathText)\" expression \"\(e)\": " + unknown, range, fixes: fixes)
            case .condition: report("KRO417", "condition \"\(e)\": " + unknown, range, fixes: fixes)
            default: report("KRO312", unknown, range, fixes: fixes)
            }
        }
        let onlyTemplates = "omit() can only be used in resource template expressions"
        for span in scan.omitCalls {
            let range = expression.fileRange(span)
            switch expression.kind {
            case .readyWhen: report("KRO340", "resource \"\(rid)\" readyWhen: " + onlyTemplates, range)
            case .status: report("KRO405", "status field \"\(expression.pathText)\" expression \"\(e)\": " + onlyTemplates, range)
            case .condition: report("KRO417", "condition \"\(e)\": " + onlyTemplates, range)
            case .template, .externalRef, .forEach, .includeWhen:
                if !omitEnabled {
                    report("KRO314", "omit() requires the CELOmitFunction feature gate to be enabled", range)
                } else if case .forEach(let it) = expression.kind {
                    report("KRO331", "node \"\(rid)\": forEach iterator \"\(it)\": " + onlyTemplates, range)
                } else if expression.kind == .template, isIdentityPath(expression) {
                    report("KRO320", "resource \"\(rid)\": omit() cannot be used at path \"\(expression.pathText)\" — the field is required and must resolve to a concrete value", range)
                }
            }
        }
    }

    /// `metadata.name`, or `metadata.namespace` of a namespaced kind under a
    /// cluster-scoped instance (rgd.md §8.6).
    private func isIdentityPath(_ expression: RGDExpression) -> Bool {
        if expression.path == [.field("metadata"), .field("name")] { return true }
        guard expression.path == [.field("metadata"), .field("namespace")], let i = expression.resourceIndex else { return false }
        return resourceScopes[i] == .namespaced && rgd.schema?.effectiveScope == .cluster
    }

    /// `candidates` are read in place: a copy of 10,000 ids for each unknown name was most
    /// of a check's time.
    private mutating func unknown(_ ref: ExpressionReference, at range: TextRange, prefix: String, code: String,
                                  candidates: some Sequence<String>) {
        var message = prefix + "references unknown identifiers: [\(ref.name)]"
        let suggestion = DidYouMean.closest(to: ref.name, among: candidates, maxDistance: max(1, ref.name.count / 3))
        if let suggestion { message += " (did you mean \"\(suggestion)\"?)" }
        report(code, message, range, fixes: suggestion.map { [DiagnosticFix.replace(range, with: $0)] } ?? [])
    }

    /// The first reference of each resource to each other one. Appended in place, and
    /// looked up in a set: a copy of the list and a search of it for every reference took
    /// 2 s for one resource reading 9,000 others.
    private mutating func addDependency(from index: Int?, ownID: String?, to: String, range: TextRange) {
        guard let index, let ownID, dependencyTargets.insert(DependencyTarget(from: index, to: to)).inserted else { return }
        dependencies[index, default: []].append(DependencyEdge(from: ownID, to: to, range: range))
    }

    /// Starts the rules over for the next resource: no diagnostics or dependencies yet.
    mutating func startResource() {
        diagnostics = []
        dependencies = [:]
        dependencyTargets = []
    }

    /// KRO316: every iterator must appear in an identity field expression (rgd.md §10).
    mutating func checkIdentity(_ resource: RGDResource, expressions: [RGDExpression]) {
        guard resource.nodeType == .collection, let rid = resource.id?.value else { return }
        let namespaced = resourceScopes[resource.index] != .cluster
        let identityPaths: [[SchemaPathSegment]] = [[.field("metadata"), .field("name")]]
            + (namespaced ? [[.field("metadata"), .field("namespace")]] : [])
        let used = Set(expressions.filter {
            $0.resourceIndex == resource.index && $0.kind == .template && identityPaths.contains($0.path)
        }.flatMap { $0.references.map(\.name) })
        let missing = resource.forEach.map(\.name.value).filter { !used.contains($0) }
        guard !missing.isEmpty else { return }
        let nameRange = resource.template?.mapping?.value(forKey: "metadata")?.mapping?.value(forKey: "name")?.range
        report("KRO316", "node \"\(rid)\": all forEach dimensions must be used to produce a unique resource identity, missing: [\(missing.joined(separator: " "))]",
               nameRange ?? resource.forEachKeyRange ?? resource.anchorRange)
    }
}
