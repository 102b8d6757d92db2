import YAMLSyntax

/// Bounds on what one RGD's analysis takes on (README "Limits"). Far above any real RGD
/// (the API server stores objects of at most ~1.5 MiB), they keep a generated or hostile
/// file from costing minutes. Going over one is an error (KRO921) that names the limit.
public struct AnalysisLimits: Sendable, Hashable {
    /// Resources in `spec.resources`; over it, the resources and status are not analysed.
    public var maxResources: Int
    /// Expressions of one resource (template, forEach, includeWhen, readyWhen) or of the
    /// status block; over it, the rest of that resource's expressions are not checked.
    public var maxExpressionsPerResource: Int
    /// `${` in the text of `spec.resources`, all resources together; over it, as over
    /// `maxResources`. The per-resource limit alone let 10,000 resources hold 100 million
    /// expressions: a 35 MB file of one million took 8 s and 830 MB.
    public var maxExpressions: Int

    /// Findings of one RGD; over it, the first `maxFindings` (by position) are reported and
    /// KRO921 at the first one left out. Each finding took ~1 KB while a hostile file's
    /// line (`badN: 1`, an unknown field) is 17 bytes: 100,000 of them made 125 MB.
    /// The same bounds a file's findings, all its documents together: a file of 5,000 RGDs
    /// of 400 unknown fields each (33 MB) made two million findings, 770 MB and 13 s.
    public var maxFindings: Int
    /// What the validation rules of a file's instances may cost together (each instance
    /// has the API server's budget, `ValidationRules.costBudget`, within it): about two
    /// seconds. 50 instances of a rule that runs to cel-go's per-call limit took 9.6 s.
    public var maxRuleCostPerFile: Int64 = 10_000_000
    /// Said after a KRO921 that cut findings: where the rest can be seen (the editor keeps
    /// fewer than `--check`).
    public var moreFindingsHint: String?

    public init(maxResources: Int = 10_000, maxExpressionsPerResource: Int = 10_000, maxExpressions: Int = 100_000,
                maxFindings: Int = 10_000, moreFindingsHint: String? = nil) {
        self.maxResources = maxResources
        self.maxExpressionsPerResource = maxExpressionsPerResource
        self.maxExpressions = maxExpressions
        self.maxFindings = maxFindings
        self.moreFindingsHint = moreFindingsHint
    }

    public static let code = "KRO921"

    /// Members of a cycle a message names and related places point at, at most: a cycle of
    /// thousands of types or resources is reported on each member, so its text would grow
    /// with the square of its length.
    static let cycleMembersShown = 32

    /// `a -> b -> … -> a` for a round of `count` names (the first repeated at the end),
    /// the middle left out past `cycleMembersShown`.
    static func cycleText(count: Int, name: (Int) -> String) -> String {
        let shown = count <= cycleMembersShown + 1 ? (0..<count).map(name)
            : (0..<cycleMembersShown / 2).map(name) + ["… \(count - cycleMembersShown - 1) more"]
                + (count - cycleMembersShown / 2 - 1..<count).map(name)
        return shown.joined(separator: " -> ")
    }

    /// What the parser is told: an RGD's resources list over `maxResources` keeps no tree
    /// for the object items after the first one over it, which admission never reads
    /// (`ResourceListLimit`; the documents are those `RGDParser.admit` admits); a document
    /// lists one duplicate key more than it reports, so that going over is seen.
    public var yaml: YAMLLimits {
        YAMLLimits(maxDuplicateKeys: findingsPerResource, resourceList: ResourceListLimit(keepObjects: maxResources, documents: [
            .init(apiVersion: RGDParser.apiVersion, kind: RGDParser.kind),
            .init(apiVersion: LegacyFormats.apiGroup, kind: LegacyFormats.oldKind),
        ]))
    }

    /// KRO921 on the first resource over `maxResources`, or the first `${` over
    /// `maxExpressions`: admission counted them and read no resource (`RGDParser.OverLimit`).
    func overLimit(_ over: RGDParser.OverLimit) -> Diagnostic {
        let what = over.expressions
            ? "spec.resources holds more than \(maxExpressions) expressions (`${`), over kro-lsp's limit of \(maxExpressions) "
            : "spec.resources has \(over.resources) resources, over kro-lsp's limit of \(maxResources) "
        return Diagnostic(code: Self.code, message: what + "per RGD; the resources and the status are not analysed",
                          range: over.firstOver)
    }

    /// Findings one resource keeps at most: one more than an RGD reports, so that going
    /// over `maxFindings` is still seen (`FindingBudget`).
    var findingsPerResource: Int { maxFindings < Int.max ? maxFindings + 1 : maxFindings }

    /// Cuts an RGD's sorted findings to `maxFindings`, with KRO921 at the first one left out.
    func capFindings(_ diagnostics: inout [Diagnostic], ordered: (Diagnostic, Diagnostic) -> Bool) {
        let over = "the RGD has more than \(maxFindings) findings, over kro-lsp's limit of \(maxFindings) per RGD"
        guard var notice = Self.cut(&diagnostics, to: maxFindings, over: over) else { return }
        if let moreFindingsHint { notice.message += " (\(moreFindingsHint))" }
        diagnostics.insert(notice, at: diagnostics.firstIndex { ordered(notice, $0) } ?? diagnostics.endIndex)
    }

    /// Cuts a file's findings (sorted, or instances' in the order admission finds them) to
    /// the first `maxFindings`, with KRO921 at the first one left out. Limit notices are not
    /// counted (`Diagnostic.isLimitNotice`), so an RGD cut to the limit keeps its own.
    func capFileFindings(_ diagnostics: inout [Diagnostic]) {
        var counted = 0
        guard let firstOut = diagnostics.firstIndex(where: { d in
            guard !d.isLimitNotice else { return false }
            counted += 1
            return counted > maxFindings
        }) else { return }
        var notice = Diagnostic(code: Self.code, message: "the file has more than \(maxFindings) findings, over kro-lsp's "
                                    + "limit of \(maxFindings) per file; this one and the rest are not reported",
                                range: diagnostics[firstOut].range)
        if let moreFindingsHint { notice.message += " (\(moreFindingsHint))" }
        diagnostics.removeSubrange(firstOut...)
        diagnostics.append(notice)
    }

    /// Cuts `findings` (in order of position) to their first `limit`; returns KRO921 at the
    /// first one left out, its message `over` (what went over which limit) and the rest.
    static func cut(_ findings: inout [Diagnostic], to limit: Int, over: String) -> Diagnostic? {
        guard findings.count > limit else { return nil }
        let firstOut = findings[limit].range
        findings.removeSubrange(limit...)
        return Diagnostic(code: code, message: over + "; this one and the rest are not reported", range: firstOut)
    }
}

extension Diagnostic {
    /// Whether this says what a limit left out (KRO921): such notices are not counted
    /// against the findings limits of a file, an instance file or a published list.
    public var isLimitNotice: Bool { code == AnalysisLimits.code }
}
