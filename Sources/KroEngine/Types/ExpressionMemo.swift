import CEL

/// Parse and check results by CEL text, kept for one analysis run (one per lane when
/// resources are analysed on several threads). RGDs repeat expressions (`schema.spec.name`
/// in most resources: the corpus files have 2–5 uses per distinct text), and both results
/// are functions of the text — the check also of the environment, so only checks in the
/// RGD's shared environment are kept (not those with forEach iterators or `each`).
/// Positions in both results are relative to the text, so every use maps them to its own place.
struct ExpressionMemo: Sendable {
    struct Key: Hashable, Sendable {
        var text: String
        /// Conditions parse with kro's macros: the same text may give another tree.
        var kroMacros: Bool
    }

    /// A parse: its tree boxed once, so every expression of the text holds the same one.
    struct Parse: Sendable {
        var tree: ParsedTree?
        var issues: [CELIssue]
    }

    private var parses: [Key: Parse] = [:]
    private var checks: [Key: CheckResult] = [:]
    /// The links of the expressions' paths, one chain for equal paths: the expressions of
    /// one place in resources of one shape (`metadata.name` in each) share it (6.9 MB of
    /// paths at 10,000 resources in the server when each held its own).
    var paths = SharedPathBuilder(interning: true)
    /// Whether a remembered check keeps only its result type and issues (what diagnostics
    /// read), not every node's type and reference (what editor requests read): a run that
    /// keeps only findings (`AnalysisRetention.findings`) holds its memo until the RGD is done.
    var keepsOnlyVerdicts = false

    /// The most texts a memo that keeps only verdicts remembers; a memo that holds that many
    /// forgets them all and starts again. Such a run drops each resource's trees once it is
    /// analysed, so without a bound the memo alone kept every distinct text's tree and check
    /// to the end (12.5 MB at 10,000 resources); the texts an RGD repeats are met again soon
    /// after. An editor's analysis keeps every tree in its expressions anyway.
    static let verdictMemoCapacity = 1024

    /// Whether a table of `count` texts is to be emptied before it takes another.
    private func isFull(_ count: Int) -> Bool { keepsOnlyVerdicts && count >= Self.verdictMemoCapacity }

    /// `CELParser.parse` of `text` (kro macros enabled when `kroMacros`).
    mutating func parse(_ text: String, kroMacros: Bool) -> ParseResult {
        let known = parseShared(text, kroMacros: kroMacros)
        return ParseResult(parsed: known.tree?.parsed, issues: known.issues)
    }

    /// `parse(_:kroMacros:)` with the tree in the box every use of `text` shares.
    mutating func parseShared(_ text: String, kroMacros: Bool) -> Parse {
        let key = Key(text: text, kroMacros: kroMacros)
        if let known = parses[key] { return known }
        var options = ParserOptions()
        options.enableKroMacros = kroMacros
        let result = CELParser(options: options).parse(text)
        let parse = Parse(tree: result.parsed.map(ParsedTree.init), issues: result.issues)
        if isFull(parses.count) { parses.removeAll() }
        parses[key] = parse
        return parse
    }

    /// `Checker.check(parsed, in: environment)`, where `parsed` is what `parse(_:kroMacros:)`
    /// returned for its source and `environment` is the same for every call on this memo.
    mutating func check(_ parsed: ParsedExpr, kroMacros: Bool, inSharedEnvironment environment: CELEnvironment) -> CheckResult {
        let key = Key(text: parsed.source, kroMacros: kroMacros)
        if let known = checks[key] { return known }
        let result = Checker.check(parsed, in: environment)
        if isFull(checks.count) { checks.removeAll() }
        checks[key] = keepsOnlyVerdicts
            ? CheckResult(type: result.type, types: [:], references: [:], issues: result.issues) : result
        return result
    }
}
