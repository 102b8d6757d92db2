/// The cel-spec standard library: operators, `size`, conversions, string predicates,
/// `matches`, timestamp/duration accessors.
public struct StandardLibrary: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        Operators.register(into: &t)
        Conversions.register(into: &t)
        StringFunctions.register(into: &t)
        TimeFunctions.register(into: &t)
    }
}

/// Arithmetic, comparison, equality, `in`, `!`, `-`, `size`.
enum Operators {
    static func register(into t: inout FunctionTable) {
        t.register(Operator.add, [
            Overload("add_int64", [.int, .int]) { a in try .int(checked(a[0].asInt.addingReportingOverflow(a[1].asInt))) },
            Overload("add_uint64", [.uint, .uint]) { a in try .uint(checked(a[0].asUint.addingReportingOverflow(a[1].asUint))) },
            Overload("add_double", [.double, .double]) { a in .double(a[0].asDouble + a[1].asDouble) },
            Overload("add_string", [.string, .string]) { a in .string(a[0].asString + a[1].asString) },
            Overload("add_bytes", [.bytes, .bytes]) { a in .bytes(a[0].asBytes + a[1].asBytes) },
            Overload("add_list", [.list, .list]) { a in .list(a[0].asList + a[1].asList) },
            Overload("add_timestamp_duration", [.timestamp, .duration]) { a in
                guard case .timestamp(let ts) = a[0], case .duration(let d) = a[1] else { throw EvalError.noSuchOverload("_+_", a) }
                return .timestamp(try ts.adding(d))
            },
            Overload("add_duration_timestamp", [.duration, .timestamp]) { a in
                guard case .duration(let d) = a[0], case .timestamp(let ts) = a[1] else { throw EvalError.noSuchOverload("_+_", a) }
                return .timestamp(try ts.adding(d))
            },
            Overload("add_duration_duration", [.duration, .duration]) { a in
                guard case .duration(let x) = a[0], case .duration(let y) = a[1] else { throw EvalError.noSuchOverload("_+_", a) }
                return .duration(try x.adding(y))
            },
        ])
        t.register(Operator.subtract, [
            Overload("subtract_int64", [.int, .int]) { a in try .int(checked(a[0].asInt.subtractingReportingOverflow(a[1].asInt))) },
            Overload("subtract_uint64", [.uint, .uint]) { a in try .uint(checked(a[0].asUint.subtractingReportingOverflow(a[1].asUint))) },
            Overload("subtract_double", [.double, .double]) { a in .double(a[0].asDouble - a[1].asDouble) },
            Overload("subtract_timestamp_timestamp", [.timestamp, .timestamp]) { a in
                guard case .timestamp(let x) = a[0], case .timestamp(let y) = a[1] else { throw EvalError.noSuchOverload("_-_", a) }
                return .duration(try x.difference(y))
            },
            Overload("subtract_timestamp_duration", [.timestamp, .duration]) { a in
                guard case .timestamp(let ts) = a[0], case .duration(let d) = a[1] else { throw EvalError.noSuchOverload("_-_", a) }
                return .timestamp(try ts.adding(d.negated()))
            },
            Overload("subtract_duration_duration", [.duration, .duration]) { a in
                guard case .duration(let x) = a[0], case .duration(let y) = a[1] else { throw EvalError.noSuchOverload("_-_", a) }
                return .duration(try x.subtracting(y))
            },
        ])
        t.register(Operator.multiply, [
            Overload("multiply_int64", [.int, .int]) { a in try .int(checked(a[0].asInt.multipliedReportingOverflow(by: a[1].asInt))) },
            Overload("multiply_uint64", [.uint, .uint]) { a in try .uint(checked(a[0].asUint.multipliedReportingOverflow(by: a[1].asUint))) },
            Overload("multiply_double", [.double, .double]) { a in .double(a[0].asDouble * a[1].asDouble) },
        ])
        t.register(Operator.divide, [
            Overload("divide_int64", [.int, .int]) { a in
                guard a[1].asInt != 0 else { throw EvalError.divisionByZero }
                return try .int(checked(a[0].asInt.dividedReportingOverflow(by: a[1].asInt)))
            },
            Overload("divide_uint64", [.uint, .uint]) { a in
                guard a[1].asUint != 0 else { throw EvalError.divisionByZero }
                return .uint(a[0].asUint / a[1].asUint)
            },
            Overload("divide_double", [.double, .double]) { a in .double(a[0].asDouble / a[1].asDouble) },
        ])
        t.register(Operator.modulo, [
            Overload("modulo_int64", [.int, .int]) { a in
                guard a[1].asInt != 0 else { throw EvalError.moduloByZero }
                return try .int(checked(a[0].asInt.remainderReportingOverflow(dividingBy: a[1].asInt)))
            },
            Overload("modulo_uint64", [.uint, .uint]) { a in
                guard a[1].asUint != 0 else { throw EvalError.moduloByZero }
                return .uint(a[0].asUint % a[1].asUint)
            },
        ])
        t.register(Operator.negate, [
            Overload("negate_int64", [.int]) { a in
                guard a[0].asInt != Int64.min else { throw EvalError.overflow }
                return .int(-a[0].asInt)
            },
            Overload("negate_double", [.double]) { a in .double(-a[0].asDouble) },
        ])
        t.register(Operator.logicalNot, [Overload("logical_not", [.bool]) { a in .bool(!a[0].asBool) }])
        t.register(Operator.equals, [Overload("equals", [nil, nil]) { a in .bool(a[0].celEquals(a[1])) }])
        t.register(Operator.notEquals, [Overload("not_equals", [nil, nil]) { a in .bool(!a[0].celEquals(a[1])) }])
        let comparisons: [(String, @Sendable (Int) -> Bool)] = [
            (Operator.less, { $0 < 0 }), (Operator.lessEquals, { $0 <= 0 }),
            (Operator.greater, { $0 > 0 }), (Operator.greaterEquals, { $0 >= 0 }),
        ]
        for (name, test) in comparisons {
            t.register(name, [Overload(name, [nil, nil]) { a in
                switch try Value.order(a[0], a[1], function: name) {
                case .ordered(let c): return .bool(test(c))
                case .unordered: return .bool(false)
                }
            }])
        }
        t.register(Operator.in, [
            Overload("in_list", [nil, .list]) { a in .bool(a[1].asList.contains { $0.celEquals(a[0]) }) },
            Overload("in_map", [nil, .map]) { a in .bool(a[1].asMap.contains(a[0])) },
        ])
        let size: @Sendable ([Value]) throws -> Value = { a in
            switch a[0] {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw EvalError.noSuchOverload("size", a)
            }
        }
        for kind in [ValueKind.string, .bytes, .list, .map] {
            t.register("size", [Overload("size_\(kind)", [kind], size), Overload("\(kind)_size", member: true, [kind], size)])
        }
    }

    static func checked<T>(_ r: (partialValue: T, overflow: Bool)) throws(EvalError) -> T {
        if r.overflow { throw EvalError.overflow }
        return r.partialValue
    }
}

/// Payload accessors for implementations whose overload already fixed the kinds
/// (they return a neutral value rather than trapping if misused).
extension Value {
    public var asInt: Int64 { if case .int(let v) = self { return v }; return 0 }
    public var asUint: UInt64 { if case .uint(let v) = self { return v }; return 0 }
    public var asDouble: Double { if case .double(let v) = self { return v }; return 0 }
    public var asBool: Bool { if case .bool(let v) = self { return v }; return false }
    public var asString: String { if case .string(let v) = self { return v }; return "" }
    public var asBytes: [UInt8] { if case .bytes(let v) = self { return v }; return [] }
    public var asList: [Value] { if case .list(let v) = self { return v }; return [] }
    public var asMap: CELMap { if case .map(let v) = self { return v }; return CELMap() }
}
