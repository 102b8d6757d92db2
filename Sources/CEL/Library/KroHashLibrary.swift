/// kro's hash library (cel.md §5.1): `hash.fnv64a`, `hash.sha256`, `hash.md5`, each
/// `(string) → bytes` over the UTF-8 bytes.
public struct KroHashLibrary: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        t.register("hash.fnv64a", [Overload("hash.fnv64a_string", [.string]) { a in .bytes(FNV1a64.hash(a[0].asString.utf8)) }])
        t.register("hash.sha256", [Overload("hash.sha256_string", [.string]) { a in .bytes(SHA256.hash(a[0].asString.utf8)) }])
        t.register("hash.md5", [Overload("hash.md5_string", [.string]) { a in .bytes(MD5.hash(a[0].asString.utf8)) }])
    }
}
