@testable import CEL

/// A compact CEL parser used only by the runtime's conformance and benchmark harness
/// while the real parser (`CELParser`, Sources/CEL/Syntax) is not available; delete it
/// once `conformanceParse` calls the real parser. Expands the standard, two-variable,
/// bind, optional and sortBy macros the way cel-go does.
struct StandInParser {
    struct Failure: Error { var message: String }

    enum Tok: Equatable {
        case ident(String), quotedIdent(String), int(Int64), uint(UInt64), double(Double), string(String), bytes([UInt8])
        case punct(String), eof
    }

    private var toks: [(Tok, Int)] = []
    private var p = 0
    private var nextID: ExprID = 1
    private let macros: Bool
    private var depth = 0

    static func parse(_ text: String, macros: Bool = true) -> Result<ParsedExpr, Failure> {
        var parser = StandInParser(macros: macros)
        do {
            var lexer = Lexer(Array(text.utf8))
            parser.toks = try lexer.tokens()
            let e = try parser.expr()
            guard case .eof = parser.toks[parser.p].0 else { throw Failure(message: "unexpected token at \(parser.toks[parser.p].1)") }
            return .success(ParsedExpr(expr: e, source: text))
        } catch let f as Failure { return .failure(f) } catch { return .failure(Failure(message: "\(error)")) }
    }

    private init(macros: Bool) { self.macros = macros }

    // MARK: building

    private mutating func mk(_ kind: ExprKind) -> Expr {
        defer { nextID += 1 }
        return Expr(id: nextID, kind: kind, span: SourceSpan(start: 0, end: 0))
    }
    private mutating func call(_ f: String, _ args: Expr...) -> Expr { mk(.call(target: nil, function: f, args: args)) }
    private mutating func ident(_ n: String) -> Expr { mk(.ident(n)) }
    private mutating func lit(_ l: Literal) -> Expr { mk(.literal(l)) }

    // MARK: tokens

    private var tok: Tok { toks[p].0 }
    private mutating func accept(_ s: String) -> Bool {
        if case .punct(s) = tok { p += 1; return true }
        return false
    }
    private mutating func expect(_ s: String) throws {
        guard accept(s) else { throw Failure(message: "expected '\(s)' at \(toks[p].1)") }
    }

    // MARK: grammar

