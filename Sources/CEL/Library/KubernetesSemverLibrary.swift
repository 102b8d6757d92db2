/// Kubernetes `library.SemverLib()` (all versions, including the normalize overloads).
public struct KubernetesSemverLibrary: RuntimeLibrary {
    public init() {}

    static func parse(_ s: String, normalize: Bool) throws(LibraryError) -> SemanticVersion {
        normalize ? try SemanticVersion.parseNormalized(s) : try SemanticVersion.parse(s)
    }

    public func register(into t: inout FunctionTable) {
        t.register("semver", [
            Overload("string_to_semver", [.string]) { a in .object(try Self.parse(a[0].asString, normalize: false)) },
            Overload("string_bool_to_semver", [.string, .bool]) { a in
                .object(try Self.parse(a[0].asString, normalize: a[1].asBool))
            },
        ])
        t.register("isSemver", [
            Overload("is_semver_string", [.string]) { a in .bool((try? Self.parse(a[0].asString, normalize: false)) != nil) },
            Overload("is_semver_string_bool", [.string, .bool]) { a in
                .bool((try? Self.parse(a[0].asString, normalize: a[1].asBool)) != nil)
            },
        ])
        t.register("isGreaterThan", [Overload("semver_is_greater_than", member: true, [.semver, .semver]) { a in
            let (x, y) = try Value.pair(a, SemanticVersion.self); return .bool(x.compare(y) == 1)
        }])
        t.register("isLessThan", [Overload("semver_is_less_than", member: true, [.semver, .semver]) { a in
            let (x, y) = try Value.pair(a, SemanticVersion.self); return .bool(x.compare(y) == -1)
        }])
        t.register("compareTo", [Overload("semver_compare_to", member: true, [.semver, .semver]) { a in
            let (x, y) = try Value.pair(a, SemanticVersion.self); return .int(Int64(x.compare(y)))
        }])
        let parts: [(String, @Sendable (SemanticVersion) -> UInt64)] = [
            ("major", { $0.major }), ("minor", { $0.minor }), ("patch", { $0.patch }),
        ]
        for (name, get) in parts {
            t.register(name, [Overload("semver_\(name)", member: true, [.semver]) { a in
                // Upstream converts the uint64 component with a plain int64 cast.
                .int(Int64(truncatingIfNeeded: get(try a[0].opaque(SemanticVersion.self))))
            }])
        }
    }
}
