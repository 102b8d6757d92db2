/// Kubernetes `library.Lists()`: `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`.
public struct KubernetesListsLibrary: RuntimeLibrary {
    public init() {}

    /// Upstream `Compare` results that are errors (mixed kinds, NaN) never count as
    /// "greater", so they neither unsort a list nor win `min`/`max`.
    static func isGreater(_ a: Value, _ b: Value) -> Bool {
        guard let o = try? Value.order(a, b), case .ordered(let c) = o else { return false }
        return c > 0
    }

    static func add(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (s, o) = x.addingReportingOverflow(y)
            if o { throw EvalError.overflow }
            return .int(s)
        case let (.uint(x), .uint(y)):
            let (s, o) = x.addingReportingOverflow(y)
            if o { throw EvalError.overflow }
            return .uint(s)
        case let (.double(x), .double(y)): return .double(x + y)
        case let (.duration(x), .duration(y)): return .duration(try x.adding(y))
        default: throw LibraryError.noSuchOverload
        }
    }

    public func register(into t: inout FunctionTable) {
        t.register("isSorted", [Overload("list_is_sorted_bool", member: true, [.list]) { a in
            let l = a[0].asList
            for (x, y) in zip(l, l.dropFirst()) where Self.isGreater(x, y) { return .bool(false) }
            return .bool(true)
        }])
        t.register("sum", [Overload("list_sum", member: true, [.list]) { a in
            let l = a[0].asList
            guard var acc = l.first else { return .int(0) }
            // Adding to the zero of the list's kind first keeps upstream's errors for
            // non-summable elements.
            switch acc {
            case .int, .uint, .double, .duration: break
            default: throw LibraryError.noSuchOverload
            }
            for v in l.dropFirst() { acc = try Self.add(acc, v) }
            return acc
        }])
        for (name, preferGreater) in [("min", false), ("max", true)] {
            t.register(name, [Overload("list_\(name)", member: true, [.list]) { a in
                let l = a[0].asList
                guard var best = l.first else { throw LibraryError("\(name) called on empty list") }
                for v in l.dropFirst() where preferGreater ? Self.isGreater(v, best) : Self.isGreater(best, v) {
                    best = v
                }
                return best
            }])
        }
        t.register("indexOf", [Overload("list_a_index_of_int", member: true, [.list, nil]) { a in
            .int(Int64(a[0].asList.firstIndex { $0.celEquals(a[1]) } ?? -1))
        }])
        t.register("lastIndexOf", [Overload("list_a_last_index_of_int", member: true, [.list, nil]) { a in
            .int(Int64(a[0].asList.lastIndex { $0.celEquals(a[1]) } ?? -1))
        }])
    }
}
