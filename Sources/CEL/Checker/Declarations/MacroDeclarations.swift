/// A macro as authors call it. The parser expands macros, so they have no overloads; their
/// docs live here so completion, hover and signature help show them like functions.
public struct MacroDecl: Sendable, Hashable {
    public var name: String
    /// Called on a receiver (`list.all(x, p)`), else globally (`has(a.b)`).
    public var isMember: Bool
    /// Each accepted form, as written: `list(A).all(x, predicate) -> bool`.
    public var signatures: [String]
    public var doc: String
    public var examples: [String]

    /// The arguments authors type, as a snippet body (`x, ${2:predicate}`).
    public var snippetArguments: String

    public init(_ name: String, member: Bool = true, signatures: [String], snippet: String, doc: String, examples: [String]) {
        self.name = name; self.isMember = member; self.signatures = signatures
        self.snippetArguments = snippet; self.doc = doc; self.examples = examples
    }
}

extension MacroDecl {
    /// The macros kro's environment expands (cel.md §2.1): the standard ones, cel-go's
    /// two-variable comprehensions, `sortBy`, `optMap`/`optFlatMap` and `cel.bind`.
    public static let kro: [MacroDecl] = [
        MacroDecl("has", member: false, signatures: ["has(a.field) -> bool"], snippet: "${1:a.field}",
                  doc: "Whether the field is set: present in a map, or not the default in an object. The argument must be a field selection.",
                  examples: ["has({'a': 1}.a)"]),
        MacroDecl("all", signatures: ["list(A).all(x, predicate) -> bool", "map(K, V).all(k, predicate) -> bool",
                                      "list(A).all(i, x, predicate) -> bool", "map(K, V).all(k, v, predicate) -> bool"],
                  snippet: "${1:x}, ${2:predicate}",
                  doc: "Whether the predicate holds for every element (every key of a map).",
                  examples: ["[1, 2].all(x, x > 0)", "{'a': 1}.all(k, v, v > 0)"]),
        MacroDecl("exists", signatures: ["list(A).exists(x, predicate) -> bool", "map(K, V).exists(k, predicate) -> bool",
                                         "list(A).exists(i, x, predicate) -> bool"],
                  snippet: "${1:x}, ${2:predicate}",
                  doc: "Whether the predicate holds for at least one element (key of a map).",
                  examples: ["[1, 2].exists(x, x > 1)"]),
        MacroDecl("exists_one", signatures: ["list(A).exists_one(x, predicate) -> bool"], snippet: "${1:x}, ${2:predicate}",
                  doc: "Whether the predicate holds for exactly one element.",
                  examples: ["[1, 2].exists_one(x, x > 1)"]),
        MacroDecl("existsOne", signatures: ["list(A).existsOne(x, predicate) -> bool", "list(A).existsOne(i, x, predicate) -> bool"],
                  snippet: "${1:x}, ${2:predicate}",
                  doc: "Whether the predicate holds for exactly one element.",
                  examples: ["[1, 2].existsOne(x, x > 1)"]),
        MacroDecl("map", signatures: ["list(A).map(x, transform) -> list(B)", "list(A).map(x, filter, transform) -> list(B)"],
                  snippet: "${1:x}, ${2:transform}",
                  doc: "The list of each element transformed (keys, for a map), optionally only those the filter keeps.",
                  examples: ["[1, 2].map(x, x * 2)", "[1, 2, 3].map(x, x > 1, x * 10)"]),
        MacroDecl("filter", signatures: ["list(A).filter(x, predicate) -> list(A)"], snippet: "${1:x}, ${2:predicate}",
                  doc: "The elements (keys, for a map) for which the predicate holds.",
                  examples: ["[1, 2, 3].filter(x, x != 2)"]),
        MacroDecl("transformList", signatures: ["list(A).transformList(i, x, transform) -> list(B)",
                                                "map(K, V).transformList(k, v, filter, transform) -> list(B)"],
                  snippet: "${1:i}, ${2:x}, ${3:transform}",
                  doc: "A list built from each index and element (key and value, for a map), optionally filtered.",
                  examples: ["['a', 'b'].transformList(i, x, x + string(i))"]),
        MacroDecl("transformMap", signatures: ["list(A).transformMap(i, x, transform) -> map(int, B)",
                                               "map(K, V).transformMap(k, v, filter, transform) -> map(K, B)"],
                  snippet: "${1:k}, ${2:v}, ${3:transform}",
                  doc: "A map with the same keys (indices, for a list) and each value transformed, optionally filtered.",
                  examples: ["{'a': 1}.transformMap(k, v, v + 1)"]),
        MacroDecl("transformMapEntry", signatures: ["map(K, V).transformMapEntry(k, v, entry) -> map(K2, V2)"],
                  snippet: "${1:k}, ${2:v}, ${3:entry}",
                  doc: "A map built from the one-entry maps the transform returns for each entry (keys must not repeat).",
                  examples: ["{'a': 1}.transformMapEntry(k, v, {k + '-x': v})"]),
        MacroDecl("sortBy", signatures: ["list(A).sortBy(x, key) -> list(A)"], snippet: "${1:x}, ${2:key}",
                  doc: "The list sorted by the key computed for each element (stable).",
                  examples: ["['bb', 'a'].sortBy(x, size(x))"]),
        MacroDecl("optMap", signatures: ["optional_type(A).optMap(x, transform) -> optional_type(B)"], snippet: "${1:x}, ${2:transform}",
                  doc: "The optional's value transformed, or none when it is none.",
                  examples: ["optional.of(2).optMap(x, x * 2)"]),
        MacroDecl("optFlatMap", signatures: ["optional_type(A).optFlatMap(x, transform) -> optional_type(B)"],
                  snippet: "${1:x}, ${2:optional}",
                  doc: "The optional the transform returns for the value, or none when it is none.",
                  examples: ["optional.of(2).optFlatMap(x, optional.of(x + 1))"]),
        MacroDecl("cel.bind", member: false, signatures: ["cel.bind(name, value, expression) -> T"],
                  snippet: "${1:name}, ${2:value}, ${3:expression}",
                  doc: "Evaluates the expression with the name bound to the value (computed once).",
                  examples: ["cel.bind(n, 'web', n + '-svc')"]),
    ]
}
