import CEL

/// Names the data an expression could not read offline: the first reference chain
/// (`deployment.status.availableReplicas`, `schema.metadata.uid`) that does not resolve
/// against the variables of the evaluation.
enum MissingData {
    /// kro's "data pending" errors (runtime/errors.go): retried, not failures.
    static func isDataPending(_ message: String) -> Bool {
        ["no such key", "no such field", "no such attribute", "index out of bounds"].contains { message.contains($0) }
    }

    /// The source text of the first chain that does not resolve (the whole chain: what the
    /// expression reads); nil when every chain resolves.
    static func path(in expression: ParsedExpr, text: String, activation: Activation, unknown: Set<String>) -> String? {
        var chains: [[Expr]] = []
        collectChains(expression.expr, into: &chains, depth: 0)
        let bytes = Array(text.utf8)
        func source(_ e: Expr) -> String {
            let span = e.span
            guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "" }
            return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        }
        for chain in chains {
            guard case .ident(let root) = chain[0].kind else { continue }
            if unknown.contains(root) { return source(chain.last!) }
            guard var value = activation.value(of: root) else { continue }
            for node in chain.dropFirst() {
                guard let next = step(value, node) else { return source(chain.last!) }
                value = next
            }
        }
        return nil
    }

    /// Chains rooted at an identifier, outermost selection last: `a.b[0].c` gives
    /// [a, a.b, a.b[0], a.b[0].c].
    private static func collectChains(_ e: Expr, into out: inout [[Expr]], depth: Int) {
        guard depth < 200 else { return }
        if let chain = chain(e), chain.count > 1 || isIdent(e) {
            out.append(chain)
            // Index arguments may hold chains of their own.
            for node in chain { if case .call(_, "_[_]", let args) = node.kind { collectChains(args[1], into: &out, depth: depth + 1) } }
            return
        }
        switch e.kind {
        case .literal, .ident: break
        case .select(let operand, _, _): collectChains(operand, into: &out, depth: depth + 1)
        case .call(let target, _, let args):
            if let target { collectChains(target, into: &out, depth: depth + 1) }
            for a in args { collectChains(a, into: &out, depth: depth + 1) }
        case .list(let elements, _): for x in elements { collectChains(x, into: &out, depth: depth + 1) }
        case .map(let entries): for x in entries { collectChains(x.key, into: &out, depth: depth + 1); collectChains(x.value, into: &out, depth: depth + 1) }
        case .structure(_, let fields): for f in fields { collectChains(f.value, into: &out, depth: depth + 1) }
        case .comprehension(let c): collectChains(c.iterRange, into: &out, depth: depth + 1)
        }
    }

    private static func isIdent(_ e: Expr) -> Bool {
        if case .ident = e.kind { return true }
        return false
    }

    private static func chain(_ e: Expr) -> [Expr]? {
        switch e.kind {
        case .ident: return [e]
        case .select(let operand, _, let testOnly) where !testOnly:
            return chain(operand).map { $0 + [e] }
        case .call(nil, "_[_]", let args) where args.count == 2:
            if case .literal = args[1].kind { return chain(args[0]).map { $0 + [e] } }
            return chain(args[0]).map { $0 + [e] }
        default: return nil
        }
    }

    private static func step(_ value: Value, _ node: Expr) -> Value? {
        switch node.kind {
        case .select(_, let field, _):
            if case .map(let m) = value { return m[.string(field)] }
            if case .object(let o) = value { return o.field(field) }
            return nil
        case .call(_, _, let args):
            guard case .literal(let lit) = args[1].kind else { return value }   // computed index: assume present
            switch (value, lit) {
            case (.map(let m), .string(let k)): return m[.string(k)]
            case (.list(let items), .int(let i)): return i >= 0 && Int(i) < items.count ? items[Int(i)] : nil
            default: return value
            }
        default:
            return value
        }
    }
}
