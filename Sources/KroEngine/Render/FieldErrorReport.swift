import JSON
import YAMLSyntax

/// Collects admission findings as API server field errors (`<path>: <detail>`), each
/// positioned at the instance field it names.
struct FieldErrorReport {
    enum Anchor { case key, value }
    let locator: FieldLocator
    private(set) var diagnostics: [Diagnostic] = []

    init(locator: FieldLocator) { self.locator = locator }

    mutating func error(_ path: APIFieldPath, _ detail: String, at anchor: Anchor) {
        add(.error, path, detail, anchor)
    }

    /// "Required value" for `name` of the object at `parent`, with a fix adding the field
    /// with a placeholder its schema accepts (what `kro-lsp instance` would write).
    mutating func missingRequired(_ name: String, of parent: APIFieldPath, schema: JSONValue?) {
        let value = schema.map(InstanceScaffold.placeholder) ?? .string("")
        let fixes = locator.insertion(name, value: value, into: parent)
            .map { [DiagnosticFix(title: "Add required field \(name)", edits: $0)] } ?? []
        add(.error, parent.child(name), "Required value", .key, fixes: fixes)
    }

    /// A warning whose text names the field itself (`unknown field "spec.x"`), as kubectl
    /// prints the API server's warnings.
    mutating func warning(_ path: APIFieldPath, _ text: String) {
        let d = Diagnostic(code: "KRO601", severity: .warning, message: text, range: locator.keyRange(path))
        if !diagnostics.contains(d) { diagnostics.append(d) }
    }

    private mutating func add(_ severity: DiagnosticSeverity, _ path: APIFieldPath, _ detail: String, _ anchor: Anchor,
                              fixes: [DiagnosticFix] = []) {
        let range = anchor == .key ? locator.keyRange(path) : locator.valueRange(path)
        let text = path.segments.isEmpty ? detail : "\(path): \(detail)"
        let d = Diagnostic(code: "KRO601", severity: severity, message: text, range: range, fixes: fixes)
        if !diagnostics.contains(d) { diagnostics.append(d) }
    }
}
