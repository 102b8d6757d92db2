/// cel-go `ext.Lists()` (latest version): slice, flatten, lists.range, distinct,
/// reverse, sort, and the helper behind the `sortBy` macro.
public struct ListsExtension: RuntimeLibrary {
    public init() {}

    public func register(into t: inout FunctionTable) {
        t.register("slice", [Overload("list_slice", member: true, [.list, .int, .int]) { a in
            let l = a[0].asList
            let i = a[1].asInt, j = a[2].asInt
            guard i >= 0, j >= 0 else { throw EvalError("cannot slice(\(i), \(j)), negative indexes not supported") }
            guard i <= j else { throw EvalError("cannot slice(\(i), \(j)), start index must be less than or equal to end index") }
            guard j <= Int64(l.count) else { throw EvalError("cannot slice(\(i), \(j)), list is length \(l.count)") }
            return .list(Array(l[Int(i)..<Int(j)]))
        }])
        t.register("flatten", [
            Overload("list_flatten", member: true, [.list]) { a in .list(Self.flatten(a[0].asList, depth: 1)) },
            Overload("list_flatten_int", member: true, [.list, .int]) { a in
                guard a[1].asInt >= 0 else { throw EvalError("level must be non-negative") }
                return .list(Self.flatten(a[0].asList, depth: a[1].asInt))
            },
        ])
        t.register("lists.range", [Overload("lists_range", [.int]) { a in
            let n = a[0].asInt
            // The interpreter charges for the size of the result; cap what one call builds.
            guard n <= 1_000_000 else { throw EvalError("lists.range: \(n) elements exceed the size limit") }
            return .list(n <= 0 ? [] : (0..<n).map { Value.int($0) })
        }])
        t.register("distinct", [Overload("list_distinct", member: true, [.list]) { a in .list(Self.distinct(a[0].asList)) }])
        t.register("reverse", [Overload("list_reverse", member: true, [.list]) { a in .list(a[0].asList.reversed()) }])
        t.register("sort", [Overload("list_sort", member: true, [.list]) { a in
            .list(try Self.sorted(a[0].asList, keys: a[0].asList))
        }])
        let sortByKeys: @Sendable ([Value]) throws -> Value = { a in
            let l = a[0].asList, keys = a[1].asList
            guard l.count == keys.count else { throw EvalError("@sortByAssociatedKeys: list and keys differ in size") }
            return .list(try Self.sorted(l, keys: keys))
        }
        t.register("@sortByAssociatedKeys", [
            Overload("list_sort_by_associated_keys", member: true, [.list, .list], sortByKeys),
            Overload("list_sort_by_associated_keys_global", [.list, .list], sortByKeys),
        ])
    }

    /// The first of each run of equal elements, in order. Each element is compared only
    /// with those kept in its bucket (equal values share one), not with every one kept:
    /// 100,000 distinct strings took minutes.
    static func distinct(_ list: [Value]) -> [Value] {
        var out: [Value] = []
        var kept: [DistinctBucket: [Int]] = [:]
        for v in list {
            let bucket = DistinctBucket(v)
            if kept[bucket]?.contains(where: { out[$0].celEquals(v) }) == true { continue }
            kept[bucket, default: []].append(out.count)
            out.append(v)
        }
        return out
    }

    static func flatten(_ l: [Value], depth: Int64) -> [Value] {
        if depth <= 0 { return l }
        var out: [Value] = []
        for v in l {
            if case .list(let inner) = v { out += flatten(inner, depth: depth - 1) } else { out.append(v) }
        }
        return out
    }

    /// Stable sort of `values` by `keys`; keys must be mutually comparable and of one kind.
    static func sorted(_ values: [Value], keys: [Value]) throws(EvalError) -> [Value] {
        if let first = keys.first {
            let k = first.kind
            for key in keys where key.kind != k { throw EvalError("list elements must have the same type") }
            switch k {
            case .int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration, .object: break
            default: throw EvalError("list elements must be comparable, got \(k)")
            }
        }
        var failure: EvalError?
        let order = keys.indices.sorted { x, y in
            do throws(EvalError) {
                if case .ordered(let c) = try Value.order(keys[x], keys[y]) { return c < 0 || (c == 0 && x < y) }
                return x < y
            } catch { failure = error; return x < y }
        }
        if let failure { throw failure }
        return order.map { values[$0] }
    }
}

/// Where `distinct` looks for an element's equals: values equal under CEL's equality fall
/// in one bucket. Numbers of any kind go by their value as a double (cel-go compares an int
/// with a double as doubles); a NaN is equal to nothing, so it has a bucket of its own
/// kind that never finds an equal. Lists, maps and other values share a bucket per kind.
private enum DistinctBucket: Hashable {
    case number(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case other(ValueKind)

    init(_ v: Value) {
        switch v {
        case .int(let i): self = .number(Double(i))
        case .uint(let u): self = .number(Double(u))
        case .double(let d): self = d.isNaN ? .other(.double) : .number(d == 0 ? 0 : d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .bytes(b)
        case .bool(let b): self = .bool(b)
        default: self = .other(v.kind)
        }
    }
}
