/// The cel-go extensions kro enables (cel.md §2.1, §3), with cel-go's overload ids.
extension CELLibraryDeclarations {
    /// Types whose values can be ordered (sorting, `isSorted`, `min`/`max`).
    static let comparableTypes: [(String, CELType)] = [
        ("int", .int), ("uint", .uint), ("double", .double), ("bool", .bool),
        ("duration", .duration), ("timestamp", .timestamp), ("string", .string), ("bytes", .bytes),
    ]

    /// A two-element list literal of `type`, for generated examples.
    static func sampleList(_ type: CELType) -> String { "[\(sampleLiteral(type)), \(sampleLiteral(type))]" }

    /// `ext.TwoVarComprehensions()`: the macros expand to comprehensions; the map
    /// transforms insert entries through `cel.@mapInsert`.
    public static let twoVarComprehensions = CELLibraryDeclarations(
        name: "two-var-comprehensions",
        functions: [
            FunctionDecl("cel.@mapInsert", doc: "Internal: adds entries to the map `transformMap` and `transformMapEntry` build.",
                .global("@mapInsert_map_key_value", [.map(.paramA, .paramB), .paramA, .paramB], .map(.paramA, .paramB))
                    .examples("{'a': 1}.transformMap(k, v, v + 1)"),
                .global("@mapInsert_map_map", [.map(.paramA, .paramB), .map(.paramA, .paramB)], .map(.paramA, .paramB))
                    .examples("{'a': 1}.transformMapEntry(k, v, {k + '-x': v})")),
        ]
    )

    /// `ext.Lists()`, latest version. `sortBy` is a macro over `@sortByAssociatedKeys`.
    public static let extLists: CELLibraryDeclarations = {
        let listA = CELType.list(.paramA)
        return CELLibraryDeclarations(
            name: "lists",
            functions: [
                FunctionDecl("slice", doc: "The elements from the first index (inclusive) to the second (exclusive).",
                    .member("list_slice", [listA, .int, .int], listA).examples("[1, 2, 3, 4].slice(1, 3)")),
                FunctionDecl("flatten", doc: "Flattens nested lists one level, or as many levels as the depth given.",
                    .member("list_flatten", [.list(listA)], listA).examples("[[1], [2, 3]].flatten()"),
                    .member("list_flatten_int", [.list(.dyn), .int], .list(.dyn)).examples("[1, [2, [3]]].flatten(2)")),
                FunctionDecl("lists.range", doc: "The ints from 0 up to (excluding) the count.",
                    .global("lists_range", [.int], .list(.int)).examples("lists.range(3)")),
                FunctionDecl("distinct", doc: "The list without repeated elements, first occurrences kept in order.",
                    .member("list_distinct", [listA], listA).examples("[1, 2, 1].distinct()")),
                FunctionDecl("reverse", doc: "The list in reverse order.",
                    .member("list_reverse", [listA], listA).examples("[1, 2, 3].reverse()")),
                FunctionDecl(name: "sort", doc: "The list sorted in ascending order.", overloads: comparableTypes.map {
                    .member("list_\($0.0)_sort", [.list($0.1)], .list($0.1)).examples("\(sampleList($0.1)).sort()")
                }),
                FunctionDecl(name: "@sortByAssociatedKeys", doc: "Internal: orders a list by keys computed per element; what `sortBy` expands to.",
                             overloads: comparableTypes.map {
                    .member("list_\($0.0)_sortByAssociatedKeys", [listA, .list($0.1)], listA)
                        .examples("[1, 2].sortBy(x, \(sampleLiteral($0.1)))")
                }),
            ]
        )
    }()

    /// `ext.Strings()`, latest version.
    public static let extStrings = CELLibraryDeclarations(
        name: "strings",
        functions: [
            FunctionDecl("charAt", doc: "The character (code point) at the index; the length gives `''`.",
                .member("string_char_at_int", [.string, .int], .string).examples("'hello'.charAt(1)")),
            FunctionDecl("indexOf", doc: "The code-point index of the first occurrence of the substring (from the start index), or -1.",
                .member("string_index_of_string", [.string, .string], .int).examples("'hello'.indexOf('l')"),
                .member("string_index_of_string_int", [.string, .string, .int], .int).examples("'hello'.indexOf('l', 3)")),
            FunctionDecl("lastIndexOf", doc: "The code-point index of the last occurrence of the substring (up to the index), or -1.",
                .member("string_last_index_of_string", [.string, .string], .int).examples("'hello'.lastIndexOf('l')"),
                .member("string_last_index_of_string_int", [.string, .string, .int], .int).examples("'hello'.lastIndexOf('l', 2)")),
            FunctionDecl("lowerAscii", doc: "The string with ASCII letters in lower case (other characters unchanged).",
                .member("string_lower_ascii", [.string], .string).examples("'Web-App'.lowerAscii()")),
            FunctionDecl("upperAscii", doc: "The string with ASCII letters in upper case (other characters unchanged).",
                .member("string_upper_ascii", [.string], .string).examples("'web'.upperAscii()")),
            FunctionDecl("replace", doc: "The string with occurrences of the first argument replaced by the second (at most n of them when n ≥ 0).",
                .member("string_replace_string_string", [.string, .string, .string], .string).examples("'a.b.c'.replace('.', '-')"),
                .member("string_replace_string_string_int", [.string, .string, .string, .int], .string)
                    .examples("'a.b.c'.replace('.', '-', 1)")),
            FunctionDecl("split", doc: "The substrings between separators (at most n of them when n ≥ 0).",
                .member("string_split_string", [.string, .string], .list(.string)).examples("'a,b,c'.split(',')"),
                .member("string_split_string_int", [.string, .string, .int], .list(.string)).examples("'a,b,c'.split(',', 2)")),
            FunctionDecl("substring", doc: "The code points from the start index (inclusive) to the end index (exclusive) or the end.",
                .member("string_substring_int", [.string, .int], .string).examples("'kubernetes'.substring(4)"),
                .member("string_substring_int_int", [.string, .int, .int], .string).examples("'kubernetes'.substring(0, 4)")),
            FunctionDecl("trim", doc: "The string without leading and trailing Unicode white space.",
                .member("string_trim", [.string], .string).examples("'  web  '.trim()")),
            FunctionDecl("reverse", doc: "The string with its code points in reverse order.",
                .member("string_reverse", [.string], .string).examples("'abc'.reverse()")),
            FunctionDecl("join", doc: "The strings of the list concatenated, with the separator between them.",
                .member("list_join", [.list(.string)], .string).examples("['a', 'b'].join()"),
                .member("list_join_string", [.list(.string), .string], .string).examples("['a', 'b'].join('-')")),
            FunctionDecl("format", doc: "printf-style formatting: `%s`, `%d`, `%f`, `%.Nf`, `%e`, `%x`, `%X`, `%o`, `%b` take the list's values in order.",
                .member("string_format", [.string, .list(.dyn)], .string).examples("'%s has %d replicas'.format(['web', 3])")),
            FunctionDecl("strings.quote", doc: "The string as a double-quoted CEL string literal, with escapes.",
                .global("strings_quote", [.string], .string).examples("strings.quote('say \"hi\"')")),
        ]
    )

