/// The runtime half of cel-go's `ext.TwoVarComprehensions()`: `transformMap` and
/// `transformMapEntry` expand to folds that insert through `cel.@mapInsert`.
public struct TwoVariableComprehensions: RuntimeLibrary {
    public init() {}

    public func register(into t: inout FunctionTable) {
        t.register("cel.@mapInsert", [
            Overload("@mapInsert_map_key_value", [.map, nil, nil]) { a in
                guard case .map(var m) = a[0] else { throw EvalError.noSuchOverload("cel.@mapInsert", a) }
                try Self.insert(a[1], a[2], into: &m)
                return .map(m)
            },
            Overload("@mapInsert_map_map", [.map, .map]) { a in
                guard case .map(var m) = a[0], case .map(let entries) = a[1] else {
                    throw EvalError.noSuchOverload("cel.@mapInsert", a)
                }
                for (k, v) in entries.entries { try Self.insert(k, v, into: &m) }
                return .map(m)
            },
        ])
    }

    static func insert(_ key: Value, _ value: Value, into m: inout CELMap) throws {
        if m.contains(key) { throw EvalError("insert failed: key \(key) already exists") }
        guard m.set(key, value) else { throw EvalError("unsupported key type: \(key)") }
    }
}
