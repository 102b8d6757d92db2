@testable import CEL
import Testing

/// Overload resolution skips overloads whose parameters cannot unify with the argument
/// types by their outermost form (`TypeSubstitution.mayUnify`): the filter may only skip
/// what unification rejects, so the resolved overloads stay cel-go's.
@Suite struct OverloadFilterTests {
    static let leaves: [CELType] = [
        .dyn, .null, .bool, .int, .uint, .double, .string, .bytes, .timestamp, .duration, .error,
        .typeParam("A"), .typeParam("B"), .object("x.Thing"), .object("y"), .opaque("kubernetes.URL", []),
        .opaque("net.IP", []),
    ]

    /// Every leaf, and every one-level composite of a few leaves.
    static let types: [CELType] = {
        let inner: [CELType] = [.dyn, .int, .string, .typeParam("A"), .null, .object("y")]
        var all = leaves
        for t in inner {
            all += [.list(t), .optional(t), .type(t), .opaque("kro.Box", [t])]
            for u in inner { all.append(.map(t, u)) }
        }
        return all
    }()

    /// Substitutions a check may be in when it resolves a call.
    static let substitutions: [TypeSubstitution] = {
        var bound = TypeSubstitution()
        bound.bind("A", to: .int)
        var nested = TypeSubstitution()
        nested.bind("A", to: .list(.typeParam("B")))
        nested.bind("B", to: .string)
        var open = TypeSubstitution()
        open.bind("B", to: .dyn)
        return [TypeSubstitution(), bound, nested, open]
    }()

    @Test func whatTheFilterSkipsNeverUnifies() {
        var skipped = 0
        for a in Self.types {
            for b in Self.types where !TypeSubstitution.mayUnify(a, b) {
                skipped += 1
                for s in Self.substitutions {
                    var forwards = s, backwards = s
                    let (ab, ba) = (forwards.unify(a, b), backwards.unify(b, a))
                    #expect(!ab && !ba, "\(a) with \(b) in \(s.bindings)")
                }
            }
        }
        // The filter does skip most pairs of differing forms.
        #expect(skipped > Self.types.count * Self.types.count / 2)
    }

    /// The matched overloads of calls over many argument types are what unifying every
    /// overload gives (the filter changes how many are tried, not which match).
    @Test func resolvedOverloadsAreThoseThatUnify() {
        let env = CELEnvironment.kro().adding(variables: [
            VariableDecl(name: "i", type: .int), VariableDecl(name: "s", type: .string), VariableDecl(name: "d", type: .dyn),
            VariableDecl(name: "l", type: .list(.int)), VariableDecl(name: "m", type: .map(.string, .int)),
            VariableDecl(name: "o", type: .optional(.string)), VariableDecl(name: "f", type: .double),
        ])
        let calls = ["i + i", "s + s", "l + l", "d + i", "i < f", "s < s", "d == i", "size(s)", "size(l)", "size(m)",
                     "s.size()", "l.size()", "string(i)", "int(s)", "int(d)", "o.orValue('x')", "o.hasValue()",
                     "s.contains(s)", "i in l", "s in m", "d in l", "[i, d][0]", "m[s]", "l[i]", "-i", "!true",
                     "d.size()", "duration(s) + timestamp(s)", "i + s"]
        for text in calls {
            let parsed = CELParser().parse(text).parsed!
            let result = Checker.check(parsed, in: env)
            for (id, reference) in result.references where reference.isFunction {
                guard let call = parsed.expr.node(withID: id), case .call(let target, let function, let args) = call.kind,
                      let fn = env.resolveFunction(function) else { continue }
                let types = (target.map { [$0] } ?? []) + args
                let argTypes = types.map { result.types[$0.id] ?? .error }
                // Every overload of the right arity and style, unified without the filter.
                let unifying = fn.overloads.filter { overload in
                    guard overload.isMemberFunction == (target != nil) else { return false }
                    var s = TypeSubstitution()
                    var fresh = TypeSubstitution()
                    for (k, p) in overload.typeParams.enumerated() { fresh.bind(p, to: .typeParam("_t\(k)")) }
                    let params = overload.params.map { fresh.substitute($0, freeToDyn: false) }
                    return s.unify(argTypes, params)
                }.map(\.id)
                #expect(reference.overloadIDs == unifying, "\(text): \(function)")
            }
            if text == "i + s" { #expect(!result.issues.isEmpty) } else { #expect(result.issues.isEmpty, "\(text)") }
        }
    }
}
