/// kro's own CEL libraries (cel.md §5): random, maps, JSON, hash, index-mutation lists,
/// omit and runtime.
public struct KroLibraries: RuntimeLibrary {
    public init() {}
    public func register(into t: inout FunctionTable) {
        for lib: any RuntimeLibrary in [
            KroRandomLibrary(), KroMapsLibrary(), KroJSONLibrary(), KroHashLibrary(), KroListsLibrary(),
            KroOmitLibrary(), KroRuntimeLibrary(),
        ] {
            t.add(lib)
        }
    }
}

extension FunctionTable {
    /// Everything kro's base environment provides at runtime (cel.md §2.1): the standard
    /// library and cel-go extensions, the Kubernetes libraries and kro's libraries.
    ///
    /// ```swift
    /// let program = Program(parsed: parsed, functions: .kro)
    /// var activation = Activation(["schema": instance])
    /// activation.bind(KroRuntimeLibrary.variableName, KroRuntimeLibrary.runtimeValue) // status conditions
    /// ```
    public static let kro: FunctionTable = {
        var t = FunctionTable()
        // Before the standard `==`: comparing `omit()` is an error, and quantities follow
        // upstream's `Equal`.
        t.add(KroOmitLibrary.Comparison())
        t.add(KubernetesQuantityLibrary.Comparison())
        for lib in FunctionTable.standardLibraries + [KubernetesLibraries(), KroLibraries()] {
            t.add(lib)
        }
        return t
    }()
}
