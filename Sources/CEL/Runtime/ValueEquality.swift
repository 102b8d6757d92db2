/// CEL equality and ordering (cel-spec "heterogeneous equality"): numbers compare by
/// mathematical value across int, uint and double; values of different kinds are
/// unequal (never an error); NaN equals nothing and orders with nothing.
extension Value {
    /// `self == other` as CEL defines it.
    public func celEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.string(a), .string(b)): return Self.sameStorage(a, b) || a.utf8.elementsEqual(b.utf8)
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.list(a), .list(b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !x.celEquals(y) { return false }
            return true
        case let (.map(a), .map(b)):
            guard a.count == b.count else { return false }
            for (k, v) in a.storage {
                guard let w = b[k], v.value.celEquals(w) else { return false }
            }
            return true
        case let (.type(a), .type(b)): return a == b
        case let (.timestamp(a), .timestamp(b)): return a == b
        case let (.duration(a), .duration(b)): return a == b
        case let (.optional(a), .optional(b)):
            switch (a, b) {
            case (nil, nil): return true
            case let (x?, y?): return x.celEquals(y)
            default: return false
            }
        case let (.object(a), .object(b)): return a.isEqual(to: b)
        default:
            if case .ordered(0)? = Value.numericOrder(self, other) { return true }
            return false
        }
    }

    /// Whether two strings are one text referenced twice, known equal without reading
    /// them: sorting or deduplicating a thousand references to one 1 MB string compared it
    /// byte by byte ten thousand times.
    static func sameStorage(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count, a.utf8.count > 64 else { return false }
        return a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.baseAddress == y.baseAddress } ?? false
        } ?? false
    }

    /// The result of comparing two values for `<` and friends.
    public enum Order: Equatable, Sendable {
        /// Negative, zero or positive, like `strcmp`.
        case ordered(Int)
        /// Comparable kinds, but no order (a NaN is involved): every comparison is false.
        case unordered
    }

    /// Ordering between numbers of any numeric kinds, nil when either is not a number.
    static func numericOrder(_ a: Value, _ b: Value) -> Order? {
        switch (a, b) {
        case let (.int(x), .int(y)): return .ordered(x < y ? -1 : x > y ? 1 : 0)
        case let (.uint(x), .uint(y)): return .ordered(x < y ? -1 : x > y ? 1 : 0)
        case let (.double(x), .double(y)):
            if x.isNaN || y.isNaN { return .unordered }
            return .ordered(x < y ? -1 : x > y ? 1 : 0)
        case let (.int(x), .uint(y)):
            if x < 0 { return .ordered(-1) }
            let ux = UInt64(x)
            return .ordered(ux < y ? -1 : ux > y ? 1 : 0)
        case let (.uint(x), .int(y)):
            if y < 0 { return .ordered(1) }
            let uy = UInt64(y)
            return .ordered(x < uy ? -1 : x > uy ? 1 : 0)
        case let (.int(x), .double(y)): return compareInt(x, y)
        case let (.double(x), .int(y)): return invert(compareInt(y, x))
        case let (.uint(x), .double(y)): return compareUint(x, y)
        case let (.double(x), .uint(y)): return invert(compareUint(y, x))
        default: return nil
        }
    }

    private static func invert(_ o: Order) -> Order {
        if case .ordered(let c) = o { return .ordered(-c) }
        return o
    }

    /// int64 against double as cel-go compares them: the integer converted to double
    /// (so `9223372036854775807 < 9223372036854775808.0` is false, as the conformance
    /// suite pins).
    private static func compareInt(_ i: Int64, _ d: Double) -> Order {
        if d.isNaN { return .unordered }
        let x = Double(i)
        return .ordered(x < d ? -1 : x > d ? 1 : 0)
    }

    private static func compareUint(_ u: UInt64, _ d: Double) -> Order {
        if d.isNaN { return .unordered }
        let x = Double(u)
        return .ordered(x < d ? -1 : x > d ? 1 : 0)
    }

    /// Ordering for `<`, `<=`, `>`, `>=` and sorting; throws "no such overload" for
    /// kinds that have no order (lists, maps, mixed kinds, …).
    public static func order(_ a: Value, _ b: Value, function: String = "_<_") throws(EvalError) -> Order {
        if let n = numericOrder(a, b) { return n }
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Order { .ordered(x < y ? -1 : x > y ? 1 : 0) }
        switch (a, b) {
        case let (.string(x), .string(y)):
            if sameStorage(x, y) || x.utf8.elementsEqual(y.utf8) { return .ordered(0) }
            return .ordered(x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
        case let (.bytes(x), .bytes(y)):
            if x == y { return .ordered(0) }
            return .ordered(x.lexicographicallyPrecedes(y) ? -1 : 1)
        case let (.bool(x), .bool(y)): return .ordered(x == y ? 0 : (!x ? -1 : 1))
        case let (.timestamp(x), .timestamp(y)): return cmp(x, y)
        case let (.duration(x), .duration(y)): return cmp(x, y)
        case let (.object(x), .object(y)):
            if let c = x.compare(to: y) { return .ordered(c) }
        default: break
        }
        throw EvalError.noSuchOverload(function, [a, b])
    }
}
