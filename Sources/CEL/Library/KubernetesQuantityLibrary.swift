/// Kubernetes `library.Quantity()`.
public struct KubernetesQuantityLibrary: RuntimeLibrary {
    public init() {}

    /// `==`/`!=` between quantities as upstream's `Equal` behaves: an `add`/`sub` result
    /// on the right is "no such overload". Register before the standard equality.
    public struct Comparison: RuntimeLibrary {
        public init() {}
        public func register(into t: inout FunctionTable) {
            for (name, negate) in [(Operator.equals, false), (Operator.notEquals, true)] {
                t.register(name, [Overload("quantity_\(name)", [.quantity, .quantity]) { a in
                    let (x, y) = try Value.pair(a, Quantity.self)
                    if y.isArithmeticResult { throw LibraryError.noSuchOverload }
                    return .bool((x.compare(y) == 0) != negate)
                }])
            }
        }
    }

    public func register(into t: inout FunctionTable) {
        t.register("quantity", [Overload("string_to_quantity", [.string]) { a in
            .object(try Quantity.parse(a[0].asString))
        }])
        t.register("isQuantity", [Overload("is_quantity_string", [.string]) { a in
            .bool((try? Quantity.parse(a[0].asString)) != nil)
        }])
        t.register("sign", [Overload("quantity_sign", [.quantity]) { a in
            .int(Int64(try a[0].opaque(Quantity.self).sign))
        }])
        t.register("isGreaterThan", [Overload("quantity_is_greater_than", member: true, [.quantity, .quantity]) { a in
            let (x, y) = try Value.pair(a, Quantity.self); return .bool(x.compare(y) == 1)
        }])
        t.register("isLessThan", [Overload("quantity_is_less_than", member: true, [.quantity, .quantity]) { a in
            let (x, y) = try Value.pair(a, Quantity.self); return .bool(x.compare(y) == -1)
        }])
        t.register("compareTo", [Overload("quantity_compare_to", member: true, [.quantity, .quantity]) { a in
            let (x, y) = try Value.pair(a, Quantity.self); return .int(Int64(x.compare(y)))
        }])
        t.register("asApproximateFloat", [Overload("quantity_get_float", member: true, [.quantity]) { a in
            .double(try a[0].opaque(Quantity.self).approximateDouble)
        }])
        t.register("asInteger", [Overload("quantity_get_int", member: true, [.quantity]) { a in
            guard let v = try a[0].opaque(Quantity.self).int64Value else { throw LibraryError("cannot convert value to integer") }
            return .int(v)
        }])
        t.register("isInteger", [Overload("quantity_is_integer", member: true, [.quantity]) { a in
            .bool(try a[0].opaque(Quantity.self).int64Value != nil)
        }])
        t.register("add", [
            Overload("quantity_add", member: true, [.quantity, .quantity]) { a in
                let (x, y) = try Value.pair(a, Quantity.self); return .object(try x.adding(y))
            },
            Overload("quantity_add_int", member: true, [.quantity, .int]) { a in
                .object(try a[0].opaque(Quantity.self).adding(Quantity(integer: a[1].asInt)))
            },
        ])
        t.register("sub", [
            Overload("quantity_sub", member: true, [.quantity, .quantity]) { a in
                let (x, y) = try Value.pair(a, Quantity.self); return .object(try x.subtracting(y))
            },
            Overload("quantity_sub_int", member: true, [.quantity, .int]) { a in
                .object(try a[0].opaque(Quantity.self).subtracting(Quantity(integer: a[1].asInt)))
            },
        ])
    }
}
