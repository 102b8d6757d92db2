/// Options of the CEL parser.
public struct ParserOptions: Sendable {
    public var enableMacros = true
    /// `a.?b`, `m[?k]`, `[?x]`, `{?k: v}` (cel-go's OptionalTypes).
    public var enableOptionalSyntax = true
    /// kro's parse-time `runtime.newCondition({...})` validation (cel.md §5.7).
    public var enableKroMacros = false
    /// Backtick-quoted field names (`` a.`b-c` ``); kro does not enable them (cel.md §2.1).
    public var enableIdentifierEscapeSyntax = false
    public var maxRecursionDepth = 250
    /// Longest accepted input, in UTF-8 bytes.
    public var maxExpressionLength = 100_000
    public init() {}
}

public struct ParseResult: Sendable {
    /// The tree; nil when there were syntax errors.
    public var parsed: ParsedExpr?
    public var issues: [CELIssue]
    public init(parsed: ParsedExpr?, issues: [CELIssue]) { self.parsed = parsed; self.issues = issues }
}

/// Parses CEL text into the cel-go shaped AST of `AST.swift`, with byte spans.
public struct CELParser: Sendable {
    public var options: ParserOptions
    public init(options: ParserOptions = .init()) { self.options = options }

    public func parse(_ text: String) -> ParseResult {
        let bytes = Array(text.utf8)
        if bytes.count > options.maxExpressionLength {
            let issue = CELIssue(
                message: "expression code point size exceeds limit: size: \(text.unicodeScalars.count), limit \(options.maxExpressionLength)",
                span: SourceSpan(start: 0, end: 0))
            return ParseResult(parsed: nil, issues: [issue])
        }
        return Self.deeply(bytes) {
            var parser = ExpressionParser(text: bytes, options: options)
            let expr = parser.parseAll()
            if !parser.issues.isEmpty || expr == nil {
                return ParseResult(parsed: nil, issues: parser.issues)
            }
            return ParseResult(parsed: ParsedExpr(expr: expr!, source: text, macroCalls: parser.macroCalls), issues: [])
        }
    }

    /// `parse` on a large stack when `bytes` nest deeply (cel-go's 250 levels are legal).
    private static func deeply(_ bytes: [UInt8], _ parse: () -> ParseResult) -> ParseResult {
        guard LargeStack.bracketDepth(bytes) >= LargeStack.inlineDepth else { return parse() }
        var result: ParseResult?
        LargeStack.run { result = parse() }
        return result!
    }

    /// Parses half-typed text for editors: the tree of everything that can be read, with
    /// stand-ins (`Expr.isMissing`) for what is not written yet and unclosed brackets
    /// closed where the input stops, plus the same kind of issues as `parse`. `a.` is a
    /// selection of a missing name on `a`, `f(a, ` a call of `f` on `a` and a missing
    /// argument, so a checker can type what precedes the cursor. `parsed` is nil only when
    /// a limit was hit. Never use a partial tree to evaluate or to report type errors.
    public func parsePartial(_ text: String) -> ParseResult {
        let bytes = Array(text.utf8)
        guard bytes.count <= options.maxExpressionLength else { return parse(text) }
        return Self.deeply(bytes) {
            var parser = ExpressionParser(text: bytes, options: options, tolerant: true)
            let expr = parser.parseAll()
            return ParseResult(parsed: expr.map { ParsedExpr(expr: $0, source: text, macroCalls: parser.macroCalls) },
                               issues: parser.issues)
        }
    }
}
