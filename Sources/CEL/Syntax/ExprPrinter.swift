/// A compact S-expression rendering of the AST, for tests and debugging:
///
///     a + b * -c        →  (_+_ a (_*_ b (-_ c)))
///     x.f(y)            →  (.f x y)
///     a.b / has(a.b)    →  a.b / (has a.b)
///     [1, ?x]           →  [1 ?x]
///     {"k": v}          →  {"k": v}
///     M{f: 1}           →  M{f: 1}
///     comprehension     →  (fold k[,v] range accu init cond step result)
extension Expr {
    public var sExpression: String {
        var out = ""
        Expr.write(self, to: &out)
        return out
    }

    private static func write(_ e: Expr, to out: inout String) {
        switch e.kind {
        case .literal(let l):
            out += literalText(l)
        case .ident(let name):
            out += name.isEmpty ? "<error>" : name
        case .select(let operand, let field, let testOnly):
            if testOnly { out += "(has " }
            write(operand, to: &out)
            out += "." + field
            if testOnly { out += ")" }
        case .call(let target, let function, let args):
            out += "("
            if let target {
                out += "." + function + " "
                write(target, to: &out)
            } else {
                out += function
            }
            for a in args { out += " "; write(a, to: &out) }
            out += ")"
        case .list(let elements, let optionals):
            out += "["
            for (i, el) in elements.enumerated() {
                if i > 0 { out += " " }
                if optionals.contains(i) { out += "?" }
                write(el, to: &out)
            }
            out += "]"
        case .map(let entries):
            out += "{"
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += ", " }
                if entry.isOptional { out += "?" }
                write(entry.key, to: &out)
                out += ": "
                write(entry.value, to: &out)
            }
            out += "}"
        case .structure(let typeName, let fields):
            out += typeName + "{"
            for (i, f) in fields.enumerated() {
                if i > 0 { out += ", " }
                out += (f.isOptional ? "?" : "") + f.name + ": "
                write(f.value, to: &out)
            }
            out += "}"
        case .comprehension(let c):
            out += "(fold " + c.iterVar + (c.iterVar2.map { "," + $0 } ?? "") + " "
            for (i, part) in [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].enumerated() {
                if i == 1 { out += c.accuVar + " " }
                write(part, to: &out)
                if i < 4 { out += " " }
            }
            out += ")"
        }
    }

    static func literalText(_ l: Literal) -> String {
        switch l {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u) + "u"
        case .double(let d): return String(d)
        case .string(let s): return quote(Array(s.utf8), isBytes: false)
        case .bytes(let b): return "b" + quote(b, isBytes: true)
        }
    }

    private static func quote(_ bytes: [UInt8], isBytes: Bool) -> String {
        var out = "\""
        var plain: [UInt8] = []
        func flush() { out += String(decoding: plain, as: UTF8.self); plain.removeAll() }
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): flush(); out += "\\\""
            case UInt8(ascii: "\\"): flush(); out += "\\\\"
            case 0x0A: flush(); out += "\\n"
            case 0x0D: flush(); out += "\\r"
            case 0x09: flush(); out += "\\t"
            case 0x20..<0x7F: plain.append(b)
            default:
                if b >= 0x80 && !isBytes {
                    plain.append(b)
                } else {
                    flush()
                    let hex = String(b, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
        }
        flush()
        return out + "\""
    }
}
