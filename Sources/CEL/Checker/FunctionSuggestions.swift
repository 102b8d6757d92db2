/// Did-you-mean for function names: names authors bring from other languages first
/// (`upper` → `upperAscii`), then the closest declared name (through `DidYouMean`).
public enum FunctionSuggestions {
    /// Common names from other languages and libraries → the CEL function that does it.
    static let familiarNames: [String: String] = [
        "upper": "upperAscii", "toUpper": "upperAscii", "toUpperCase": "upperAscii", "uppercase": "upperAscii",
        "lower": "lowerAscii", "toLower": "lowerAscii", "toLowerCase": "lowerAscii", "lowercase": "lowerAscii",
        "len": "size", "length": "size", "count": "size",
        "strip": "trim", "str": "string", "toString": "string",
        "includes": "contains", "hasPrefix": "startsWith", "hasSuffix": "endsWith",
        "substr": "substring", "replaceAll": "replace", "toInt": "int", "parseInt": "int",
    ]

    /// The function `name` most likely meant among those `env` declares; nil when none.
    public static func suggestion(for name: String, in env: CELEnvironment) -> String? {
        if let familiar = familiarNames[name], env.lookupFunction(familiar) != nil { return familiar }
        let candidates = env.functions.keys.lazy.filter { n in
            !(n.hasPrefix("_") || n.hasPrefix("@") || n == "!_" || n == "-_")
        }
        return DidYouMean.closest(to: name, among: candidates, maxDistance: 2, ignoringCase: true)
    }
}