    /// `ext.Bindings()`: `cel.bind` is a macro; nothing to declare.
    public static let bindings = CELLibraryDeclarations(name: "bindings")

    /// `cel.OptionalTypes()`, latest version.
    public static let optionalTypes: CELLibraryDeclarations = {
        let optA = CELType.optional(.paramA), listA = CELType.list(.paramA)
        let mapAB = CELType.map(.paramA, .paramB)
        return CELLibraryDeclarations(
            name: "optional",
            functions: [
                FunctionDecl("optional.of", doc: "An optional holding the value.",
                    .global("optional_of", [.paramA], optA).examples("optional.of(1)")),
                FunctionDecl("optional.ofNonZeroValue", doc: "An optional holding the value, or none when it is the zero value of its type (`0`, `''`, `[]`, …).",
                    .global("optional_ofNonZeroValue", [.paramA], optA).examples("optional.ofNonZeroValue('')")),
                FunctionDecl("optional.none", doc: "The empty optional.",
                    .global("optional_none", [], optA).examples("optional.none()")),
                FunctionDecl("value", doc: "The value of the optional; an error when it is none.",
                    .member("optional_value", [optA], .paramA).examples("optional.of(1).value()")),
                FunctionDecl("hasValue", doc: "Whether the optional holds a value.",
                    .member("optional_hasValue", [optA], .bool).examples("optional.of(1).hasValue()")),
                FunctionDecl("or", doc: "This optional when it holds a value, else the other one.",
                    .member("optional_or_optional", [optA, optA], optA).examples("optional.none().or(optional.of(2))")),
                FunctionDecl("orValue", doc: "The optional's value, or the given default when it is none.",
                    .member("optional_orValue_value", [optA, .paramA], .paramA).examples("optional.none().orValue(3)")),
                FunctionDecl(Operator.optionalIndex, doc: "Optional indexing: the element or map value as an optional, none when absent.",
                    .global("list_optindex_optional_int", [listA, .int], optA).examples("[1, 2][?5]"),
                    .global("optional_list_optindex_optional_int", [.optional(listA), .int], optA).examples("optional.of([1])[?0]"),
                    .global("map_optindex_optional_value", [mapAB, .paramA], .optional(.paramB)).examples("{'a': 1}[?'b']"),
                    .global("optional_map_optindex_optional_value", [.optional(mapAB), .paramA], .optional(.paramB))
                        .examples("optional.of({'a': 1})[?'a']")),
                FunctionDecl(Operator.index, doc: "Indexing an optional list or map gives an optional.",
                    .global("optional_list_index_int", [.optional(listA), .int], optA).examples("optional.of([1])[0]"),
                    .global("optional_map_index_value", [.optional(mapAB), .paramA], .optional(.paramB)).examples("optional.of({'a': 1})['a']")),
                FunctionDecl("optional.unwrap", doc: "The values of the optionals that hold one, in order.",
                    .global("optional_unwrap", [.list(optA)], listA).examples("optional.unwrap([optional.of(1), optional.none()])")),
                FunctionDecl("unwrapOpt", doc: "The values of the optionals that hold one, in order.",
                    .member("optional_unwrapOpt", [.list(optA)], listA).examples("[optional.of(1), optional.none()].unwrapOpt()")),
                FunctionDecl("first", doc: "The first element as an optional (none for an empty list).",
                    .member("list_first", [listA], optA).examples("[1, 2].first()")),
                FunctionDecl("last", doc: "The last element as an optional (none for an empty list).",
                    .member("list_last", [listA], optA).examples("[1, 2].last()")),
            ],
            typeNames: ["optional_type": .optional(.paramA)]
        )
    }()

    /// `ext.Encoders()`.
    public static let encoders = CELLibraryDeclarations(
        name: "encoders",
        functions: [
            FunctionDecl("base64.encode", doc: "The standard base64 encoding of the bytes.",
                .global("base64_encode_bytes", [.bytes], .string).examples("base64.encode(b'hello')")),
            FunctionDecl("base64.decode", doc: "The bytes a standard base64 string encodes (padding optional).",
                .global("base64_decode_string", [.string], .bytes).examples("base64.decode('aGVsbG8=')")),
        ]
    )
}
