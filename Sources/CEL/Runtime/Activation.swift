/// The variables visible to an evaluation: name → value. A binding may be lazy (resolved
/// on each lookup, e.g. to convert a large JSON document only when referenced), and a
/// name may be declared unknown (evaluation then yields an `unknown` result unless the
/// value is not needed, as with `true || x`).
public struct Activation: Sendable {
    enum Binding: Sendable {
        case value(Value)
        case lazy(@Sendable () throws -> Value)
        case unknown
    }
    private var bindings: [String: Binding] = [:]
    /// Whether some bound name contains a dot (`a.b`): only then must `a.b` selections
    /// try the qualified name first.
    private(set) var hasQualifiedNames = false

    public init(_ values: [String: Value] = [:]) {
        for (k, v) in values { bind(k, v) }
    }

    public mutating func bind(_ name: String, _ value: Value) { set(name, .value(value)) }

    private mutating func set(_ name: String, _ binding: Binding) {
        if name.utf8.contains(46) { hasQualifiedNames = true }
        bindings[name] = binding
    }
    /// `resolve` runs each time the variable is read; a thrown `EvalError` becomes the
    /// error of the expression that reads it.
    public mutating func bindLazily(_ name: String, _ resolve: @escaping @Sendable () throws -> Value) {
        set(name, .lazy(resolve))
    }
    public mutating func markUnknown(_ name: String) { set(name, .unknown) }

    public func contains(_ name: String) -> Bool { bindings[name] != nil }

    /// nil when the name is not bound.
    func lookup(_ name: String) -> Binding? { bindings[name] }

    /// The value of a bound variable (nil when unbound, unknown, or its resolver fails).
    public func value(of name: String) -> Value? {
        switch bindings[name] {
        case .value(let v)?: return v
        case .lazy(let f)?: return try? f()
        default: return nil
        }
    }
}
