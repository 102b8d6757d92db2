/// kro's `omit()` (cel.md §5.6): a sentinel that removes the field it is written to.
public struct KroOmitLibrary: RuntimeLibrary {
    public init() {}

    public static let comparisonError = LibraryError("omit() is a field-removal sentinel and cannot be compared")

    public func register(into t: inout FunctionTable) {
        t.register("omit", [Overload("omit_void", []) { _ in .object(OmitValue()) }])
    }

    /// `omit() == x` and `omit() != x` are errors (upstream's `Equal` on the sentinel);
    /// comparing with `null` is plain `false` as for every value. Register before the
    /// standard equality so these overloads are found first.
    public struct Comparison: RuntimeLibrary {
        public init() {}
        public func register(into t: inout FunctionTable) {
            for (name, nullResult) in [(Operator.equals, false), (Operator.notEquals, true)] {
                t.register(name, [Overload("omit_\(name)", [.object(OmitValue.typeName), nil]) { a in
                    if case .null = a[1] { return .bool(nullResult) }
                    throw KroOmitLibrary.comparisonError
                }])
            }
        }
    }
}

/// The value of `omit()` (runtime type `kro.omit`).
public struct OmitValue: OpaqueValue, Hashable {
    public static let typeName = "kro.omit"
    public init() {}
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { false }
}
