/// Recursive-descent parser for the CEL grammar (cel-spec langdef). Positions follow
/// cel-go (see `Expr.position`); errors are collected and the parser resynchronises at
/// `,` and closing brackets so one input can report several problems.
struct ExpressionParser {
    let text: [UInt8]
    let options: ParserOptions
    /// Lexed as the parse goes, one token ahead of `index`: a parse that stops early (a
    /// nesting limit in a 100 KB expression) does not lex the rest.
    private var tokens: [Token] = []
    private var lexer: Lexer
    private var lexedAll = false
    private var index = 0
    private var nextID: ExprID = 1
    private var depth = 0
    /// Nesting of the primary rule (parentheses, list and map literals, call arguments).
    private var primaryDepth = 0
    /// cel-go limits the nesting of each grammar rule separately; left-recursive rules
    /// (relations, arithmetic, member chains) nest once per operator, so `a + a + …` and
    /// `a.b.c…` longer than the limit are rejected at parse time, as in cel-go, and no
    /// consumer ever walks a tree deeper than a few hundred levels.
    private var relationDepth = 0
    private var calcDepth = 0
    private var memberDepth = 0
    /// Set when a limit is hit: unwind without reporting more.
    private var aborted = false
    private(set) var issues: [CELIssue] = []
    var macroCalls: [ExprID: Expr] = [:]
    /// Recovery for editors (`CELParser.parsePartial`): a missing operand or name becomes
    /// a `missing` node and an unclosed bracket closes where the input stops, so the tree
    /// of a half-typed expression keeps everything before the cursor.
    let tolerant: Bool

    init(text: [UInt8], options: ParserOptions, tolerant: Bool = false) {
        self.text = text
        self.options = options
        self.lexer = Lexer(text: text)
        self.tolerant = tolerant
        tokens.reserveCapacity(min(text.count + 1, 256))
        lexAhead()
    }

    /// Lexes until the token after `index` is there (or the end is).
    @inline(__always) private mutating func lexAhead() {
        while !lexedAll && tokens.count <= index + 1 { lexedAll = !lexer.append(to: &tokens) }
    }

    // MARK: Tokens

