import CEL
import KroEngine
import YAMLSyntax

/// What a highlighted token is (LSP's standard token type names, so every theme colours them).
public enum SemanticTokenType: String, Sendable, Hashable, CaseIterable {
    case namespace, type, parameter, variable, property, function, method, macro
    case keyword, comment, string, number, `operator`, decorator
}

/// Extra facts about a token (LSP's standard modifier names).
public struct SemanticTokenModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A resource id: a variable the expression reads but never assigns.
    public static let readonly = SemanticTokenModifiers(rawValue: 1 << 0)
    /// A name kro provides (`schema`, `each`).
    public static let defaultLibrary = SemanticTokenModifiers(rawValue: 1 << 1)
    /// The legend, in bit order.
    public static let names = ["readonly", "defaultLibrary"]
}

/// One highlighted token: never spans a line break, tokens come in file order and never overlap.
public struct SemanticToken: Sendable, Hashable {
    public var range: TextRange
    public var type: SemanticTokenType
    public var modifiers: SemanticTokenModifiers
}

/// Semantic highlighting of what a YAML grammar cannot see: the CEL inside `${…}` (resource
/// ids, `schema`, iterators, fields, functions, macros, literals, operators, comments) and
/// the type and markers of SimpleSchema field strings.
public enum SemanticTokens {
    /// The tokens of the document, or of those touching `range`.
    public static func tokens(_ snapshot: DocumentSnapshot, in range: TextRange? = nil) -> [SemanticToken] {
        var out: [SemanticToken] = []
        forEachToken(snapshot, in: range) { out.append($0) }
        return out
    }

    /// `tokens(_:in:)` one at a time, in order: a large file has hundreds of thousands of
    /// tokens, and its answer is written as they come instead of from an array of them.
    public static func forEachToken(_ snapshot: DocumentSnapshot, in range: TextRange? = nil,
                                    _ body: (SemanticToken) -> Void) {
        var raw: [SemanticToken] = []
        for rgd in snapshot.rgds {
            if let range, rgd.documentRange.end < range.start || rgd.documentRange.start > range.end { continue }
            let names = RGDNames(rgd)
            for e in rgd.expressions {
                if let range, !overlaps(e.expression.scalar.range, range) { continue }
                raw += cel(e, names)
            }
            raw += simpleSchema(rgd)
        }
        // Sorted in place: a copy of them was megabytes of the request's peak.
        raw.sort { $0.range < $1.range }
        var lastEnd: Int?
        for token in raw {
            // An unterminated `${…` may share text with a closed one: keep the first token.
            if let lastEnd, token.range.start < lastEnd { continue }
            for piece in lines(of: token.range, in: snapshot.source) where range.map({ overlaps(piece, $0) }) ?? true {
                body(SemanticToken(range: piece, type: token.type, modifiers: token.modifiers))
                lastEnd = piece.end
            }
        }
    }

    // MARK: CEL

    /// The names an RGD's expressions read, gathered once per RGD.
    private struct RGDNames {
        let resources: Set<String>
        /// forEach iterators by resource id.
        let iterators: [String: Set<String>]
        init(_ rgd: RGDSnapshot) {
            resources = Set(rgd.rgd.resources.compactMap { $0.id?.value })
            var iterators: [String: Set<String>] = [:]
            for symbol in rgd.symbols.symbols(of: .iterator) {
                let owner = String(symbol.id.qualifiedName.prefix { $0 != "." })
                iterators[owner, default: []].insert(symbol.name)
            }
            self.iterators = iterators
        }
    }

    private static func cel(_ e: SnapshotExpression, _ rgdNames: RGDNames) -> [SemanticToken] {
        let names = identifierClasses(e, rgdNames)
        var out: [SemanticToken] = []
        for token in CELParser.tokens(e.celText) where e.isWritten(token.span) {
            let kind: (SemanticTokenType, SemanticTokenModifiers)
            switch token.kind {
            case .identifier: kind = names[token.span] ?? (.variable, [])
            case .keyword, .reserved: kind = (.keyword, [])
            case .number: kind = (.number, [])
            case .string, .bytes: kind = (.string, [])
            case .operator: kind = (.operator, [])
            case .comment: kind = (.comment, [])
            case .punctuation, .invalid: continue
            }
            out.append(SemanticToken(range: e.fileRange(token.span), type: kind.0, modifiers: kind.1))
        }
        return out
    }

