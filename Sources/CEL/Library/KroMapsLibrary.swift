/// kro's map library (cel.md §5.4): `merge` and `deepMerge`.
public struct KroMapsLibrary: RuntimeLibrary {
    public init() {}

    /// Union; the argument's entries win.
    public static func merge(_ base: CELMap, _ other: CELMap) -> CELMap {
        var out = base
        for (k, v) in other.entries { out.set(k, v) }
        return out
    }

    /// Like `merge`, but maps under the same key merge recursively.
    public static func deepMerge(_ base: CELMap, _ other: CELMap) -> CELMap {
        if other.isEmpty { return base }
        if base.isEmpty { return other }
        var out = base
        for (k, v) in other.entries {
            if case .map(let mine)? = out.lookup(k), case .map(let theirs) = v {
                out.set(k, .map(deepMerge(mine, theirs)))
            } else {
                out.set(k, v)
            }
        }
        return out
    }

    public func register(into t: inout FunctionTable) {
        t.register("merge", [Overload("map_merge", member: true, [.map, .map]) { a in
            .map(Self.merge(a[0].asMap, a[1].asMap))
        }])
        t.register("deepMerge", [Overload("dyn_deepmerge_dyn", member: true, [nil, nil]) { a in
            guard case .map(let x) = a[0], case .map(let y) = a[1] else { throw LibraryError.noSuchOverload }
            return .map(Self.deepMerge(x, y))
        }])
    }
}
