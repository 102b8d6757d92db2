import JSON
import YAMLSyntax

/// Collects admission findings as API server field errors (`<path>: <detail>`), each
/// positioned at the instance field it names.
struct FieldErrorReport {
    enum Anchor { case key, value }
    let locator: FieldLocator
    private(set) var diagnostics: [Diagnostic] = []
    /// The findings reported so far, so the same one is reported once (in constant time:
    /// an instance of 100,000 unknown fields searched the list for each).
    private var reported: Set<Diagnostic> = []
    /// Findings reported at most; the one going over gets KRO921 and the rest are dropped.
    let limit: Int
    /// What the instance's `x-kubernetes-validations` rules may still cost together (the
    /// API server's budget per object); negative once spent, when no rule runs any more.
    var ruleCostLeft = ValidationRules.costBudget

    init(locator: FieldLocator, limit: Int = AnalysisLimits().maxFindings) {
        self.locator = locator
        self.limit = limit
    }

    /// Whether another finding is still reported.
    private var isOpen: Bool { diagnostics.count < limit }

    mutating func error(_ path: APIFieldPath, _ detail: String, at anchor: Anchor) {
        add(.error, path, detail, anchor)
    }

    /// "Required value" for `name` of the object at `parent`, with a fix adding the field
    /// with a placeholder its schema accepts (what `kro-lsp instance` would write).
    mutating func missingRequired(_ name: String, of parent: APIFieldPath, schema: JSONValue?) {
        guard isOpen else { return noteOver(.error, parent.child(name), .key) }
        let value = schema.map(InstanceScaffold.placeholder) ?? .string("")
        let fixes = locator.insertion(name, value: value, into: parent)
            .map { [DiagnosticFix(title: "Add required field \(name)", edits: $0)] } ?? []
        add(.error, parent.child(name), "Required value", .key, fixes: fixes)
    }

    /// A warning whose text names the field itself (`unknown field "spec.x"`), as kubectl
    /// prints the API server's warnings.
    mutating func warning(_ path: APIFieldPath, _ text: String) {
        guard isOpen else { return noteOver(.warning, path, .key) }
        append(Diagnostic(code: "KRO601", severity: .warning, message: text, range: locator.keyRange(path)))
    }

    private mutating func add(_ severity: DiagnosticSeverity, _ path: APIFieldPath, _ detail: String, _ anchor: Anchor,
                              fixes: [DiagnosticFix] = []) {
        guard isOpen else { return noteOver(severity, path, anchor) }
        let text = path.segments.isEmpty ? detail : "\(path): \(detail)"
        append(Diagnostic(code: "KRO601", severity: severity, message: text, range: range(path, anchor), fixes: fixes))
    }

    private mutating func append(_ diagnostic: Diagnostic) {
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    private func range(_ path: APIFieldPath, _ anchor: Anchor) -> TextRange {
        anchor == .key ? locator.keyRange(path) : locator.valueRange(path)
    }

    /// KRO921 once, at the first finding over the limit: an error when one of the findings
    /// left out is (the instance would be refused), else a warning.
    private mutating func noteOver(_ severity: DiagnosticSeverity, _ path: APIFieldPath, _ anchor: Anchor) {
        if diagnostics.count == limit {
            diagnostics.append(Diagnostic(
                code: AnalysisLimits.code, severity: severity,
                message: "the instance has more than \(limit) findings, over kro-lsp's limit of \(limit); this one and the rest are not reported",
                range: range(path, anchor)))
        } else if severity == .error {
            diagnostics[limit].severity = .error
        }
    }
}
