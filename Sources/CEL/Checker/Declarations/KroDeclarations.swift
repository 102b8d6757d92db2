/// kro's own CEL libraries (cel.md §5).
extension CELType {
    public static let kroRuntime = CELType.opaque("kro.run.Runtime", [])
    public static let kroCondition = CELType.object("kro.run.Condition")
}

extension CELLibraryDeclarations {
    public static let kroRandom = CELLibraryDeclarations(
        name: "kro.random",
        functions: [
            FunctionDecl("random.seededString", .global("random.seededString_int_string", [.int, .string], .string)),
            FunctionDecl("random.seededInt", .global("random.seededInt_int_int_string", [.int, .int, .string], .int)),
        ]
    )

    public static let kroMaps = CELLibraryDeclarations(
        name: "kro.maps",
        functions: [
            FunctionDecl("merge", .member("map_merge", [.map(.paramA, .paramB), .map(.paramA, .paramB)], .map(.paramA, .paramB))),
            FunctionDecl("deepMerge", .member("dyn_deepMerge", [.dyn, .dyn], .dyn)),
        ]
    )

    public static let kroJSON = CELLibraryDeclarations(
        name: "kro.json",
        functions: [
            FunctionDecl("json.unmarshal", .global("json.unmarshal_string", [.string], .dyn)),
            FunctionDecl("json.marshal", .global("json.marshal_dyn", [.dyn], .string)),
        ]
    )

    public static let kroHash = CELLibraryDeclarations(
        name: "kro.hash",
        functions: [
            FunctionDecl("hash.fnv64a", .global("hash.fnv64a_string", [.string], .bytes)),
            FunctionDecl("hash.sha256", .global("hash.sha256_string", [.string], .bytes)),
            FunctionDecl("hash.md5", .global("hash.md5_string", [.string], .bytes)),
        ]
    )

    public static let kroLists: CELLibraryDeclarations = {
        let listA = CELType.list(.paramA)
        return CELLibraryDeclarations(
            name: "kro.lists",
            functions: [
                FunctionDecl("lists.setAtIndex", .global("lists.setAtIndex_list_int_T", [listA, .int, .paramA], listA)),
                FunctionDecl("lists.insertAtIndex", .global("lists.insertAtIndex_list_int_T", [listA, .int, .paramA], listA)),
                FunctionDecl("lists.removeAtIndex", .global("lists.removeAtIndex_list_int", [listA, .int], listA)),
            ]
        )
    }()

    public static let kroOmit = CELLibraryDeclarations(
        name: "kro.omit",
        functions: [FunctionDecl("omit", .global("omit", [], .dyn))]
    )

    public static let kroRuntime = CELLibraryDeclarations(
        name: "kro.runtime",
        functions: [
            FunctionDecl("newCondition", .member("runtime_newCondition_map", [.kroRuntime, .map(.string, .string)], .kroCondition)),
            FunctionDecl("condition", .member("runtime_condition_dyn_string", [.kroRuntime, .dyn, .string], .kroCondition)),
        ],
        variables: [VariableDecl(name: "runtime", type: .kroRuntime)],
        typeNames: ["kro.run.Runtime": .kroRuntime],
        objectTypes: [
            ObjectTypeDescription(name: "kro.run.Condition", fields: [
                "type": .string, "status": .string, "reason": .string, "message": .string,
            ]),
        ]
    )
}
