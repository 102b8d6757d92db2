/// kro's own CEL libraries (cel.md §5).
extension CELType {
    public static let kroRuntime = CELType.opaque("kro.run.Runtime", [])
    public static let kroCondition = CELType.object("kro.run.Condition")
}

extension CELLibraryDeclarations {
    public static let kroRandom = CELLibraryDeclarations(
        name: "kro.random",
        functions: [
            FunctionDecl("random.seededString", doc: "A random alphanumeric string of the given length, the same for the same seed.",
                .global("random.seededString_int_string", [.int, .string], .string).examples("random.seededString(8, 'my-seed')")),
            FunctionDecl("random.seededInt", doc: "A random int from min (inclusive) to max (exclusive), the same for the same seed.",
                .global("random.seededInt_int_int_string", [.int, .int, .string], .int).examples("random.seededInt(30000, 32768, 'my-seed')")),
        ]
    )

    public static let kroMaps = CELLibraryDeclarations(
        name: "kro.maps",
        functions: [
            FunctionDecl("merge", doc: "The map with the other map's entries added; on a shared key the other map's value wins (shallow).",
                .member("map_merge", [.map(.paramA, .paramB), .map(.paramA, .paramB)], .map(.paramA, .paramB))
                    .examples("{'app': 'web'}.merge({'tier': 'front'})")),
            FunctionDecl("deepMerge", doc: "The value with the other merged in recursively: maps key by key, anything else replaced by the other's value.",
                .member("dyn_deepMerge", [.dyn, .dyn], .dyn).examples("{'a': {'b': 1}}.deepMerge({'a': {'c': 2}})")),
        ]
    )

    public static let kroJSON = CELLibraryDeclarations(
        name: "kro.json",
        functions: [
            FunctionDecl("json.unmarshal", doc: "The value a JSON text denotes (objects become maps, numbers doubles).",
                .global("json.unmarshal_string", [.string], .dyn).examples("json.unmarshal('{\"a\": 1}')")),
            FunctionDecl("json.marshal", doc: "The value as compact JSON text.",
                .global("json.marshal_dyn", [.dyn], .string).examples("json.marshal({'a': [1, 2]})")),
        ]
    )

    public static let kroHash = CELLibraryDeclarations(
        name: "kro.hash",
        functions: [
            FunctionDecl("hash.fnv64a", doc: "The 64-bit FNV-1a hash of the string's UTF-8 bytes.",
                .global("hash.fnv64a_string", [.string], .bytes).examples("hash.fnv64a('web')")),
            FunctionDecl("hash.sha256", doc: "The SHA-256 digest of the string's UTF-8 bytes.",
                .global("hash.sha256_string", [.string], .bytes).examples("hash.sha256('web')")),
            FunctionDecl("hash.md5", doc: "The MD5 digest of the string's UTF-8 bytes.",
                .global("hash.md5_string", [.string], .bytes).examples("hash.md5('web')")),
        ]
    )

    public static let kroLists: CELLibraryDeclarations = {
        let listA = CELType.list(.paramA)
        return CELLibraryDeclarations(
            name: "kro.lists",
            functions: [
                FunctionDecl("lists.setAtIndex", doc: "The list with the element at the index replaced; an error outside the list.",
                    .global("lists.setAtIndex_list_int_T", [listA, .int, .paramA], listA).examples("lists.setAtIndex([1, 2], 0, 9)")),
                FunctionDecl("lists.insertAtIndex", doc: "The list with the element inserted before the index (the size appends).",
                    .global("lists.insertAtIndex_list_int_T", [listA, .int, .paramA], listA).examples("lists.insertAtIndex([1, 2], 1, 9)")),
                FunctionDecl("lists.removeAtIndex", doc: "The list without the element at the index.",
                    .global("lists.removeAtIndex_list_int", [listA, .int], listA).examples("lists.removeAtIndex([1, 2], 0)")),
            ]
        )
    }()

    public static let kroOmit = CELLibraryDeclarations(
        name: "kro.omit",
        functions: [FunctionDecl("omit", doc: "Leaves the field out of the rendered object (behind kro's omit feature gate).",
                                 .global("omit", [], .dyn).examples("omit()"))]
    )

    public static let kroRuntime = CELLibraryDeclarations(
        name: "kro.runtime",
        functions: [
            FunctionDecl("newCondition", doc: "A status condition built from `type`, `status`, `reason` and `message` entries.",
                .member("runtime_newCondition_map", [.kroRuntime, .map(.string, .string)], .kroCondition)
                    .examples("runtime.newCondition({'type': 'Ready', 'status': 'True'})")),
            FunctionDecl("condition", doc: "The condition of the given type from an object's `status.conditions`.",
                .member("runtime_condition_dyn_string", [.kroRuntime, .dyn, .string], .kroCondition)
                    .examples("runtime.condition({'status': {'conditions': []}}, 'Ready')")),
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
