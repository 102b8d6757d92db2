/// Type conversions: `int uint double string bytes bool duration timestamp dyn type`.
enum Conversions {
    static func register(into t: inout FunctionTable) {
        t.register("int", [
            Overload("int64_to_int64", [.int]) { a in a[0] },
            Overload("uint64_to_int64", [.uint]) { a in
                guard let i = Int64(exactly: a[0].asUint) else { throw EvalError("range error converting \(a[0].asUint)u to int") }
                return .int(i)
            },
            Overload("double_to_int64", [.double]) { a in .int(try doubleToInt(a[0].asDouble)) },
            Overload("string_to_int64", [.string]) { a in
                guard let i = parseInt(a[0].asString) else { throw EvalError("type conversion error: cannot convert '\(a[0].asString)' to int") }
                return .int(i)
            },
            Overload("timestamp_to_int64", [.timestamp]) { a in
                guard case .timestamp(let ts) = a[0] else { throw EvalError.noSuchOverload("int", a) }
                return .int(ts.seconds)
            },
            Overload("duration_to_int64", [.duration]) { a in
                guard case .duration(let d) = a[0] else { throw EvalError.noSuchOverload("int", a) }
                return .int(d.nanoseconds)
            },
        ])
        t.register("uint", [
            Overload("uint64_to_uint64", [.uint]) { a in a[0] },
            Overload("int64_to_uint64", [.int]) { a in
                guard let u = UInt64(exactly: a[0].asInt) else { throw EvalError("range error converting \(a[0].asInt) to uint") }
                return .uint(u)
            },
            Overload("double_to_uint64", [.double]) { a in
                let d = a[0].asDouble
                guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0, let u = UInt64(exactly: d.rounded(.towardZero)) else {
                    throw EvalError("range error converting \(DoubleFormat.goG(d)) to uint")
                }
                return .uint(u)
            },
            Overload("string_to_uint64", [.string]) { a in
                guard let u = parseUint(a[0].asString) else { throw EvalError("type conversion error: cannot convert '\(a[0].asString)' to uint") }
                return .uint(u)
            },
        ])
        t.register("double", [
            Overload("double_to_double", [.double]) { a in a[0] },
            Overload("int64_to_double", [.int]) { a in .double(Double(a[0].asInt)) },
            Overload("uint64_to_double", [.uint]) { a in .double(Double(a[0].asUint)) },
            Overload("string_to_double", [.string]) { a in
                guard let d = parseDouble(a[0].asString) else { throw EvalError("type conversion error: cannot convert '\(a[0].asString)' to double") }
                return .double(d)
            },
        ])
        t.register("string", [
            Overload("string_to_string", [.string]) { a in a[0] },
            Overload("int64_to_string", [.int]) { a in .string(String(a[0].asInt)) },
            Overload("uint64_to_string", [.uint]) { a in .string(String(a[0].asUint)) },
            Overload("double_to_string", [.double]) { a in .string(DoubleFormat.goG(a[0].asDouble)) },
            Overload("bool_to_string", [.bool]) { a in .string(a[0].asBool ? "true" : "false") },
            Overload("bytes_to_string", [.bytes]) { a in
                guard let s = String(validating: a[0].asBytes, as: UTF8.self) else { throw EvalError("invalid UTF-8 in bytes, cannot convert to string") }
                return .string(s)
            },
            Overload("timestamp_to_string", [.timestamp]) { a in
                guard case .timestamp(let ts) = a[0] else { throw EvalError.noSuchOverload("string", a) }
                return .string(ts.description)
            },
            Overload("duration_to_string", [.duration]) { a in
                guard case .duration(let d) = a[0] else { throw EvalError.noSuchOverload("string", a) }
                return .string(d.description)
            },
            Overload("type_to_string", [.type]) { a in
                guard case .type(let ty) = a[0] else { throw EvalError.noSuchOverload("string", a) }
                return .string(ty.name)
            },
        ])
        t.register("bytes", [
            Overload("bytes_to_bytes", [.bytes]) { a in a[0] },
            Overload("string_to_bytes", [.string]) { a in .bytes(Array(a[0].asString.utf8)) },
        ])
        t.register("bool", [
            Overload("bool_to_bool", [.bool]) { a in a[0] },
            Overload("string_to_bool", [.string]) { a in
                switch a[0].asString {
                case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
                case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
                default: throw EvalError("type conversion error: cannot convert '\(a[0].asString)' to bool")
                }
            },
        ])
        t.register("duration", [
            Overload("duration_to_duration", [.duration]) { a in a[0] },
            Overload("string_to_duration", [.string]) { a in .duration(try CELDuration.parse(a[0].asString)) },
        ])
        t.register("timestamp", [
            Overload("timestamp_to_timestamp", [.timestamp]) { a in a[0] },
            Overload("string_to_timestamp", [.string]) { a in .timestamp(try CELTimestamp.parse(a[0].asString)) },
            Overload("int64_to_timestamp", [.int]) { a in
                guard let ts = CELTimestamp(seconds: a[0].asInt) else { throw EvalError.range("timestamp") }
                return .timestamp(ts)
            },
        ])
        t.register("dyn", [Overload("to_dyn", [nil]) { a in a[0] }])
        t.register("type", [Overload("type", [nil]) { a in .type(a[0].typeValue) }])
    }

    /// cel-go: the double must lie strictly inside (MinInt64, MaxInt64).
    static func doubleToInt(_ d: Double) throws(EvalError) -> Int64 {
        guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_807.0,
              let i = Int64(exactly: d.rounded(.towardZero)) else {
            throw EvalError("range error converting \(DoubleFormat.goG(d)) to int")
        }
        return i
    }

    /// Go `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits.
    static func parseInt(_ s: String) -> Int64? {
        var body = Substring(s)
        var neg = false
        if let f = body.first, f == "+" || f == "-" { neg = f == "-"; body.removeFirst() }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let mag = UInt64(body) else { return nil }
        if neg { return mag <= UInt64(Int64.max) + 1 ? (mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)) : nil }
        return Int64(exactly: mag)
    }

    static func parseUint(_ s: String) -> UInt64? {
        var body = Substring(s)
        if body.first == "+" { body.removeFirst() }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(body)
    }

    /// Go `strconv.ParseFloat(s, 64)` for the forms CEL users write (decimal, exponent,
    /// `Inf`, `NaN`, underscores not allowed).
    static func parseDouble(_ s: String) -> Double? {
        let lower = s.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45 }) else {
            return nil
        }
        return Double(s)
    }
}