    mutating func expr() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw Failure(message: "expression nests too deeply") }
        let c = try or()
        if accept("?") {
            let a = try or()
            try expect(":")
            let b = try expr()
            return call(Operator.conditional, c, a, b)
        }
        return c
    }
    private mutating func or() throws -> Expr {
        var l = try and()
        while accept("||") { let r = try and(); l = call(Operator.logicalOr, l, r) }
        return l
    }
    private mutating func and() throws -> Expr {
        var l = try relation()
        while accept("&&") { let r = try relation(); l = call(Operator.logicalAnd, l, r) }
        return l
    }
    private mutating func relation() throws -> Expr {
        var l = try addition()
        let ops = ["==": Operator.equals, "!=": Operator.notEquals, "<": Operator.less, "<=": Operator.lessEquals,
                   ">": Operator.greater, ">=": Operator.greaterEquals]
        while true {
            if case .punct(let s) = tok, let op = ops[s] { p += 1; let r = try addition(); l = call(op, l, r); continue }
            if case .ident("in") = tok { p += 1; let r = try addition(); l = call(Operator.in, l, r); continue }
            return l
        }
    }
    private mutating func addition() throws -> Expr {
        var l = try multiplication()
        while true {
            if accept("+") { let r = try multiplication(); l = call(Operator.add, l, r) }
            else if accept("-") { let r = try multiplication(); l = call(Operator.subtract, l, r) }
            else { return l }
        }
    }
    private mutating func multiplication() throws -> Expr {
        var l = try unary()
        while true {
            if accept("*") { let r = try unary(); l = call(Operator.multiply, l, r) }
            else if accept("/") { let r = try unary(); l = call(Operator.divide, l, r) }
            else if accept("%") { let r = try unary(); l = call(Operator.modulo, l, r) }
            else { return l }
        }
    }
    private mutating func unary() throws -> Expr {
        if accept("!") { let e = try unary(); return call(Operator.logicalNot, e) }
        if accept("-") {
            // Negative numeric literals fold (so -9223372036854775808 is an int).
            switch tok {
            case .int(let v) where !isFollowedByMember():
                p += 1; return lit(.int(0 &- v))
            case .uint(let u) where u == UInt64(Int64.max) + 1 && !isFollowedByMember():
                p += 1; return lit(.int(.min))
            case .double(let d) where !isFollowedByMember():
                p += 1; return lit(.double(-d))
            default:
                let e = try unary(); return call(Operator.negate, e)
            }
        }
        return try member()
    }
    private func isFollowedByMember() -> Bool {
        if case .punct(let s) = toks[p + 1].0 { return s == "." || s == "[" || s == "?." || s == "[?" }
        return false
    }

    private mutating func member() throws -> Expr {
        var e = try primary()
        while true {
            if accept(".") || accept("?.") {
                let optional: Bool = { if case .punct("?.") = toks[p - 1].0 { return true }; return false }()
                let name: String
                switch tok {
                case .ident(let n), .quotedIdent(let n): name = n; p += 1
                default: throw Failure(message: "expected field name at \(toks[p].1)")
                }
                if !optional, case .punct("(") = tok, case .ident = toks[p - 1].0 {
                    p += 1
                    let args = try list(until: ")")
                    e = try memberCall(e, name, args)
                } else if optional {
                    e = call(Operator.optionalSelect, e, lit(.string(name)))
                } else {
                    e = mk(.select(operand: e, field: name, testOnly: false))
                }
            } else if accept("[") {
                let i = try expr(); try expect("]")
                e = call(Operator.index, e, i)
            } else if accept("[?") {
                let i = try expr(); try expect("]")
                e = call(Operator.optionalIndex, e, i)
            } else { return e }
        }
    }

    private mutating func primary() throws -> Expr {
        let (t, pos) = toks[p]
        p += 1
        switch t {
        case .int(let v): return lit(.int(v))
        case .uint(let v): return lit(.uint(v))
        case .double(let v): return lit(.double(v))
        case .string(let s): return lit(.string(s))
        case .bytes(let b): return lit(.bytes(b))
        case .punct("("):
            let e = try expr(); try expect(")"); return e
        case .punct("["):
            var els: [Expr] = [], opt: [Int] = []
            while !accept("]") {
                if accept("?") { opt.append(els.count) }
                els.append(try expr())
                if !accept(",") { try expect("]"); break }
            }
            return mk(.list(elements: els, optionalIndices: opt))
        case .punct("{"):
            var entries: [MapEntry] = []
            while !accept("}") {
                let optional = accept("?")
                let k = try expr(); try expect(":")
                let v = try expr()
                entries.append(MapEntry(id: nextID, key: k, value: v, isOptional: optional)); nextID += 1
                if !accept(",") { try expect("}"); break }
            }
            return mk(.map(entries: entries))
        case .punct("."):
            guard case .ident(let n) = tok else { throw Failure(message: "expected identifier at \(pos)") }
            p += 1
            return try identOrCall("." + n)
        case .ident(let n):
            if ["true", "false", "null"].contains(n) {
                return lit(n == "null" ? .null : .bool(n == "true"))
            }
            let reserved: Set = ["in", "as", "break", "const", "continue", "else", "for", "function", "if", "import",
                                 "let", "loop", "package", "namespace", "return", "var", "void", "while"]
            if reserved.contains(n) { throw Failure(message: "reserved identifier \(n) at \(pos)") }
            return try identOrCall(n)
        default:
            throw Failure(message: "unexpected token at \(pos)")
        }
    }

    private mutating func identOrCall(_ n: String) throws -> Expr {
        if accept("(") {
            let args = try list(until: ")")
            if macros, n == "has", args.count == 1 {
                guard case .select(let operand, let field, _) = args[0].kind else { throw Failure(message: "invalid argument to has() macro") }
                return mk(.select(operand: operand, field: field, testOnly: true))
            }
            return mk(.call(target: nil, function: n, args: args))
        }
        if case .punct("{") = tok, n.first?.isUppercase == true || n.contains(".") {
            // Message construction: Name{field: value}
            p += 1
            var fields: [StructField] = []
            while !accept("}") {
                let optional = accept("?")
                guard case .ident(let f) = tok else { throw Failure(message: "expected field") }
                p += 1
                try expect(":")
                let v = try expr()
                fields.append(StructField(id: nextID, name: f, value: v, isOptional: optional)); nextID += 1
                if !accept(",") { try expect("}"); break }
            }
            return mk(.structure(typeName: n, fields: fields))
        }
        return ident(n)
    }

    private mutating func list(until close: String) throws -> [Expr] {
        var out: [Expr] = []
        while !accept(close) {
            out.append(try expr())
            if !accept(",") { try expect(close); break }
        }
        return out
    }

    // MARK: macros (cel-go expansions)

    private mutating func fold(_ v: String, _ v2: String? = nil, range: Expr, accu: String = "@result", initial: Expr,
                               cond: Expr, step: Expr, result: Expr) -> Expr {
        mk(.comprehension(Comprehension(iterVar: v, iterVar2: v2, iterRange: range, accuVar: accu, accuInit: initial,
                                        loopCondition: cond, loopStep: step, result: result)))
    }

    private func varName(_ e: Expr) throws -> String {
        guard case .ident(let n) = e.kind else { throw Failure(message: "argument must be a simple name") }
        return n
    }

    private mutating func memberCall(_ target: Expr, _ name: String, _ args: [Expr]) throws -> Expr {
        guard macros else { return mk(.call(target: target, function: name, args: args)) }
        // cel.bind(v, init, body)
        if name == "bind", case .ident("cel") = target.kind, args.count == 3 {
            let v = try varName(args[0])
            return fold("#unused", range: mk(.list(elements: [], optionalIndices: [])), accu: v, initial: args[1],
                        cond: lit(.bool(false)), step: ident(v), result: args[2])
        }
        let r = { (s: inout StandInParser) in s.ident("@result") }
        switch (name, args.count) {
        case ("all", 2), ("all", 3), ("exists", 2), ("exists", 3):
            let (v, v2, pred) = args.count == 2 ? (try varName(args[0]), nil, args[1]) : (try varName(args[0]), try varName(args[1]), args[2])
            if name == "all" {
                let cond = call(Operator.notStrictlyFalse, r(&self))
                let step = call(Operator.logicalAnd, r(&self), pred)
                return fold(v, v2, range: target, initial: lit(.bool(true)), cond: cond, step: step, result: r(&self))
            }
            let cond = call(Operator.notStrictlyFalse, call(Operator.logicalNot, r(&self)))
            let step = call(Operator.logicalOr, r(&self), pred)
            return fold(v, v2, range: target, initial: lit(.bool(false)), cond: cond, step: step, result: r(&self))
        case ("exists_one", 2), ("existsOne", 2), ("existsOne", 3), ("exists_one", 3):
            let (v, v2, pred) = args.count == 2 ? (try varName(args[0]), nil, args[1]) : (try varName(args[0]), try varName(args[1]), args[2])
            let step = call(Operator.conditional, pred, call(Operator.add, r(&self), lit(.int(1))), r(&self))
            return fold(v, v2, range: target, initial: lit(.int(0)), cond: lit(.bool(true)), step: step,
                        result: call(Operator.equals, r(&self), lit(.int(1))))
        case ("map", 2), ("map", 3), ("filter", 2), ("transformList", 3), ("transformList", 4):
            let two = name == "transformList"
            let v = try varName(args[0])
            let v2 = two ? try varName(args[1]) : nil
            let rest = Array(args.dropFirst(two ? 2 : 1))
            let value = name == "filter" ? ident(v) : rest[rest.count - 1]
            let filter: Expr? = name == "filter" ? rest[0] : (rest.count == 2 ? rest[0] : nil)
            let appended = call(Operator.add, r(&self), mk(.list(elements: [value], optionalIndices: [])))
            let step = filter.map { call(Operator.conditional, $0, appended, r(&self)) } ?? appended
            return fold(v, v2, range: target, initial: mk(.list(elements: [], optionalIndices: [])), cond: lit(.bool(true)),
                        step: step, result: r(&self))
        case ("transformMap", 3), ("transformMap", 4), ("transformMapEntry", 3), ("transformMapEntry", 4):
            let v = try varName(args[0]), v2 = try varName(args[1])
            let value = args[args.count - 1]
            let insert = name == "transformMap" ? call("cel.@mapInsert", r(&self), ident(v), value) : call("cel.@mapInsert", r(&self), value)
            let step = args.count == 4 ? call(Operator.conditional, args[2], insert, r(&self)) : insert
            return fold(v, v2, range: target, initial: mk(.map(entries: [])), cond: lit(.bool(true)), step: step, result: r(&self))
        case ("optMap", 2), ("optFlatMap", 2):
            let v = try varName(args[0])
            let bound = fold("#unused", range: mk(.list(elements: [], optionalIndices: [])), accu: v,
                             initial: mk(.call(target: target, function: "value", args: [])), cond: lit(.bool(false)),
                             step: ident(v), result: args[1])
            let some = name == "optMap" ? call("optional.of", bound) : bound
            return call(Operator.conditional, mk(.call(target: target, function: "hasValue", args: [])), some, call("optional.none"))
        case ("sortBy", 2):
            let v = try varName(args[0])
            let input = "@__sortBy_input__"
            let keys = fold(v, range: ident(input), initial: mk(.list(elements: [], optionalIndices: [])), cond: lit(.bool(true)),
                            step: call(Operator.add, r(&self), mk(.list(elements: [args[1]], optionalIndices: []))), result: r(&self))
            let sorted = mk(.call(target: ident(input), function: "@sortByAssociatedKeys", args: [keys]))
            return fold("#unused", range: mk(.list(elements: [], optionalIndices: [])), accu: input, initial: target,
                        cond: lit(.bool(false)), step: ident(input), result: sorted)
        default:
            return mk(.call(target: target, function: name, args: args))
        }
    }
}