    private var current: Token { tokens[index] }
    /// The token after `current` (the parser looks one token ahead, no further).
    private func peekToken() -> Token { tokens[min(index + 1, tokens.count - 1)] }
    private mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        lexAhead()
        return t
    }
    private func at(_ p: String) -> Bool { current.isPunct(p) }

    mutating func makeID() -> ExprID {
        defer { nextID += 1 }
        return nextID
    }

    mutating func report(_ message: String, _ span: SourceSpan) {
        guard !aborted else { return }
        // The same token can be reported by two rules on the way up: say it once.
        if issues.last == CELIssue(message: message, span: span) { return }
        if issues.count < 100 { issues.append(CELIssue(message: message, span: span)) }
        if issues.count >= 100 { aborted = true }
    }

    private mutating func syntaxError(expecting: String) {
        let t = current
        if case .invalid(let message) = t.kind {
            report(message, t.span)
        } else {
            report("Syntax error: mismatched input '\(t.display(in: text))' expecting \(expecting)", t.span)
        }
    }

    private mutating func expect(_ p: String) -> Token? {
        if at(p) { return advance() }
        syntaxError(expecting: "'\(p)'")
        return nil
    }

    /// A closing token that is missing: tolerated (an empty token where the input
    /// stops or goes wrong) in tolerant mode, else nil after `expect` reported it.
    private mutating func close(_ p: String) -> Token? {
        if let token = expect(p) { return token }
        return tolerant && !aborted ? Token(kind: .punct(p), start: current.start, end: current.start) : nil
    }

    /// The stand-in for an operand or name that is not there (tolerant mode).
    private mutating func missing(at offset: Int) -> Expr {
        Expr(id: makeID(), kind: .ident(Expr.missingName), span: SourceSpan(start: offset, end: offset))
    }

    private var atCloser: Bool { at(")") || at("]") || at("}") || at(",") || at(":") || current.kind == .eof }

    // MARK: Entry

    mutating func parseAll() -> Expr? {
        let e = parseExpr()
        // Once an error was reported, the unparsed rest is a consequence of it, not a
        // second problem.
        if !aborted && issues.isEmpty && current.kind != .eof {
            let t = current
            if case .invalid(let message) = t.kind { report(message, t.span) } else {
                report("Syntax error: extraneous input '\(t.display(in: text))' expecting <EOF>", t.span)
            }
        }
        return e
    }

    private mutating func enter(_ at: Token) -> Bool {
        depth += 1
        let limit = options.maxRecursionDepth
        return checkDepth(depth, at, "expression recursion limit exceeded: \(limit)")
    }

    /// Past the limit: report and abort. cel-go words nesting (parentheses, lists,
    /// arguments) as "expression recursion limit exceeded: N" and over-long operator or
    /// member chains, which its AST visitor catches, as "max recursion depth exceeded".
    /// `message` is built only when it is reported (most calls are well within the limit).
    private mutating func checkDepth(_ value: Int, _ at: Token, _ message: @autoclosure () -> String) -> Bool {
        if value > options.maxRecursionDepth {
            if !aborted { report(message(), at.span) }
            aborted = true
            return false
        }
        return true
    }

    private enum ChainRule { case relation, calc, member }

    /// One more level of a left-recursive rule; false (and aborted) past the limit.
    private mutating func push(_ rule: ChainRule, _ at: Token) -> Bool {
        switch rule {
        case .relation: relationDepth += 1; return checkDepth(relationDepth, at, "max recursion depth exceeded")
        case .calc: calcDepth += 1; return checkDepth(calcDepth, at, "max recursion depth exceeded")
        case .member: memberDepth += 1; return checkDepth(memberDepth, at, "max recursion depth exceeded")
        }
    }

    private mutating func pop(_ rule: ChainRule, _ levels: Int) {
        switch rule {
        case .relation: relationDepth -= levels
        case .calc: calcDepth -= levels
        case .member: memberDepth -= levels
        }
    }

    // MARK: Grammar

    mutating func parseExpr() -> Expr? {
        guard !aborted, enter(current) else { return nil }
        defer { depth -= 1 }
        guard let condition = parseOr() else { return nil }
        guard at("?") else { return condition }
        let q = advance()
        let then = parseOr()
        _ = expect(":")
        let otherwise = parseExpr()
        guard let then, let otherwise else { return nil }
        return call(Operator.conditional, [condition, then, otherwise], op: q)
    }

    private mutating func parseOr() -> Expr? {
        guard let first = parseAnd() else { return nil }
        guard at("||") else { return first }
        var terms = [first]
        var ops: [Token] = []
        while at("||") {
            ops.append(advance())
            guard let next = parseAnd() else { return nil }
            terms.append(next)
        }
        return balanced(Operator.logicalOr, terms, ops)
    }

    private mutating func parseAnd() -> Expr? {
        guard let first = parseRelation() else { return nil }
        guard at("&&") else { return first }
        var terms = [first]
        var ops: [Token] = []
        while at("&&") {
            ops.append(advance())
            guard let next = parseRelation() else { return nil }
            terms.append(next)
        }
        return balanced(Operator.logicalAnd, terms, ops)
    }

    /// cel-go's balancing logic manager: `a || b || c || d` becomes
    /// `(a || b) || (c || d)`, so long chains stay shallow.
    private mutating func balanced(_ function: String, _ terms: [Expr], _ ops: [Token]) -> Expr {
        func build(_ p: inout ExpressionParser, _ lo: Int, _ hi: Int) -> Expr {
            let mid = (lo + hi + 1) / 2
            let left = mid == lo ? terms[mid] : build(&p, lo, mid - 1)
            let right = mid == hi ? terms[mid + 1] : build(&p, mid + 1, hi)
            return p.call(function, [left, right], op: ops[mid])
        }
        return build(&self, 0, ops.count - 1)
    }

    private static let relations: [String: String] = [
        "<": Operator.less, "<=": Operator.lessEquals, ">": Operator.greater, ">=": Operator.greaterEquals,
        "==": Operator.equals, "!=": Operator.notEquals,
    ]

    private mutating func parseRelation() -> Expr? {
        guard push(.relation, current) else { return nil }
        var levels = 1
        defer { pop(.relation, levels) }
        guard var left = parseAddition() else { return nil }
        while true {
            let function: String
            if case .punct(let p) = current.kind, let f = Self.relations[p] { function = f }
            else if current.kind == .in { function = Operator.in }
            else { return left }
            guard push(.relation, current) else { return nil }
            levels += 1
            let op = advance()
            guard let right = parseAddition() else { return nil }
            left = call(function, [left, right], op: op)
        }
    }

    private mutating func parseAddition() -> Expr? {
        guard push(.calc, current) else { return nil }
        var levels = 1
        defer { pop(.calc, levels) }
        guard var left = parseMultiplication() else { return nil }
        while at("+") || at("-") {
            guard push(.calc, current) else { return nil }
            levels += 1
            let op = advance()
            guard let right = parseMultiplication() else { return nil }
            left = call(op.isPunct("+") ? Operator.add : Operator.subtract, [left, right], op: op)
        }
        return left
    }

    private mutating func parseMultiplication() -> Expr? {
        var levels = 0
        defer { pop(.calc, levels) }
        guard var left = parseUnary() else { return nil }
        while at("*") || at("/") || at("%") {
            guard push(.calc, current) else { return nil }
            levels += 1
            let op = advance()
            let function = op.isPunct("*") ? Operator.multiply : op.isPunct("/") ? Operator.divide : Operator.modulo
            guard let right = parseUnary() else { return nil }
            left = call(function, [left, right], op: op)
        }
        return left
    }

    /// `!`/`-` runs: an even number cancels out, as in cel-go. A `-` directly before a
    /// number literal is the literal's sign.
    private mutating func parseUnary() -> Expr? {
        guard at("!") || at("-") else { return parseMember() }
        let first = current
        let symbol = first.isPunct("!") ? "!" : "-"
        var ops: [Token] = []
        while at(symbol) {
            if symbol == "-", isNumber(peekToken()) { break }
            ops.append(advance())
        }
        guard let operand = parseMember() else { return nil }
        if ops.count % 2 == 0 { return operand }
        let function = symbol == "!" ? Operator.logicalNot : Operator.negate
        var e = call(function, [operand], op: ops[0])
        e.span = SourceSpan(start: ops[0].start, end: operand.span.end)
        return e
    }

    private func isNumber(_ t: Token) -> Bool {
        switch t.kind {
        case .int, .intOverflow, .uint, .double: return true
        default: return false
        }
    }

    private mutating func parseMember() -> Expr? {
        guard push(.member, current) else { return nil }
        var levels = 1
        defer { pop(.member, levels) }
        guard var e = parsePrimary() else { return nil }
        while !aborted {
            if at(".") || at(".?") || at("[") {
                guard push(.member, current) else { return nil }
                levels += 1
            }
            if at(".") || at(".?") {
                let dot = advance()
                let optional = dot.isPunct(".?")
                if optional && !options.enableOptionalSyntax {
                    report("Syntax error: unsupported syntax '.?'", dot.span)
                }
                let name: String
                switch current.kind {
                case .identifier(let word), .reserved(let word): name = word
                case .quotedIdentifier(let word) where options.enableIdentifierEscapeSyntax: name = word
                default:
                    syntaxError(expecting: "IDENTIFIER")
                    guard tolerant, !aborted else { return nil }
                    // `a.` while typing: a selection of no name, right after the dot.
                    let empty = Token(kind: .identifier(""), start: dot.end, end: dot.end)
                    e = makeSelect(e, Expr.missingName, dot: dot, nameToken: empty, optional: optional)
                    continue
                }
                let nameToken = advance()
                if !optional && at("(") {
                    let open = advance()
                    guard let (args, close) = parseArguments(closing: ")") else { return nil }
                    e = memberCallOrMacro(target: e, name: name, nameToken: nameToken, open: open, args: args, close: close)
                } else if !optional, at("{"), Self.qualifiedName(e) != nil {
                    e = makeSelect(e, name, dot: dot, nameToken: nameToken, optional: false)
                    guard let s = parseStructure(typeName: Self.qualifiedName(e)!, startOffset: e.span.start) else { return nil }
                    e = s
                } else {
                    e = makeSelect(e, name, dot: dot, nameToken: nameToken, optional: optional)
                }
            } else if at("[") {
                let open = advance()
                var optional = false
                if at("?") {
                    let q = advance()
                    optional = true
                    if !options.enableOptionalSyntax { report("Syntax error: unsupported syntax '[?'", q.span) }
                }
                guard let key = parseExpr() else { return nil }
                guard let close = close("]") else { return nil }
                var node = call(optional ? Operator.optionalIndex : Operator.index, [e, key], op: open)
                node.span = SourceSpan(start: e.span.start, end: close.end)
                e = node
            } else {
                return e
            }
        }
        return nil
    }

    private mutating func makeSelect(_ operand: Expr, _ field: String, dot: Token, nameToken: Token, optional: Bool) -> Expr {
        let span = SourceSpan(start: operand.span.start, end: nameToken.end)
        if optional {
            let fieldLiteral = Expr(id: makeID(), kind: .literal(.string(field)), span: nameToken.span)
            return Expr(id: makeID(), kind: .call(target: nil, function: Operator.optionalSelect, args: [operand, fieldLiteral]),
                        span: span, position: dot.start, nameSpan: nameToken.span)
        }
        return Expr(id: makeID(), kind: .select(operand: operand, field: field, testOnly: false),
                    span: span, position: dot.start, nameSpan: nameToken.span)
    }

    /// `a.b.c` as a dotted name, when `e` is only identifiers and selections.
    static func qualifiedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let name): return name
        case .select(let operand, let field, false): return qualifiedName(operand).map { "\($0).\(field)" }
        default: return nil
        }
    }

    /// Nesting through a primary counts in its own counter, as cel-go counts each grammar
    /// rule separately: 249 parentheses inside the top-level expression are legal. A debug
    /// build spends about 33 KB of stack per level here, so deep inputs are parsed on a
    /// large stack (`CELParser`, `LargeStack`).
    private mutating func parsePrimary() -> Expr? {
        let start = current.start
        let e = parsePrimaryTerm()
        if e == nil && tolerant && !aborted { return missing(at: start) }
        return e
    }

    private mutating func parsePrimaryTerm() -> Expr? {
        guard !aborted else { return nil }
        primaryDepth += 1
        defer { primaryDepth -= 1 }
        let limit = options.maxRecursionDepth
        guard checkDepth(primaryDepth, current, "expression recursion limit exceeded: \(limit)") else { return nil }
        let t = current
        switch t.kind {
        case .int(let v): _ = advance(); return literal(.int(v), t)
        case .uint(let v): _ = advance(); return literal(.uint(v), t)
        case .double(let v): _ = advance(); return literal(.double(v), t)
        case .string(let v): _ = advance(); return literal(.string(v), t)
        case .bytes(let v): _ = advance(); return literal(.bytes(v), t)
        case .true: _ = advance(); return literal(.bool(true), t)
        case .false: _ = advance(); return literal(.bool(false), t)
        case .null: _ = advance(); return literal(.null, t)
        case .intOverflow:
            _ = advance()
            report("invalid int literal", t.span)
            return nil
        case .punct("-"):
            // A sign directly before a number literal (see parseUnary).
            let sign = advance()
            let number = advance()
            var e: Expr?
            switch number.kind {
            case .int(let v): e = literal(.int(-v), number)
            case .intOverflow(let digits):
                let magnitude = digits.hasPrefix("0x") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
                if magnitude == UInt64(Int64.max) + 1 { e = literal(.int(Int64.min), number) } else {
                    report("invalid int literal", SourceSpan(start: sign.start, end: number.end))
                    return nil
                }
            case .double(let v): e = literal(.double(-v), number)
            case .uint:
                report("Syntax error: mismatched input '\(number.display(in: text))' expecting <EOF>", number.span)
                return nil
            default: syntaxError(expecting: "a number"); return nil
            }
            e?.span.start = sign.start
            e?.position = sign.start
            return e
        case .punct("("):
            _ = advance()
            guard let inner = parseExpr() else { skipPast(")"); return nil }
            guard close(")") != nil else { return nil }
            return inner
        case .punct("["):
            return parseList()
        case .punct("{"):
            return parseMap()
        case .punct("."), .identifier:
            var leadingDot = false
            if t.isPunct(".") {
                _ = advance()
                leadingDot = true
            }
            guard case .identifier(let name) = current.kind else {
                if case .reserved(let word) = current.kind {
                    report("reserved identifier: \(word)", current.span)
                    _ = advance()
                    return nil
                }
                syntaxError(expecting: "IDENTIFIER")
                return nil
            }
            let nameToken = advance()
            let fullName = leadingDot ? "." + name : name
            if at("(") {
                let open = advance()
                guard let (args, close) = parseArguments(closing: ")") else { return nil }
                return globalCallOrMacro(name: fullName, nameToken: nameToken, start: t.start, open: open, args: args, close: close)
            }
            let ident = Expr(id: makeID(), kind: .ident(fullName), span: SourceSpan(start: t.start, end: nameToken.end))
            if at("{") { return parseStructure(typeName: fullName, startOffset: t.start) }
            return ident
        case .reserved(let word):
            _ = advance()
            report("reserved identifier: \(word)", t.span)
            return nil
        case .invalid(let message):
            _ = advance()
            report(message, t.span)
            return nil
        default:
            syntaxError(expecting: "an expression")
            if tolerant && atCloser { return nil }  // the enclosing rule closes here
            if t.kind != .eof { _ = advance() }
            return nil
        }
    }

    private mutating func literal(_ value: Literal, _ t: Token) -> Expr {
        Expr(id: makeID(), kind: .literal(value), span: t.span)
    }

    mutating func call(_ function: String, _ args: [Expr], op: Token) -> Expr {
        let start = args.first.map { min($0.span.start, op.start) } ?? op.start
        let end = args.last.map { max($0.span.end, op.end) } ?? op.end
        return Expr(id: makeID(), kind: .call(target: nil, function: function, args: args),
                    span: SourceSpan(start: start, end: end), position: op.start)
    }

    /// Skips to just after `closing` (or a token that cannot be skipped), for recovery.
    private mutating func skipPast(_ closing: String) {
        var nesting = 0
        while current.kind != .eof {
            if at("(") || at("[") || at("{") { nesting += 1 }
            if at(")") || at("]") || at("}") {
                if nesting == 0 { if at(closing) { _ = advance() }; return }
                nesting -= 1
            }
            _ = advance()
        }
    }

    /// Skips the rest of a broken element: up to the next `,` or the closing token.
    private mutating func recoverElement(closing: String) {
        var nesting = 0
        // Once aborted nothing more is reported or built: skipping the rest is wasted.
        while current.kind != .eof && !aborted {
            if nesting == 0 && (at(",") || at(closing)) { return }
            if at("(") || at("[") || at("{") { nesting += 1 }
            if at(")") || at("]") || at("}") {
                if nesting == 0 { return }
                nesting -= 1
            }
            _ = advance()
        }
    }

    /// `a, b, c)` — arguments after an opening `(`; trailing comma not allowed in calls.
    private mutating func parseArguments(closing: String) -> ([Expr], Token)? {
        var args: [Expr] = []
        var failed = false
        if at(closing) { return ([], advance()) }
        while !aborted {
            if let arg = parseExpr() { args.append(arg) } else { failed = true; recoverElement(closing: closing) }
            if at(",") { _ = advance(); continue }
            if at(closing) { let close = advance(); return failed ? nil : (args, close) }
            syntaxError(expecting: "{',', '\(closing)'}")
            if tolerant, !failed, let close = close(closing) { return (args, close) }
            recoverElement(closing: closing)
            if at(closing) { _ = advance() }
            return nil
        }
        return nil
    }

    private mutating func parseList() -> Expr? {
        let open = advance()
        var elements: [Expr] = []
        var optionalIndices: [Int] = []
        var failed = false
        // The grammar allows a lone trailing comma: `[,]` is an empty list.
        if at(","), peekToken().isPunct("]") { _ = advance() }
        while !aborted && !at("]") {
            if at("?") {
                let q = advance()
                if !options.enableOptionalSyntax { report("Syntax error: unsupported syntax '?'", q.span) }
                optionalIndices.append(elements.count)
            }
            if let e = parseExpr() { elements.append(e) } else { failed = true; recoverElement(closing: "]") }
            if at(",") { _ = advance(); continue }
            if !at("]") {
                if tolerant { break }
                syntaxError(expecting: "{',', ']'}"); recoverElement(closing: "]"); failed = true; if !at("]") { return nil }
            }
        }
        guard let close = close("]"), !failed else { return nil }
        return Expr(id: makeID(), kind: .list(elements: elements, optionalIndices: optionalIndices),
                    span: SourceSpan(start: open.start, end: close.end), position: open.start)
    }

    private mutating func parseMap() -> Expr? {
        let open = advance()
        var entries: [MapEntry] = []
        var failed = false
        if at(","), peekToken().isPunct("}") { _ = advance() }
        while !aborted && !at("}") {
            var optional = false
            if at("?") {
                let q = advance()
                optional = true
                if !options.enableOptionalSyntax { report("Syntax error: unsupported syntax '?'", q.span) }
            }
            let key = parseExpr()
            let colon = at(":") ? advance() : nil
            if colon == nil { syntaxError(expecting: "':'") }
            var value = colon == nil ? nil : parseExpr()
            if tolerant, key != nil, colon == nil { value = missing(at: current.start) }
            if let key, let value {
                entries.append(MapEntry(id: makeID(), key: key, value: value, isOptional: optional))
            } else {
                failed = true
                recoverElement(closing: "}")
            }
            if at(",") { _ = advance(); continue }
            if !at("}") {
                if tolerant { break }
                syntaxError(expecting: "{',', '}'}"); recoverElement(closing: "}"); failed = true; if !at("}") { return nil }
            }
        }
        guard let close = close("}"), !failed else { return nil }
        return Expr(id: makeID(), kind: .map(entries: entries),
                    span: SourceSpan(start: open.start, end: close.end), position: open.start)
    }


    private mutating func parseStructure(typeName: String, startOffset: Int) -> Expr? {
        let open = advance()
        var fields: [StructField] = []
        var failed = false
        while !aborted && !at("}") {
            var optional = false
            if at("?") { _ = advance(); optional = true }
            guard case .identifier(let name) = current.kind else {
                syntaxError(expecting: "IDENTIFIER")
                recoverElement(closing: "}")
                failed = true
                if at(",") { _ = advance(); continue }
                break
            }
            _ = advance()
            guard expect(":") != nil, let value = parseExpr() else {
                failed = true
                recoverElement(closing: "}")
                if at(",") { _ = advance(); continue }
                break
            }
            fields.append(StructField(id: makeID(), name: name, value: value, isOptional: optional))
            if at(",") { _ = advance(); continue }
            if !at("}") { syntaxError(expecting: "{',', '}'}"); failed = true; recoverElement(closing: "}") }
        }
        guard let close = expect("}"), !failed else { return nil }
        return Expr(id: makeID(), kind: .structure(typeName: typeName, fields: fields),
                    span: SourceSpan(start: startOffset, end: close.end), position: open.start)
    }
}
