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
            FunctionDecl(Operator.conditional, doc: "The value of the second operand when the condition is true, else of the third; only the chosen one is evaluated.",
                .global("conditional", [.bool, .paramA, .paramA], .paramA).examples("1 > 0 ? 'yes' : 'no'")),
            FunctionDecl(Operator.logicalAnd, doc: "Logical and; false wins over an error on either side (commutative short-circuit).",
                .global("logical_and", [.bool, .bool], .bool).examples("true && false")),
            FunctionDecl(Operator.logicalOr, doc: "Logical or; true wins over an error on either side (commutative short-circuit).",
                .global("logical_or", [.bool, .bool], .bool).examples("true || false")),
            FunctionDecl(Operator.logicalNot, doc: "Logical negation.",
                .global("logical_not", [.bool], .bool).examples("!true")),
            FunctionDecl(Operator.notStrictlyFalse, doc: "Internal: true unless the operand is false (an error counts as true); the loop condition of `all`.",
                .global("not_strictly_false", [.bool], .bool).examples("[1, 2].all(x, x > 0)")),
            FunctionDecl(Operator.equals, doc: "Equality of two values of the same type; numbers compare across int, uint and double.",
                .global("equals", [.paramA, .paramA], .bool).examples("'a' == 'a'")),
            FunctionDecl(Operator.notEquals, doc: "Inequality: the negation of `==`.",
                .global("not_equals", [.paramA, .paramA], .bool).examples("1 != 2")),
            FunctionDecl(Operator.add, doc: "Addition of numbers, concatenation of strings, bytes and lists, and time arithmetic.",
                .global("add_bytes", [.bytes, .bytes], .bytes).examples("b'ab' + b'cd'"),
                .global("add_double", [.double, .double], .double).examples("1.5 + 2.0"),
                .global("add_duration_duration", [.duration, .duration], .duration).examples("duration('1h') + duration('30m')"),
                .global("add_duration_timestamp", [.duration, .timestamp], .timestamp).examples("duration('1h') + timestamp('2024-01-01T00:00:00Z')"),
                .global("add_timestamp_duration", [.timestamp, .duration], .timestamp).examples("timestamp('2024-01-01T00:00:00Z') + duration('1h')"),
                .global("add_int64", [.int, .int], .int).examples("1 + 2"),
                .global("add_list", [listA, listA], listA).examples("[1, 2] + [3]"),
                .global("add_string", [.string, .string], .string).examples("'web-' + 'app'"),
                .global("add_uint64", [.uint, .uint], .uint).examples("1u + 2u")),
            FunctionDecl(Operator.divide, doc: "Division; integer division truncates toward zero and fails on a zero divisor.",
                .global("divide_double", [.double, .double], .double).examples("7.0 / 2.0"),
                .global("divide_int64", [.int, .int], .int).examples("7 / 2"),
                .global("divide_uint64", [.uint, .uint], .uint).examples("7u / 2u")),
            FunctionDecl(Operator.modulo, doc: "The remainder of integer division; fails on a zero divisor.",
                .global("modulo_int64", [.int, .int], .int).examples("7 % 3"),
                .global("modulo_uint64", [.uint, .uint], .uint).examples("7u % 3u")),
            FunctionDecl(Operator.multiply, doc: "Multiplication; integer overflow is an error.",
                .global("multiply_double", [.double, .double], .double).examples("1.5 * 2.0"),
                .global("multiply_int64", [.int, .int], .int).examples("3 * 4"),
                .global("multiply_uint64", [.uint, .uint], .uint).examples("3u * 4u")),
            FunctionDecl(Operator.negate, doc: "Arithmetic negation.",
                .global("negate_double", [.double], .double).examples("-(0.5 + 1.0)"),
                .global("negate_int64", [.int], .int).examples("-(1 + 2)")),
            FunctionDecl(Operator.subtract, doc: "Subtraction of numbers and time arithmetic.",
                .global("subtract_double", [.double, .double], .double).examples("2.5 - 1.0"),
                .global("subtract_duration_duration", [.duration, .duration], .duration).examples("duration('1h') - duration('15m')"),
                .global("subtract_int64", [.int, .int], .int).examples("5 - 3"),
                .global("subtract_timestamp_duration", [.timestamp, .duration], .timestamp).examples("timestamp('2024-01-01T00:00:00Z') - duration('1h')"),
                .global("subtract_timestamp_timestamp", [.timestamp, .timestamp], .duration)
                    .examples("timestamp('2024-01-02T00:00:00Z') - timestamp('2024-01-01T00:00:00Z')"),
                .global("subtract_uint64", [.uint, .uint], .uint).examples("5u - 3u")),
            FunctionDecl(Operator.index, doc: "The element of a list at an index, or the value of a map under a key; fails when absent.",
                .global("index_list", [listA, .int], .paramA).examples("['a', 'b'][1]"),
                .global("index_map", [mapAB, .paramA], .paramB).examples("{'app': 'web'}['app']")),
            FunctionDecl(Operator.in, doc: "Whether a list holds the value, or a map has the key.",
                .global("in_list", [.paramA, listA], .bool).examples("2 in [1, 2, 3]"),
                .global("in_map", [.paramA, mapAB], .bool).examples("'app' in {'app': 'web'}")),
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
            let symbol = OperatorSyntax.pattern(op).map { String($0.dropFirst(2).dropLast(2)) } ?? op
            var overloads = same.map {
                OverloadDecl.global("\(prefix)_\($0.0)", [$0.1, $0.1], .bool)
                    .examples("\(sampleLiteral($0.1)) \(symbol) \(sampleLiteral($0.1))")
            }
            for (n1, t1) in numeric {
                for (n2, t2) in numeric where n1 != n2 {
                    overloads.append(.global("\(prefix)_\(n1)_\(n2)", [t1, t2], .bool)
                        .examples("\(sampleLiteral(t1)) \(symbol) \(sampleLiteral(t2))"))
                }
            }
            return FunctionDecl(name: op, doc: "Ordering of two values of one type (false < true, strings by code point, bytes by byte); numbers compare across int, uint and double.",
                                overloads: overloads)
        }
    }()

    private static let standardConversions: [FunctionDecl] = [
        FunctionDecl("type", doc: "The type of a value, itself a value (`type(1) == int`).",
            .global("type", [.paramA], .type(.paramA)).examples("type(1) == int")),
        FunctionDecl("dyn", doc: "The value unchanged, typed `dyn`: turns off static type checking of what uses it.",
            .global("to_dyn", [.paramA], .dyn).examples("dyn(1) == 1.0")),
        FunctionDecl("bool", doc: "Converts to bool; strings accept `true`/`false` (also `1`/`0`, `t`/`f`, `TRUE`/`FALSE`).",
            .global("bool_to_bool", [.bool], .bool).examples("bool(true)"),
            .global("string_to_bool", [.string], .bool).examples("bool('true')")),
        FunctionDecl("bytes", doc: "Converts to bytes; a string becomes its UTF-8 encoding.",
            .global("bytes_to_bytes", [.bytes], .bytes).examples("bytes(b'abc')"),
            .global("string_to_bytes", [.string], .bytes).examples("bytes('abc')")),
        FunctionDecl("double", doc: "Converts to a double; strings are parsed as floating-point numbers.",
            .global("double_to_double", [.double], .double).examples("double(1.5)"),
            .global("int64_to_double", [.int], .double).examples("double(2)"),
            .global("string_to_double", [.string], .double).examples("double('1.5')"),
            .global("uint64_to_double", [.uint], .double).examples("double(2u)")),
        FunctionDecl("duration", doc: "Converts to a duration; strings use Go's syntax (`90s`, `1h30m`, `1.5h`); an int counts seconds.",
            .global("duration_to_duration", [.duration], .duration).examples("duration(duration('1m'))"),
            .global("int64_to_duration", [.int], .duration).examples("duration(60)"),
            .global("string_to_duration", [.string], .duration).examples("duration('1h30m')")),
        FunctionDecl("int", doc: "Converts to an int: doubles truncate toward zero, durations give nanoseconds, timestamps Unix seconds; out of range is an error.",
            .global("int64_to_int64", [.int], .int).examples("int(1)"),
            .global("double_to_int64", [.double], .int).examples("int(2.7)"),
            .global("duration_to_int64", [.duration], .int).examples("int(duration('1s'))"),
            .global("string_to_int64", [.string], .int).examples("int('42')"),
            .global("timestamp_to_int64", [.timestamp], .int).examples("int(timestamp('2024-01-01T00:00:00Z'))"),
            .global("uint64_to_int64", [.uint], .int).examples("int(42u)")),
        FunctionDecl("string", doc: "Converts to a string: numbers in decimal, bytes as UTF-8, timestamps in RFC 3339, durations in seconds (`90s`).",
            .global("string_to_string", [.string], .string).examples("string('a')"),
            .global("bool_to_string", [.bool], .string).examples("string(true)"),
            .global("bytes_to_string", [.bytes], .string).examples("string(b'abc')"),
            .global("double_to_string", [.double], .string).examples("string(1.5)"),
            .global("duration_to_string", [.duration], .string).examples("string(duration('1m'))"),
            .global("int64_to_string", [.int], .string).examples("string(3)"),
            .global("timestamp_to_string", [.timestamp], .string).examples("string(timestamp('2024-01-01T00:00:00Z'))"),
            .global("uint64_to_string", [.uint], .string).examples("string(3u)")),
        FunctionDecl("timestamp", doc: "Converts to a timestamp: strings in RFC 3339, ints as Unix seconds.",
            .global("timestamp_to_timestamp", [.timestamp], .timestamp).examples("timestamp(timestamp('2024-01-01T00:00:00Z'))"),
            .global("int64_to_timestamp", [.int], .timestamp).examples("timestamp(1704067200)"),
            .global("string_to_timestamp", [.string], .timestamp).examples("timestamp('2024-01-01T00:00:00Z')")),
        FunctionDecl("uint", doc: "Converts to a uint; negative or out-of-range values are an error.",
            .global("uint64_to_uint64", [.uint], .uint).examples("uint(1u)"),
            .global("double_to_uint64", [.double], .uint).examples("uint(2.7)"),
            .global("int64_to_uint64", [.int], .uint).examples("uint(42)"),
            .global("string_to_uint64", [.string], .uint).examples("uint('42')")),
    ]

    private static let standardFunctions: [FunctionDecl] = {
        let listA = CELType.list(.paramA), mapAB = CELType.map(.paramA, .paramB)
        var decls: [FunctionDecl] = [
            FunctionDecl("size", doc: "The number of elements of a list or map, bytes of a bytes value, or code points of a string.",
                .global("size_bytes", [.bytes], .int).examples("size(b'abc')"),
                .member("bytes_size", [.bytes], .int).examples("b'abc'.size()"),
                .global("size_list", [listA], .int).examples("size([1, 2])"),
                .member("list_size", [listA], .int).examples("[1, 2].size()"),
                .global("size_map", [mapAB], .int).examples("size({'a': 1})"),
                .member("map_size", [mapAB], .int).examples("{'a': 1}.size()"),
                .global("size_string", [.string], .int).examples("size('héllo')"),
                .member("string_size", [.string], .int).examples("'héllo'.size()")),
            FunctionDecl("contains", doc: "Whether the string contains the substring.",
                .member("contains_string", [.string, .string], .bool).examples("'nginx:1.25'.contains(':')")),
            FunctionDecl("endsWith", doc: "Whether the string ends with the suffix.",
                .member("ends_with_string", [.string, .string], .bool).examples("'app.example.com'.endsWith('.com')")),
            FunctionDecl("startsWith", doc: "Whether the string starts with the prefix.",
                .member("starts_with_string", [.string, .string], .bool).examples("'web-1'.startsWith('web-')")),
            FunctionDecl("matches", doc: "Whether the string contains a match of the RE2 regular expression (anchor it with `^…$` for a full match).",
                .global("matches", [.string, .string], .bool).examples("matches('v1.2.3', '^v[0-9.]+$')"),
                .member("matches_string", [.string, .string], .bool).examples("'v1.2.3'.matches('^v[0-9.]+$')")),
        ]
        // Timestamp accessors, each with an optional time zone; some also on durations.
        let accessors: [(String, String, String?, String)] = [
            ("getFullYear", "timestamp_to_year", nil, "The year"),
            ("getMonth", "timestamp_to_month", nil, "The month, 0-based (January is 0)"),
            ("getDayOfYear", "timestamp_to_day_of_year", nil, "The day of the year, 0-based"),
            ("getDayOfMonth", "timestamp_to_day_of_month", nil, "The day of the month, 0-based"),
            ("getDate", "timestamp_to_day_of_month_1_based", nil, "The day of the month, 1-based"),
            ("getDayOfWeek", "timestamp_to_day_of_week", nil, "The day of the week, 0 for Sunday"),
            ("getHours", "timestamp_to_hours", "duration_to_hours", "The hour"),
            ("getMinutes", "timestamp_to_minutes", "duration_to_minutes", "The minute"),
            ("getSeconds", "timestamp_to_seconds", "duration_to_seconds", "The second"),
            ("getMilliseconds", "timestamp_to_milliseconds", "duration_to_milliseconds", "The millisecond within the second"),
        ]
        let time = "timestamp('2024-03-05T10:30:00Z')"
        for (name, id, durationID, what) in accessors {
            var overloads: [OverloadDecl] = [
                .member(id, [.timestamp], .int).examples("\(time).\(name)()"),
                .member("\(id)_with_tz", [.timestamp, .string], .int).examples("\(time).\(name)('Europe/Paris')"),
            ]
            if let durationID { overloads.append(.member(durationID, [.duration], .int).examples("duration('90m').\(name)()")) }
            let unit = name.dropFirst(3).lowercased()
            let durationNote = durationID == nil ? "" : " On a duration: its length in whole \(unit)."
            decls.append(FunctionDecl(name: name, doc: "\(what) of a timestamp, in UTC or in the named IANA time zone.\(durationNote)",
                                      overloads: overloads))
        }
        return decls
    }()
}

extension CELLibraryDeclarations {
    /// A literal of `type`, for generated examples.
    static func sampleLiteral(_ type: CELType) -> String {
        switch type {
        case .bool: "true"
        case .int: "1"
        case .uint: "1u"
        case .double: "1.5"
        case .string: "'a'"
        case .bytes: "b'a'"
        case .timestamp: "timestamp('2024-01-01T00:00:00Z')"
        case .duration: "duration('1s')"
        default: "dyn(1)"
        }
    }
}