    /// What each identifier the author wrote names, by its span: from the checked tree (with
    /// the scopes macros open) and the macro calls as written.
    private static func identifierClasses(_ e: SnapshotExpression, _ names: RGDNames)
        -> [SourceSpan: (SemanticTokenType, SemanticTokenModifiers)]
    {
        guard let parsed = e.parsed else { return [:] }
        var out: [SourceSpan: (SemanticTokenType, SemanticTokenModifiers)] = [:]
        let resources = names.resources
        let iterators = e.expression.resourceID.flatMap { names.iterators[$0] } ?? []
        // The tree with the variables bound around each node (comprehension scopes).
        var stack: [(Expr, Set<String>)] = [(parsed.expr, [])]
        while let (node, bound) = stack.popLast() {
            switch node.kind {
            case .ident(let name):
                if bound.contains(name) || iterators.contains(name) { out[node.span] = (.parameter, []) }
                else if name == "schema" || name == "each" { out[node.span] = (.variable, .defaultLibrary) }
                else if resources.contains(name) { out[node.span] = (.variable, .readonly) }
                else if case .type? = e.type(of: node) { out[node.span] = (.type, []) }
            case .select(_, _, _):
                if let name = node.nameSpan { out[name] = (.property, []) }
            case .call(let target, _, _):
                guard let name = node.nameSpan else { break }
                // `hash.sha256(x)`: the checker resolved a qualified name; the target is its namespace.
                if let target, let resolved = e.reference(of: node)?.name, resolved.contains(".") {
                    out[name] = (.function, [])
                    for part in target.allNodes {
                        if case .ident = part.kind { out[part.span] = (.namespace, []) }
                        if let n = part.nameSpan { out[n] = (.namespace, []) }
                    }
                    continue
                }
                out[name] = (target == nil ? .function : .method, [])
            case .comprehension(let c):
                let inner = bound.union([c.iterVar, c.accuVar] + (c.iterVar2.map { [$0] } ?? []))
                for child in [c.loopCondition, c.loopStep] { stack.append((child, inner)) }
                stack.append((c.result, bound.union([c.accuVar])))
                for child in [c.iterRange, c.accuInit] { stack.append((child, bound)) }
                continue
            default:
                break
            }
            for child in node.children { stack.append((child, bound)) }
        }
        for call in parsed.macroCalls.values {
            guard case .call(let target, let name, let args) = call.kind else { continue }
            if let span = call.nameSpan { out[span] = (.macro, []) }
            if name == "bind", let target, case .ident = target.kind { out[target.span] = (.namespace, []) }
            // The variables a macro binds: `x` of `all(x, p)`, `i, x` of `all(i, x, p)`, `x` of `cel.bind(x, v, e)`.
            let bindings = name == "has" ? 0 : name == "bind" ? 1 : args.count - 1
            for arg in args.prefix(bindings) { if case .ident = arg.kind { out[arg.span] = (.parameter, []) } }
        }
        return out
    }

    // MARK: SimpleSchema

    private static func simpleSchema(_ rgd: RGDSnapshot) -> [SemanticToken] {
        var out: [SemanticToken] = []
        for field in rgd.instanceSchema.fields {
            if let type = field.typeRange { out.append(SemanticToken(range: type, type: .type, modifiers: [])) }
            for marker in field.markers {
                out.append(SemanticToken(range: marker.keyRange, type: .decorator, modifiers: []))
            }
        }
        return out
    }

    // MARK: positions

    /// A range cut at line breaks; continuation lines start after their indentation (block
    /// scalars, folded plain and quoted scalars).
    static func lines(of range: TextRange, in source: SourceText) -> [TextRange] {
        guard range.end > range.start else { return [] }
        let first = source.line(containing: range.start), last = source.line(containing: range.end - 1)
        if first == last { return [range] }
        var out: [TextRange] = []
        for line in first...last {
            let bounds = source.lineRange(line)
            var start = max(range.start, bounds.start)
            let end = min(range.end, bounds.end)
            if line != first {
                while start < end, source.bytes[start] == UInt8(ascii: " ") || source.bytes[start] == UInt8(ascii: "\t") { start += 1 }
            }
            if start < end { out.append(TextRange(start: start, end: end)) }
        }
        return out
    }

    private static func overlaps(_ a: TextRange, _ b: TextRange) -> Bool { a.start <= b.end && b.start <= a.end }
}

extension SnapshotExpression {
    /// True when a CEL span is text the author wrote inside one `${…}`, not the quotes,
    /// `+` and parentheses kro generates around a string template's pieces.
    func isWritten(_ span: SourceSpan) -> Bool {
        expression.textMap.pieces.contains { $0.verbatim && $0.celStart <= span.start && span.end <= $0.celStart + $0.celLength }
    }
}
