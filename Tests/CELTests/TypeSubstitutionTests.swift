@testable import CEL
import Testing

/// Unification never binds a type parameter to a type it occurs in: the fuzzer's
/// `[].filter(n, n)` rebound a parameter to itself while widening, and the next unify
/// recursed until the stack ran out.
@Suite struct TypeSubstitutionTests {
    /// Whether following bindings from `name` ever comes back to it.
    static func leadsBack(_ name: String, _ s: TypeSubstitution) -> Bool {
        var seen: Set<String> = [], next = [name]
        while let n = next.popLast() {
            guard let bound = s.binding(of: n) else { continue }
            let params = bound.parameters
            if params.contains(name) { return true }
            for p in params where seen.insert(p).inserted { next.append(p) }
        }
        return false
    }

    @Test func aParameterUnifiedWithItselfKeepsItsBinding() {
        var s = TypeSubstitution()
        s.bind("T", to: .int)
        let same = s.unify(.typeParam("T"), .typeParam("T"))
        #expect(same)
        #expect(s.binding(of: "T") == .int)
        // Before the fix, T was bound to T here and the next unify never returned.
        let string = s.unify(.string, .typeParam("T"))
        let int = s.unify(.int, .typeParam("T"))
        #expect(!string && int)
    }

    @Test func wideningNeverMakesABindingCycle() {
        var s = TypeSubstitution()
        let steps = [s.unify(.typeParam("A"), .typeParam("B")), s.unify(.typeParam("B"), .typeParam("A")),
                     s.unify(.typeParam("A"), .typeParam("A")), s.unify(.dyn, .typeParam("B")),
                     s.unify(.list(.typeParam("C")), .typeParam("A")), s.unify(.typeParam("C"), .typeParam("C"))]
        #expect(steps.allSatisfy { $0 })
        for name in ["A", "B", "C"] { #expect(!Self.leadsBack(name, s), "\(name): \(s.bindings)") }
    }

    @Test(arguments: ["[].filter(n, n)", "[].map(n, n)", "[].exists(n, n)", "[[]].filter(n, n[0])",
                      "[].filter(n, n).map(m, m && m)", "{}.filter(k, k)"])
    func macrosOverEmptyLiteralsTypeCheck(_ expression: String) {
        let result = checkText(expression, in: CheckerFixtures.kroEnv)
        #expect(result.type != nil || !result.issues.isEmpty, "\(expression)")
    }

    @Test func theFuzzFindingTypesAsCelGoDoes() {
        // cel-go: the list's element parameter is bound to bool by the predicate.
        let result = checkText("[].filter(n, n)", in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == [])
        #expect(result.type?.description == "list(bool)")
    }
}

extension CELType {
    /// The type parameters named in this type.
    var parameters: [String] {
        switch self {
        case .typeParam(let n): [n]
        case .list(let e), .optional(let e), .type(let e): e.parameters
        case .map(let k, let v): k.parameters + v.parameters
        case .opaque(_, let ps): ps.flatMap(\.parameters)
        default: []
        }
    }
}