/// Tokens of CEL source.
private struct Lexer {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }

    func at(_ k: Int) -> UInt8 { i + k < b.count ? b[i + k] : 0 }

    mutating func tokens() throws -> [(StandInParser.Tok, Int)] {
        var out: [(StandInParser.Tok, Int)] = []
        while true {
            while i < b.count, [9, 10, 12, 13, 32].contains(b[i]) { i += 1 }
            if at(0) == 47, at(1) == 47 { while i < b.count, b[i] != 10 { i += 1 }; continue }
            let start = i
            guard i < b.count else { out.append((.eof, i)); return out }
            let c = b[i]
            // String and bytes literals with prefixes r, b, br, rb (any case).
            var k = 0, raw = false, bytes = false
            while k < 2, [114, 82, 98, 66].contains(at(k)) {
                if at(k) == 114 || at(k) == 82 { raw = true } else { bytes = true }
                k += 1
            }
            if at(k) == 34 || at(k) == 39, k == 0 || isPrefix(k) {
                i += k
                let s = try string(raw: raw, bytes: bytes)
                out.append((bytes ? .bytes(s) : .string(String(decoding: s, as: UTF8.self)), start))
                continue
            }
            if isIdentStart(c) {
                while i < b.count, isIdentStart(b[i]) || (b[i] >= 48 && b[i] <= 57) { i += 1 }
                out.append((.ident(String(decoding: b[start..<i], as: UTF8.self)), start))
                continue
            }
            if c == 96 {
                i += 1
                while i < b.count, b[i] != 96 { i += 1 }
                guard i < b.count else { throw StandInParser.Failure(message: "unterminated quoted identifier") }
                out.append((.quotedIdent(String(decoding: b[(start + 1)..<i], as: UTF8.self)), start))
                i += 1
                continue
            }
            if (c >= 48 && c <= 57) || (c == 46 && at(1) >= 48 && at(1) <= 57) {
                out.append((try number(), start))
                continue
            }
            for op in ["?.", "[?", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "+", "-",
                       "*", "/", "%", "!", "<", ">"] {
                let ob = Array(op.utf8)
                if i + ob.count <= b.count, Array(b[i..<(i + ob.count)]) == ob {
                    // `?.` followed by a digit is `? .5`; keep it simple: CEL users write `a.?b`.
                    out.append((.punct(op), start)); i += ob.count
                    break
                }
            }
            if i == start { throw StandInParser.Failure(message: "unexpected character at \(i)") }
        }
    }

    func isPrefix(_ k: Int) -> Bool { true }
    func isIdentStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }

    mutating func number() throws -> StandInParser.Tok {
        let start = i
        if at(0) == 48, at(1) == 120 || at(1) == 88 {
            i += 2
            let ds = i
            while i < b.count, (b[i] >= 48 && b[i] <= 57) || (b[i] | 32 >= 97 && b[i] | 32 <= 102) { i += 1 }
            let text = String(decoding: b[ds..<i], as: UTF8.self)
            if at(0) == 117 || at(0) == 85 {
                i += 1
                guard let u = UInt64(text, radix: 16) else { throw StandInParser.Failure(message: "bad hex") }
                return .uint(u)
            }
            guard let u = UInt64(text, radix: 16) else { throw StandInParser.Failure(message: "bad hex") }
            if u == UInt64(Int64.max) + 1 { return .uint(u) }
            guard let v = Int64(exactly: u) else { throw StandInParser.Failure(message: "int out of range") }
            return .int(v)
        }
        var isDouble = false
        while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
        if at(0) == 46, at(1) >= 48, at(1) <= 57 { isDouble = true; i += 1; while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 } }
        if at(0) == 101 || at(0) == 69 {
            var k = 1
            if at(k) == 43 || at(k) == 45 { k += 1 }
            if at(k) >= 48, at(k) <= 57 { isDouble = true; i += k; while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 } }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if isDouble {
            guard let d = Double(text) else { throw StandInParser.Failure(message: "bad double") }
            return .double(d)
        }
        if at(0) == 117 || at(0) == 85 {
            i += 1
            guard let u = UInt64(text) else { throw StandInParser.Failure(message: "uint out of range") }
            return .uint(u)
        }
        guard let u = UInt64(text) else { throw StandInParser.Failure(message: "int out of range") }
        if u == UInt64(Int64.max) + 1 { return .uint(u) }   // only valid after unary minus
        guard let v = Int64(exactly: u) else { throw StandInParser.Failure(message: "int out of range") }
        return .int(v)
    }

    mutating func string(raw: Bool, bytes: Bool) throws -> [UInt8] {
        let q = b[i]
        let triple = at(1) == q && at(2) == q
        i += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw StandInParser.Failure(message: "unterminated string") }
            let c = b[i]
            if c == q, !triple || (at(1) == q && at(2) == q) { i += triple ? 3 : 1; return out }
            if !triple, c == 10 || c == 13 { throw StandInParser.Failure(message: "newline in string") }
            if c == 92, !raw {
                i += 1
                let e = at(0)
                i += 1
                switch e {
                case 97: out.append(7)
                case 98: out.append(8)
                case 102: out.append(12)
                case 110: out.append(10)
                case 114: out.append(13)
                case 116: out.append(9)
                case 118: out.append(11)
                case 92, 63, 34, 39, 96: out.append(e)
                case 120, 88, 117, 85:
                    let n = (e == 120 || e == 88) ? 2 : (e == 117 ? 4 : 8)
                    guard i + n <= b.count, let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16) else {
                        throw StandInParser.Failure(message: "bad escape")
                    }
                    i += n
                    if bytes, n == 2 { out.append(UInt8(v)) } else {
                        guard !bytes || n == 2, let sc = Unicode.Scalar(v) else { throw StandInParser.Failure(message: "bad code point") }
                        out += Array(String(sc).utf8)
                    }
                case 48...51:
                    guard i + 2 <= b.count, (48...55).contains(b[i]), (48...55).contains(b[i + 1]) else {
                        throw StandInParser.Failure(message: "bad octal")
                    }
                    let v = UInt32(e - 48) * 64 + UInt32(b[i] - 48) * 8 + UInt32(b[i + 1] - 48)
                    i += 2
                    if bytes { out.append(UInt8(truncatingIfNeeded: v)) }
                    else { guard let sc = Unicode.Scalar(v) else { throw StandInParser.Failure(message: "bad octal") }; out += Array(String(sc).utf8) }
                default: throw StandInParser.Failure(message: "bad escape \\\(Character(Unicode.Scalar(e)))")
                }
                continue
            }
            out.append(c); i += 1
        }
    }
}
