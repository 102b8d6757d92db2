/// cel-go `cel.OptionalTypes()` functions: `optional.of`, `optional.ofNonZeroValue`,
/// `optional.none`, `hasValue`, `value`, `or`, `orValue`, and the list helpers of recent
/// versions (`first`, `last`, `optional.unwrap`, `unwrapOpt`). `optMap`/`optFlatMap`
/// are macros the parser expands into these.
public struct OptionalsLibrary: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        t.register("optional.of", [Overload("optional_of", [nil]) { a in .optional(a[0]) }])
        t.register("optional.ofNonZeroValue", [Overload("optional_ofNonZeroValue", [nil]) { a in
            .optional(a[0].isZeroValue ? nil : a[0])
        }])
        t.register("optional.none", [Overload("optional_none", []) { _ in .optional(nil) }])
        t.register("hasValue", [Overload("optional_hasValue", member: true, [.optional]) { a in
            guard case .optional(let o) = a[0] else { return .bool(false) }
            return .bool(o != nil)
        }])
        t.register("value", [Overload("optional_value", member: true, [.optional]) { a in
            guard case .optional(let o?) = a[0] else { throw EvalError("optional.none() dereference") }
            return o
        }])
        t.register("or", [Overload("optional_or_optional", member: true, [.optional, .optional]) { a in
            if case .optional(.some) = a[0] { return a[0] }
            return a[1]
        }])
        t.register("orValue", [Overload("optional_orValue_value", member: true, [.optional, nil]) { a in
            if case .optional(let o?) = a[0] { return o }
            return a[1]
        }])
        t.register("first", [Overload("list_first", member: true, [.list]) { a in .optional(a[0].asList.first) }])
        t.register("last", [Overload("list_last", member: true, [.list]) { a in .optional(a[0].asList.last) }])
        let unwrap: @Sendable ([Value]) throws -> Value = { a in
            var out: [Value] = []
            for v in a[0].asList {
                guard case .optional(let o) = v else { throw EvalError("optional.unwrap: list element is not optional: \(v.kind)") }
                if let o { out.append(o) }
            }
            return .list(out)
        }
        t.register("optional.unwrap", [Overload("optional_unwrap", [.list], unwrap)])
        t.register("unwrapOpt", [Overload("optional_unwrapOpt", member: true, [.list], unwrap)])
    }
}

extension Value {
    /// Whether this is its type's zero value (`optional.ofNonZeroValue`).
    public var isZeroValue: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .duration(let d): return d.nanoseconds == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .optional(let o): return o == nil
        case .type: return false
        case .object(let o): return o.isZeroValue
        }
    }
}
