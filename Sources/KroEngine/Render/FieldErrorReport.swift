import CEL
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
    /// What the rules cost so far, the rule that went over the budget included.
    var ruleCostSpent: Int64 = 0
    /// When the budget is what was left of a file's (`AnalysisLimits.maxRuleCostPerFile`):
    /// the notice given instead of the API server's error once it runs out.
    var fileRuleBudgetNotice: String?
    /// The schema's large enums as sets, built once for all the values checked against them.
    let enums = EnumLookup()
    /// The schema's `pattern`s, compiled once for all the values they check (a list of
    /// 100,000 names compiled its pattern for each).
    let patterns = PatternCache()
    /// The `x-kubernetes-validations` rules, parsed and planned once for all the values
    /// they check (a rule on a list's items was parsed again for each item).
    let rules = RuleProgramCache()

    /// Said after the notice of findings left out (`AnalysisLimits.moreFindingsHint`).
    private let moreFindingsHint: String?

    init(locator: FieldLocator, limit: Int = AnalysisLimits().maxFindings, moreFindingsHint: String? = nil) {
        self.locator = locator
        self.limit = limit
        self.moreFindingsHint = moreFindingsHint
    }

    /// Whether another finding is still reported.
    private var isOpen: Bool { diagnostics.count < limit }

    mutating func error(_ path: APIFieldPath, _ detail: String, at anchor: Anchor) {
        add(.error, path, detail, anchor)
    }

    /// KRO921, a warning, where a limit of kro-lsp's (not the API server's) stopped the
    /// checks at `path`'s value; not counted against `limit`.
    mutating func limitNotice(_ path: APIFieldPath, _ text: String) {
        append(Diagnostic(code: AnalysisLimits.code, severity: .warning, message: text, range: range(path, .value)))
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
    /// prints the API server's warnings. The text is made only while findings are listed
    /// (an instance of 3.5 million unknown fields made as many).
    mutating func warning(_ path: APIFieldPath, _ text: @autoclosure () -> String) {
        guard isOpen else { return noteOver(.warning, path, .key) }
        append(Diagnostic(code: "KRO601", severity: .warning, message: text(), range: locator.keyRange(path)))
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
                message: "the instance has more than \(limit) findings, over kro-lsp's limit of \(limit); this one and the rest are not reported"
                    + (moreFindingsHint.map { " (\($0))" } ?? ""),
                range: range(path, anchor)))
        } else if severity == .error {
            diagnostics[limit].severity = .error
        }
    }
}

/// Whether a value is one of an enum's, and the enum's values as a message lists them:
/// for large enums, worked out once per enum (20,000 values checked against an enum of
/// 100,000 compared each with every one).
final class EnumLookup {
    private static let setFrom = 16
    private struct Known {
        /// Kept, so that the storage's address stays this enum's.
        let values: [JSONValue]
        let set: Set<JSONValue>
        var choices: String?
    }
    /// By the address of the enum's storage.
    private var known: [UnsafeRawPointer: Known] = [:]

    func allows(_ value: JSONValue, _ allowed: [JSONValue]) -> Bool {
        guard let key = key(allowed) else { return allowed.contains(value) }
        if let k = known[key] { return k.set.contains(value) }
        let k = Known(values: allowed, set: Set(allowed))
        known[key] = k
        return k.set.contains(value)
    }

    func choices(_ allowed: [JSONValue], _ text: ([JSONValue]) -> String) -> String {
        guard let key = key(allowed), known[key] != nil else { return text(allowed) }
        if let choices = known[key]?.choices { return choices }
        let choices = text(allowed)
        known[key]?.choices = choices
        return choices
    }

    private func key(_ allowed: [JSONValue]) -> UnsafeRawPointer? {
        guard allowed.count >= Self.setFrom,
              let address = allowed.withUnsafeBufferPointer({ $0.baseAddress.map(UnsafeRawPointer.init) }) else { return nil }
        if let k = known[address], k.values.count != allowed.count { return nil }
        return address
    }
}

/// Compiled `pattern`s by their text; nil for one RE2 rejects (the value is not checked).
final class PatternCache {
    private var compiled: [String: RE2Regex?] = [:]

    func regex(_ pattern: String) -> RE2Regex? {
        if let known = compiled[pattern] { return known }
        let regex = try? RE2Regex(pattern)
        compiled[pattern] = regex
        return regex
    }
}

/// Rule and message expressions by text, parsed and made programs once (nil: no parse).
final class RuleProgramCache {
    private var programs: [String: Program?] = [:]

    func program(_ text: String) -> Program? {
        if let known = programs[text] { return known }
        let program = CELParser().parse(text).parsed.map { Program(parsed: $0, functions: .kro) }
        programs[text] = program
        return program
    }
}
