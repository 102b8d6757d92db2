/// Kubernetes `library.Regex()`: `find` and `findAll` with RE2 (Go `regexp`) semantics.
public struct KubernetesRegexLibrary: RuntimeLibrary {
    public init() {}

    static func compile(_ pattern: String) throws(LibraryError) -> RE2Regex {
        do { return try RE2Regex(pattern) } catch {
            throw LibraryError("Illegal regex: error parsing regexp: " + error.message)
        }
    }

    public func register(into t: inout FunctionTable) {
        t.register("find", [Overload("string_find_string", member: true, [.string, .string]) { a in
            .string(try Self.compile(a[1].asString).firstMatch(in: a[0].asString)?.text ?? "")
        }])
        let findAll: @Sendable ([Value]) throws -> Value = { a in
            let re = try Self.compile(a[1].asString)
            let n = a.count == 3 ? a[2].asInt : -1
            // Go's FindAllString: n < 0 means all, n == 0 none.
            let limit = n < 0 ? nil : Int(clamping: n)
            return .list(re.allMatches(in: a[0].asString, limit: limit).map { .string($0.text) })
        }
        t.register("findAll", [
            Overload("string_find_all_string", member: true, [.string, .string], findAll),
            Overload("string_find_all_string_int", member: true, [.string, .string, .int], findAll),
        ])
    }
}
