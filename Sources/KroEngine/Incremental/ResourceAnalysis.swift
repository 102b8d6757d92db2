import YAMLSyntax

/// Everything the analysis finds inside one `spec.resources` item, given the RGD's typing
/// environment: its expressions (parsed, references resolved, type-checked), dependency
/// edges and diagnostics. A pure function of (item text, column, index, environment), so
/// it is cached by those (`AnalysisCache`) and moved when the item moves.
struct ResourceAnalysis: Sendable {
    var diagnostics: [Diagnostic]
    /// In document order (template or externalRef, forEach, includeWhen, readyWhen).
    var expressions: [RGDExpression]
    var unterminated: [RGDExpression]
    /// By index into `expressions`, then `unterminated` (after `expressions.count`); nil
    /// (or past the end) for an expression without a tree.
    var checks: [ExpressionCheck?]
    var dependencies: [DependencyEdge]
    /// An alias inside the item may read text outside it (and an anchor may be read from
    /// outside): such a result is never reused.
    var hasAliases: Bool

    /// Nothing found (a placeholder until a resource is analysed).
    static let empty = ResourceAnalysis(diagnostics: [], expressions: [], unterminated: [], checks: [],
                                        dependencies: [], hasAliases: false)

    func shifted(by delta: Int) -> ResourceAnalysis {
        guard delta != 0 else { return self }
        var r = self
        r.diagnostics = diagnostics.map { $0.shifted(by: delta) }
        r.expressions = expressions.map { $0.shifted(by: delta) }
        r.unterminated = unterminated.map { $0.shifted(by: delta) }
        r.dependencies = dependencies.map { $0.shifted(by: delta) }
        return r
    }
}

/// What every resource's analysis reads from outside its item — the environment
/// fingerprint: `spec.schema` as written (instance schema, scope), each resource's id,
/// kind and node type in order (variables, their types, did-you-mean candidates), and
/// the omit feature gate. Equal keys give equal `TypeEnvironment`s.
struct RGDEnvironmentKey: Equatable {
    struct Resource: Equatable {
        var id: String?
        var gvk: GroupVersionKind?
        var nodeType: RGDNodeType
        /// `gvk`: `RGDAnalyzer.objectGVK(r)`.
        init(_ r: RGDResource, gvk: GroupVersionKind?) { id = r.id?.value; self.gvk = gvk; nodeType = r.nodeType }
    }
    var schemaText: [UInt8]
    var schemaColumn: Int
    var resources: [Resource]
    var omitFunctionEnabled: Bool

    /// `known(k)`: the part of the `k`-th resource when an earlier key has it (its item unchanged).
    /// `gvks`: each resource's kind (`RGDParser.Admission.gvks`).
    init(_ rgd: ResourceGraphDefinition, gvks: [GroupVersionKind?], source: SourceText, options: AnalysisOptions,
         known: (Int) -> Resource? = { _ in nil }) {
        if let range = rgd.schema?.node.range {
            schemaText = Array(source.bytes[range.start..<range.end])
            schemaColumn = range.start - source.lineStarts[source.line(containing: range.start)]
        } else {
            schemaText = []
            schemaColumn = 0
        }
        resources = rgd.resources.indices.map { k in known(k) ?? Resource(rgd.resources[k], gvk: gvks[k]) }
        omitFunctionEnabled = options.omitFunctionEnabled
    }
}

/// A resource's findings and expressions before the typing environment is known
/// (`RGDAnalyzer.prepareResource`), in the order the per-resource pass reports them.
struct PreparedResource: Sendable {
    /// KRO003 and the structure rules (an unservable kind, known with the environment, follows them).
    var leading: [Diagnostic]
    /// Collection, the CRD template rule and parse errors.
    var collected: [Diagnostic]
    /// Parsed (or with a tolerant tree when they do not parse).
    var expressions: [RGDExpression]
    /// Unterminated `${…`, with their tolerant trees.
    var unterminated: [RGDExpression]
    var hasAliases: Bool
}

/// The prepared parts of a first analysis, each handed to the one job that finishes its
/// resource and taken out (`take`), so the job's arrays are not shared: the expressions
/// are then mutated in place, not copied, and nothing is left to free after the pass.
final class PreparedParts: @unchecked Sendable {  // each slot is taken by one job only
    private let slots: UnsafeMutableBufferPointer<PreparedResource?>

    init(_ parts: consuming [PreparedResource?]) {
        slots = .allocate(capacity: parts.count)
        _ = slots.initialize(from: parts)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// The prepared part of resource `k` (nil when it was not prepared), left empty.
    func take(_ k: Int) -> PreparedResource? {
        guard k < slots.count else { return nil }
        let part = slots[k]
        slots[k] = nil
        return part
    }
}
