/// Bindings of type parameters found while unifying types, and the unification itself.
/// Mirrors the rules of cel-go's checker: `dyn` and `error` unify with anything, type
/// parameters bind (with an occurs check), `null` unifies with nullable types, and
/// parameterised types unify parameter by parameter.
struct TypeSubstitution: Sendable {
    private(set) var bindings: [String: CELType] = [:]

    func binding(of name: String) -> CELType? { bindings[name] }

    mutating func bind(_ name: String, to type: CELType) { bindings[name] = type }

    /// Replaces bound type parameters (transitively); unbound ones become `dyn` when
    /// `freeToDyn` is set. Binding chains deeper than any real expression produces are cut
    /// off as `dyn` (a guard, never expected to trigger).
    func substitute(_ type: CELType, freeToDyn: Bool, depth: Int = 0) -> CELType {
        guard depth < 512 else { return .dyn }
        let next = depth + 1
        switch type {
        case .typeParam(let name):
            if let bound = bindings[name] { return substitute(bound, freeToDyn: freeToDyn, depth: next) }
            return freeToDyn ? .dyn : type
        case .list(let e): return .list(substitute(e, freeToDyn: freeToDyn, depth: next))
        case .map(let k, let v):
            return .map(substitute(k, freeToDyn: freeToDyn, depth: next), substitute(v, freeToDyn: freeToDyn, depth: next))
        case .optional(let t): return .optional(substitute(t, freeToDyn: freeToDyn, depth: next))
        case .type(let t): return .type(substitute(t, freeToDyn: freeToDyn, depth: next))
        case .opaque(let n, let ps): return .opaque(n, ps.map { substitute($0, freeToDyn: freeToDyn, depth: next) })
        default: return type
        }
    }

    /// Whether `t1` and `t2` unify; binds type parameters on the way. Callers that need
    /// all-or-nothing semantics work on a copy and keep it only on success.
    mutating func unify(_ t1: CELType, _ t2: CELType) -> Bool {
        if case .typeParam(let p2) = t2 {
            let (valid, hadBinding) = substituteParameter(p2, with: t1)
            if valid { return true }
            if hadBinding { return false }
        }
        if case .typeParam(let p1) = t1 {
            return substituteParameter(p1, with: t2).valid
        }
        if t1.isDynOrError || t2.isDynOrError { return true }
        if t1 == .null { return t2.acceptsNull }
        if t2 == .null { return t1.acceptsNull }
        switch (t1, t2) {
        case (.list(let a), .list(let b)): return unify(a, b)
        case (.map(let k1, let v1), .map(let k2, let v2)): return unify(k1, k2) && unify(v1, v2)
        case (.optional(let a), .optional(let b)): return unify(a, b)
        case (.type, .type): return true  // a type is a type: parameters don't matter
        case (.opaque(let n1, let p1), .opaque(let n2, let p2)):
            guard n1 == n2, p1.count == p2.count else { return false }
            for (a, b) in zip(p1, p2) where !unify(a, b) { return false }
            return true
        default: return t1 == t2
        }
    }

    /// False only when `unify(t1, t2)` is false whatever the bindings: neither is a type
    /// parameter, `dyn`, `error` or `null`, and their outermost forms differ (`int` and
    /// `string`, `list(…)` and `map(…)`). Decides nothing about type arguments.
    static func mayUnify(_ t1: CELType, _ t2: CELType) -> Bool {
        switch (t1, t2) {
        case (.typeParam, _), (_, .typeParam), (.dyn, _), (_, .dyn), (.error, _), (_, .error), (.null, _), (_, .null):
            return true
        case (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double), (.string, .string), (.bytes, .bytes),
             (.timestamp, .timestamp), (.duration, .duration), (.list, .list), (.map, .map), (.optional, .optional),
             (.type, .type), (.opaque, .opaque), (.object, .object):
            return true
        default:
            return false
        }
    }

    /// Unifies the lists pairwise (same length required).
    mutating func unify(_ l1: [CELType], _ l2: [CELType]) -> Bool {
        guard l1.count == l2.count else { return false }
        for (a, b) in zip(l1, l2) where !unify(a, b) { return false }
        return true
    }

    /// Whether `candidate` may stand for the parameter `name` (binding it if free).
    /// As in cel-go, a parameter is never bound to a type it occurs in — not even when a
    /// binding is widened — so no binding chain leads back to itself.
    private mutating func substituteParameter(_ name: String, with candidate: CELType) -> (valid: Bool, hadBinding: Bool) {
        if candidate == .typeParam(name) { return (true, true) }
        if let bound = bindings[name] {
            if bound == candidate { return (true, true) }
            if unify(candidate, bound) {
                let general = CELType.mostGeneral(candidate, bound)
                if !occurs(name, in: general) { bindings[name] = general }
                return (true, true)
            }
            return (false, true)
        }
        if !occurs(name, in: candidate) {
            bindings[name] = candidate
            return (true, false)
        }
        return (false, false)
    }

    /// The occurs check: whether parameter `name` appears in `type` (through bindings).
    private func occurs(_ name: String, in type: CELType, depth: Int = 0) -> Bool {
        guard depth < 512 else { return true }
        let next = depth + 1
        switch type {
        case .typeParam(let other):
            if other == name { return true }
            guard let bound = bindings[other] else { return false }
            return occurs(name, in: bound, depth: next)
        case .list(let e): return occurs(name, in: e, depth: next)
        case .map(let k, let v): return occurs(name, in: k, depth: next) || occurs(name, in: v, depth: next)
        case .optional(let t): return occurs(name, in: t, depth: next)
        case .opaque(_, let ps): return ps.contains { occurs(name, in: $0, depth: next) }
        default: return false
        }
    }
}

extension CELType {
    var isDynOrError: Bool { self == .dyn || self == .error }

    var isTypeParam: Bool { if case .typeParam = self { return true }; return false }

    /// Types that `null` may be assigned to (cel-go: abstract, object, well-known, null).
    var acceptsNull: Bool {
        switch self {
        case .null, .object, .opaque, .optional, .timestamp, .duration: return true
        default: return false
        }
    }

    /// Of two unifying types, the less specific one (`dyn` and type parameters win).
    static func mostGeneral(_ t1: CELType, _ t2: CELType) -> CELType {
        t1.isEqualOrLessSpecific(than: t2) ? t1 : t2
    }

    func isEqualOrLessSpecific(than other: CELType) -> Bool {
        if self == .dyn || isTypeParam { return true }
        if other == .dyn || other.isTypeParam { return false }
        // `null` joined with a type that accepts it is that type (cel-spec
        // type_deduction legacy_nullable_types: `[optional.of(1), null][0]`).
        if other == .null && acceptsNull { return true }
        switch (self, other) {
        case (.list(let a), .list(let b)): return a.isEqualOrLessSpecific(than: b)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            return k1.isEqualOrLessSpecific(than: k2) && v1.isEqualOrLessSpecific(than: v2)
        case (.optional(let a), .optional(let b)): return a.isEqualOrLessSpecific(than: b)
        case (.type, .type): return true
        case (.opaque(let n1, let p1), .opaque(let n2, let p2)):
            guard n1 == n2, p1.count == p2.count else { return false }
            return zip(p1, p2).allSatisfy { $0.isEqualOrLessSpecific(than: $1) }
        default: return self == other
        }
    }
}
