extension CELEnvironment {
    /// The receiver-style overloads callable on a value of `receiver` type (for
    /// completion): those whose receiver parameter unifies with it. A `dyn` receiver
    /// accepts every member overload. Sorted by function name, then overload id.
    public func memberOverloads(for receiver: CELType) -> [(name: String, overload: OverloadDecl)] {
        var found: [(name: String, overload: OverloadDecl)] = []
        for (name, fn) in functions {
            for overload in fn.overloads where overload.isMemberFunction {
                guard let first = overload.params.first else { continue }
                var substitution = TypeSubstitution()
                if substitution.unify(receiver, first) { found.append((name, overload)) }
            }
        }
        return found.sorted { ($0.name, $0.overload.id) < ($1.name, $1.overload.id) }
    }
}
