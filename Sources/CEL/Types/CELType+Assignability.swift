extension CELType {
    /// cel-go's `Type.IsAssignableType`: whether a value of static type `source` may be
    /// used where `self` is expected. `dyn` accepts everything; otherwise kind, name and
    /// every parameter must agree (parameters checked the same way). A `dyn` source is
    /// *not* accepted by a specific target (kro then falls back to structural
    /// compatibility, cel.md §9).
    public func isAssignable(from source: CELType) -> Bool {
        if self == .dyn || self == source { return true }
        switch (self, source) {
        case (.list(let a), .list(let b)): return a.isAssignable(from: b)
        case (.map(let k1, let v1), .map(let k2, let v2)): return k1.isAssignable(from: k2) && v1.isAssignable(from: v2)
        case (.optional(let a), .optional(let b)): return a.isAssignable(from: b)
        case (.type(let a), .type(let b)): return a.isAssignable(from: b)
        case (.opaque(let n1, let p1), .opaque(let n2, let p2)):
            guard n1 == n2, p1.count == p2.count else { return false }
            return zip(p1, p2).allSatisfy { $0.isAssignable(from: $1) }
        default: return false
        }
    }

    /// The element type of a list, the key type of a map (what a comprehension iterates).
    public var listElementType: CELType? {
        if case .list(let e) = self { return e }
        return nil
    }

    /// `optional_type(T)` → `T`.
    public var optionalValueType: CELType? {
        if case .optional(let t) = self { return t }
        return nil
    }
}
