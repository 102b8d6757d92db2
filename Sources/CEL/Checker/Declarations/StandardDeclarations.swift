extension CELLibraryDeclarations {
    /// cel-spec's standard library with cel-go's overload ids.
    public static let standard = CELLibraryDeclarations(
        name: "standard",
        functions: standardOperators + standardComparisons + standardConversions + standardFunctions,
        typeNames: [
            "bool": .bool, "bytes": .bytes, "double": .double, "int": .int, "uint": .uint,
            "string": .string, "null_type": .null, "type": .type(.dyn),
            "list": .list(.paramA), "map": .map(.paramA, .paramB),
            "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
        ]
    )

    private static let standardOperators: [FunctionDecl] = {
        let listA = CELType.list(.paramA), mapAB = CELType.map(.paramA, .paramB)
        return [
            FunctionDecl(Operator.conditional, .global("conditional", [.bool, .paramA, .paramA], .paramA)),
            FunctionDecl(Operator.logicalAnd, .global("logical_and", [.bool, .bool], .bool)),
            FunctionDecl(Operator.logicalOr, .global("logical_or", [.bool, .bool], .bool)),
            FunctionDecl(Operator.logicalNot, .global("logical_not", [.bool], .bool)),
            FunctionDecl(Operator.notStrictlyFalse, .global("not_strictly_false", [.bool], .bool)),
            FunctionDecl(Operator.equals, .global("equals", [.paramA, .paramA], .bool)),
            FunctionDecl(Operator.notEquals, .global("not_equals", [.paramA, .paramA], .bool)),
            FunctionDecl(Operator.add,
                .global("add_bytes", [.bytes, .bytes], .bytes),
                .global("add_double", [.double, .double], .double),
                .global("add_duration_duration", [.duration, .duration], .duration),
                .global("add_duration_timestamp", [.duration, .timestamp], .timestamp),
                .global("add_timestamp_duration", [.timestamp, .duration], .timestamp),
                .global("add_int64", [.int, .int], .int),
                .global("add_list", [listA, listA], listA),
                .global("add_string", [.string, .string], .string),
                .global("add_uint64", [.uint, .uint], .uint)),
            FunctionDecl(Operator.divide,
                .global("divide_double", [.double, .double], .double),
                .global("divide_int64", [.int, .int], .int),
                .global("divide_uint64", [.uint, .uint], .uint)),
            FunctionDecl(Operator.modulo,
                .global("modulo_int64", [.int, .int], .int),
                .global("modulo_uint64", [.uint, .uint], .uint)),
            FunctionDecl(Operator.multiply,
                .global("multiply_double", [.double, .double], .double),
                .global("multiply_int64", [.int, .int], .int),
                .global("multiply_uint64", [.uint, .uint], .uint)),
            FunctionDecl(Operator.negate,
                .global("negate_double", [.double], .double),
                .global("negate_int64", [.int], .int)),
            FunctionDecl(Operator.subtract,
                .global("subtract_double", [.double, .double], .double),
                .global("subtract_duration_duration", [.duration, .duration], .duration),
                .global("subtract_int64", [.int, .int], .int),
                .global("subtract_timestamp_duration", [.timestamp, .duration], .timestamp),
                .global("subtract_timestamp_timestamp", [.timestamp, .timestamp], .duration),
                .global("subtract_uint64", [.uint, .uint], .uint)),
            FunctionDecl(Operator.index,
                .global("index_list", [listA, .int], .paramA),
                .global("index_map", [mapAB, .paramA], .paramB)),
            FunctionDecl(Operator.in,
                .global("in_list", [.paramA, listA], .bool),
                .global("in_map", [.paramA, mapAB], .bool)),
        ]
    }()

    /// `<`, `<=`, `>`, `>=` over every ordered type, including cel-go's cross-type
    /// numeric overloads.
    private static let standardComparisons: [FunctionDecl] = {
        let ops = [(Operator.less, "less"), (Operator.lessEquals, "less_equals"),
                   (Operator.greater, "greater"), (Operator.greaterEquals, "greater_equals")]
        let same: [(String, CELType)] = [("bool", .bool), ("int64", .int), ("uint64", .uint), ("double", .double),
                                         ("string", .string), ("bytes", .bytes), ("timestamp", .timestamp), ("duration", .duration)]
        let numeric: [(String, CELType)] = [("int64", .int), ("uint64", .uint), ("double", .double)]
        return ops.map { op, prefix in
            var overloads = same.map { OverloadDecl.global("\(prefix)_\($0.0)", [$0.1, $0.1], .bool) }
            for (n1, t1) in numeric {
                for (n2, t2) in numeric where n1 != n2 {
                    overloads.append(.global("\(prefix)_\(n1)_\(n2)", [t1, t2], .bool))
                }
            }
            return FunctionDecl(name: op, overloads: overloads)
        }
    }()

    private static let standardConversions: [FunctionDecl] = [
        FunctionDecl("type", .global("type", [.paramA], .type(.paramA))),
        FunctionDecl("dyn", .global("to_dyn", [.paramA], .dyn)),
        FunctionDecl("bool",
            .global("bool_to_bool", [.bool], .bool),
            .global("string_to_bool", [.string], .bool)),
        FunctionDecl("bytes",
            .global("bytes_to_bytes", [.bytes], .bytes),
            .global("string_to_bytes", [.string], .bytes)),
        FunctionDecl("double",
            .global("double_to_double", [.double], .double),
            .global("int64_to_double", [.int], .double),
            .global("string_to_double", [.string], .double),
            .global("uint64_to_double", [.uint], .double)),
        FunctionDecl("duration",
            .global("duration_to_duration", [.duration], .duration),
            .global("int64_to_duration", [.int], .duration),
            .global("string_to_duration", [.string], .duration)),
        FunctionDecl("int",
            .global("int64_to_int64", [.int], .int),
            .global("double_to_int64", [.double], .int),
            .global("duration_to_int64", [.duration], .int),
            .global("string_to_int64", [.string], .int),
            .global("timestamp_to_int64", [.timestamp], .int),
            .global("uint64_to_int64", [.uint], .int)),
        FunctionDecl("string",
            .global("string_to_string", [.string], .string),
            .global("bool_to_string", [.bool], .string),
            .global("bytes_to_string", [.bytes], .string),
            .global("double_to_string", [.double], .string),
            .global("duration_to_string", [.duration], .string),
            .global("int64_to_string", [.int], .string),
            .global("timestamp_to_string", [.timestamp], .string),
            .global("uint64_to_string", [.uint], .string)),
        FunctionDecl("timestamp",
            .global("timestamp_to_timestamp", [.timestamp], .timestamp),
            .global("int64_to_timestamp", [.int], .timestamp),
            .global("string_to_timestamp", [.string], .timestamp)),
        FunctionDecl("uint",
            .global("uint64_to_uint64", [.uint], .uint),
            .global("double_to_uint64", [.double], .uint),
            .global("int64_to_uint64", [.int], .uint),
            .global("string_to_uint64", [.string], .uint)),
    ]

    private static let standardFunctions: [FunctionDecl] = {
        let listA = CELType.list(.paramA), mapAB = CELType.map(.paramA, .paramB)
        var decls: [FunctionDecl] = [
            FunctionDecl("size",
                .global("size_bytes", [.bytes], .int), .member("bytes_size", [.bytes], .int),
                .global("size_list", [listA], .int), .member("list_size", [listA], .int),
                .global("size_map", [mapAB], .int), .member("map_size", [mapAB], .int),
                .global("size_string", [.string], .int), .member("string_size", [.string], .int)),
            FunctionDecl("contains", .member("contains_string", [.string, .string], .bool)),
            FunctionDecl("endsWith", .member("ends_with_string", [.string, .string], .bool)),
            FunctionDecl("startsWith", .member("starts_with_string", [.string, .string], .bool)),
            FunctionDecl("matches",
                .global("matches", [.string, .string], .bool),
                .member("matches_string", [.string, .string], .bool)),
        ]
        // Timestamp accessors, each with an optional time zone; some also on durations.
        let accessors: [(String, String, String?)] = [
            ("getFullYear", "timestamp_to_year", nil),
            ("getMonth", "timestamp_to_month", nil),
            ("getDayOfYear", "timestamp_to_day_of_year", nil),
            ("getDayOfMonth", "timestamp_to_day_of_month", nil),
            ("getDate", "timestamp_to_day_of_month_1_based", nil),
            ("getDayOfWeek", "timestamp_to_day_of_week", nil),
            ("getHours", "timestamp_to_hours", "duration_to_hours"),
            ("getMinutes", "timestamp_to_minutes", "duration_to_minutes"),
            ("getSeconds", "timestamp_to_seconds", "duration_to_seconds"),
            ("getMilliseconds", "timestamp_to_milliseconds", "duration_to_milliseconds"),
        ]
        for (name, id, durationID) in accessors {
            var overloads: [OverloadDecl] = [
                .member(id, [.timestamp], .int),
                .member("\(id)_with_tz", [.timestamp, .string], .int),
            ]
            if let durationID { overloads.append(.member(durationID, [.duration], .int)) }
            decls.append(FunctionDecl(name: name, overloads: overloads))
        }
        return decls
    }()
}
