/// The cel-go extensions kro enables (cel.md §2.1, §3), with cel-go's overload ids.
extension CELLibraryDeclarations {
    /// Types whose values can be ordered (sorting, `isSorted`, `min`/`max`).
    static let comparableTypes: [(String, CELType)] = [
        ("int", .int), ("uint", .uint), ("double", .double), ("bool", .bool),
        ("duration", .duration), ("timestamp", .timestamp), ("string", .string), ("bytes", .bytes),
    ]

    /// `ext.TwoVarComprehensions()`: the macros expand to comprehensions; the map
    /// transforms insert entries through `cel.@mapInsert`.
    public static let twoVarComprehensions = CELLibraryDeclarations(
        name: "two-var-comprehensions",
        functions: [
            FunctionDecl("cel.@mapInsert",
                .global("@mapInsert_map_key_value", [.map(.paramA, .paramB), .paramA, .paramB], .map(.paramA, .paramB)),
                .global("@mapInsert_map_map", [.map(.paramA, .paramB), .map(.paramA, .paramB)], .map(.paramA, .paramB))),
        ]
    )

    /// `ext.Lists()`, latest version. `sortBy` is a macro over `@sortByAssociatedKeys`.
    public static let extLists: CELLibraryDeclarations = {
        let listA = CELType.list(.paramA)
        return CELLibraryDeclarations(
            name: "lists",
            functions: [
                FunctionDecl("slice", .member("list_slice", [listA, .int, .int], listA)),
                FunctionDecl("flatten",
                    .member("list_flatten", [.list(listA)], listA),
                    .member("list_flatten_int", [.list(.dyn), .int], .list(.dyn))),
                FunctionDecl("lists.range", .global("lists_range", [.int], .list(.int))),
                FunctionDecl("distinct", .member("list_distinct", [listA], listA)),
                FunctionDecl("reverse", .member("list_reverse", [listA], listA)),
                FunctionDecl(name: "sort", overloads: comparableTypes.map {
                    .member("list_\($0.0)_sort", [.list($0.1)], .list($0.1))
                }),
                FunctionDecl(name: "@sortByAssociatedKeys", overloads: comparableTypes.map {
                    .member("list_\($0.0)_sortByAssociatedKeys", [listA, .list($0.1)], listA)
                }),
            ]
        )
    }()

    /// `ext.Strings()`, latest version.
    public static let extStrings = CELLibraryDeclarations(
        name: "strings",
        functions: [
            FunctionDecl("charAt", .member("string_char_at_int", [.string, .int], .string)),
            FunctionDecl("indexOf",
                .member("string_index_of_string", [.string, .string], .int),
                .member("string_index_of_string_int", [.string, .string, .int], .int)),
            FunctionDecl("lastIndexOf",
                .member("string_last_index_of_string", [.string, .string], .int),
                .member("string_last_index_of_string_int", [.string, .string, .int], .int)),
            FunctionDecl("lowerAscii", .member("string_lower_ascii", [.string], .string)),
            FunctionDecl("upperAscii", .member("string_upper_ascii", [.string], .string)),
            FunctionDecl("replace",
                .member("string_replace_string_string", [.string, .string, .string], .string),
                .member("string_replace_string_string_int", [.string, .string, .string, .int], .string)),
            FunctionDecl("split",
                .member("string_split_string", [.string, .string], .list(.string)),
                .member("string_split_string_int", [.string, .string, .int], .list(.string))),
            FunctionDecl("substring",
                .member("string_substring_int", [.string, .int], .string),
                .member("string_substring_int_int", [.string, .int, .int], .string)),
            FunctionDecl("trim", .member("string_trim", [.string], .string)),
            FunctionDecl("reverse", .member("string_reverse", [.string], .string)),
            FunctionDecl("join",
                .member("list_join", [.list(.string)], .string),
                .member("list_join_string", [.list(.string), .string], .string)),
            FunctionDecl("format", .member("string_format", [.string, .list(.dyn)], .string)),
            FunctionDecl("strings.quote", .global("strings_quote", [.string], .string)),
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
                FunctionDecl("optional.of", .global("optional_of", [.paramA], optA)),
                FunctionDecl("optional.ofNonZeroValue", .global("optional_ofNonZeroValue", [.paramA], optA)),
                FunctionDecl("optional.none", .global("optional_none", [], optA)),
                FunctionDecl("value", .member("optional_value", [optA], .paramA)),
                FunctionDecl("hasValue", .member("optional_hasValue", [optA], .bool)),
                FunctionDecl("or", .member("optional_or_optional", [optA, optA], optA)),
                FunctionDecl("orValue", .member("optional_orValue_value", [optA, .paramA], .paramA)),
                FunctionDecl(Operator.optionalIndex,
                    .global("list_optindex_optional_int", [listA, .int], optA),
                    .global("optional_list_optindex_optional_int", [.optional(listA), .int], optA),
                    .global("map_optindex_optional_value", [mapAB, .paramA], .optional(.paramB)),
                    .global("optional_map_optindex_optional_value", [.optional(mapAB), .paramA], .optional(.paramB))),
                FunctionDecl(Operator.index,
                    .global("optional_list_index_int", [.optional(listA), .int], optA),
                    .global("optional_map_index_value", [.optional(mapAB), .paramA], .optional(.paramB))),
                FunctionDecl("optional.unwrap", .global("optional_unwrap", [.list(optA)], listA)),
                FunctionDecl("unwrapOpt", .member("optional_unwrapOpt", [.list(optA)], listA)),
                FunctionDecl("first", .member("list_first", [listA], optA)),
                FunctionDecl("last", .member("list_last", [listA], optA)),
            ],
            typeNames: ["optional_type": .optional(.paramA)]
        )
    }()

    /// `ext.Encoders()`.
    public static let encoders = CELLibraryDeclarations(
        name: "encoders",
        functions: [
            FunctionDecl("base64.encode", .global("base64_encode_bytes", [.bytes], .string)),
            FunctionDecl("base64.decode", .global("base64_decode_string", [.string], .bytes)),
        ]
    )
}
