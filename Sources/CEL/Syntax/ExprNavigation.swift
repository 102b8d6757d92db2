/// One way to move around a CEL tree: a node's children, a pre-order walk, the chain of
/// nodes from the root down to an offset. Iterative, so no tree depth can exhaust the
/// stack of the caller.
extension Expr {
    /// The direct sub-expressions, in evaluation order (source order except inside
    /// macro-expanded comprehensions): a call's target before its arguments, a map
    /// entry's key before its value, a comprehension's range, init, condition, step, result.
    public var children: [Expr] {
        switch kind {
        case .literal, .ident: return []
        case .select(let operand, _, _): return [operand]
        case .call(let target, _, let args): return target.map { [$0] + args } ?? args
        case .list(let elements, _): return elements
        case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
        case .structure(_, let fields): return fields.map(\.value)
        case .comprehension(let c): return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]
        }
    }

    /// Visits this node and its descendants in pre-order, with each node's depth (0 for
    /// this node). Returning false from `visit` skips that node's children.
    public func walk(_ visit: (Expr, _ depth: Int) -> Bool) {
        var stack: [(Expr, Int)] = [(self, 0)]
        while let (node, depth) = stack.popLast() {
            guard visit(node, depth) else { continue }
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
    }

    /// Every node of the tree in pre-order (for searches that need no pruning).
    public var allNodes: [Expr] {
        var out: [Expr] = []
        walk { node, _ in out.append(node); return true }
        return out
    }

    /// The node with `id`, if it is in this tree.
    public func node(withID id: ExprID) -> Expr? {
        var found: Expr?
        walk { node, _ in
            if found != nil { return false }
            if node.id == id { found = node; return false }
            return true
        }
        return found
    }

    /// The nodes whose span holds `offset`, from this node down to the innermost one.
    /// A cursor right after a node (`offset == span.end`) still counts as on it, so
    /// `schema.spec|` finds the selection of `spec`. The innermost node is the narrowest
    /// that holds the offset (on a tie, one holding it strictly beats one it merely
    /// touches, then the deeper wins): macro expansions give generated nodes the whole call's span, so the
    /// node the author wrote is found below them. Empty when the offset is outside.
    public func path(to offset: Int) -> [Expr] {
        guard Self.holds(span, offset) else { return [] }
        var nodes: [(node: Expr, parent: Int, depth: Int)] = [(self, -1, 0)]
        var best = 0
        var stack = [0]
        while let i = stack.popLast() {
            let (node, _, depth) = nodes[i]
            if Self.isBetter(node.span, depth, than: nodes[best].node.span, nodes[best].depth, at: offset) { best = i }
            for child in node.children where Self.holds(child.span, offset) {
                nodes.append((child, i, depth + 1))
                stack.append(nodes.count - 1)
            }
        }
        var path: [Expr] = []
        var i = best
        while i >= 0 { path.append(nodes[i].node); i = nodes[i].parent }
        return path.reversed()
    }

    /// The innermost node at `offset` (see `path(to:)`).
    public func node(at offset: Int) -> Expr? { path(to: offset).last }

    private static func holds(_ s: SourceSpan, _ offset: Int) -> Bool {
        !s.isEmpty && s.start <= offset && offset <= s.end
    }

    private static func isBetter(_ a: SourceSpan, _ aDepth: Int, than b: SourceSpan, _ bDepth: Int, at offset: Int) -> Bool {
        let aWidth = a.end - a.start, bWidth = b.end - b.start
        if aWidth != bWidth { return aWidth < bWidth }
        let aStrict = offset < a.end, bStrict = offset < b.end
        if aStrict != bStrict { return aStrict }
        return aDepth > bDepth
    }
}

extension ParsedExpr {
    /// The node with `id` in the (expanded) tree; `macroCalls[id]` gives what a macro
    /// node was written as.
    public func node(withID id: ExprID) -> Expr? { expr.node(withID: id) }
}

extension Expr {
    /// The name tolerant parsing gives an operand or selected field that is not written yet.
    public static let missingName = ""

    /// A stand-in of tolerant parsing: an operand that is not there (an identifier with
    /// the empty name), or a selection whose field is not typed yet (`a.`).
    public var isMissing: Bool {
        switch kind {
        case .ident(Expr.missingName): return true
        case .select(_, Expr.missingName, _): return true
        default: return false
        }
    }
}
