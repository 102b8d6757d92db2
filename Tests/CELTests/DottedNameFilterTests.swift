import Testing
@testable import CEL

/// The checker skips looking up a selection chain `root.a.b` as one declared name when the
/// environment says no dotted name starts with `root` (`mayDeclareDottedName(under:)`).
/// The filter must never hide a name `resolveIdentifier`/`resolveFunction` would find.
@Suite struct DottedNameFilterTests {
    static let types = ObjectTypeRegistry([
        ObjectTypeDescription(name: "acme.v1.Widget", fields: ["size": .int]),
        ObjectTypeDescription(name: "Plain", fields: [:]),
    ])

    static func environment(container: String = "") -> CELEnvironment {
        CELEnvironment.kro()
            .adding(variables: [VariableDecl(name: "a.b", type: .map(.string, .int)), VariableDecl(name: "a.b.c", type: .string),
                                VariableDecl(name: "x", type: .map(.string, .dyn))])
            .adding(typeNames: ["shapes.Circle": .object("shapes.Circle")])
            .with(typeProvider: Self.types)
            .with(container: container)
    }

    @Test func rootsOfDottedDeclarationsAreKept() {
        let env = Self.environment()
        for root in ["a", "google", "shapes", "acme"] { #expect(env.mayDeclareDottedName(under: root), "\(root)") }
        for root in ["x", "schema", "Plain", "b", "c", "ab"] { #expect(!env.mayDeclareDottedName(under: root), "\(root)") }
        #expect(env.mayDeclareDottedFunction(under: "base64") && env.mayDeclareDottedFunction(under: "hash"))
        #expect(!env.mayDeclareDottedFunction(under: "x"))
        // In a container, or from the root scope, every name is asked.
        #expect(Self.environment(container: "com.example").mayDeclareDottedName(under: "x"))
        #expect(env.mayDeclareDottedName(under: ".x"))
        var registry = ObjectTypeRegistry()
        #expect(!registry.mayNameTypes(under: "p"))
        registry.types["p.Q"] = ObjectTypeDescription(name: "p.Q", fields: [:])
        #expect(registry.mayNameTypes(under: "p"))
    }

    /// Every chain over a small vocabulary that resolves as one name (identifier or
    /// function) passes the filter for its root.
    @Test func theFilterNeverHidesAResolvableName() {
        let segments = ["a", "b", "c", "x", "google", "protobuf", "Timestamp", "shapes", "Circle", "acme", "v1", "Widget",
                        "base64", "encode", "hash", "sha256", "optional", "of", "Plain", "math"]
        var resolved = 0
        for container in ["", "com.example"] {
            let env = Self.environment(container: container)
            for a in segments {
                for b in segments {
                    for c in [nil] + segments.map(Optional.some) {
                        let name = [a, b] + (c.map { [$0] } ?? [])
                        let joined = name.joined(separator: ".")
                        if env.resolveIdentifier(joined) != nil {
                            resolved += 1
                            #expect(env.mayDeclareDottedName(under: a), "\(joined)")
                        }
                        if env.resolveFunction(joined) != nil {
                            resolved += 1
                            #expect(env.mayDeclareDottedFunction(under: a), "\(joined)")
                        }
                    }
                }
            }
        }
        #expect(resolved >= 10)
    }

    /// A provider that knows no type but cannot rule any out: with it every selection is
    /// looked up as a dotted name, as before the filter.
    struct AskEverything: TypeProvider {
        func objectType(named name: String) -> ObjectTypeDescription? { nil }
    }

    /// Chains of two to five selections check the same with the filter (and its skip of a
    /// rejected chain's inner selections) as when every selection is looked up.
    @Test func chainsCheckAsWhenEveryPrefixIsLookedUp() {
        let roots = ["a", "x", "acme", "google", "shapes", "Plain", "b"]
        let fields = ["b", "c", "v1", "Widget", "protobuf", "Timestamp", "Circle", "size", "d"]
        let filtered = Self.environment()
        let unfiltered = filtered.with(typeProvider: AskEverything())
        #expect(unfiltered.mayDeclareDottedName(under: "x") && !filtered.mayDeclareDottedName(under: "x"))
        var checked = 0
        for root in roots {
            for length in 2...5 {
                for offset in fields.indices {
                    let chain = [root] + (0..<(length - 1)).map { fields[(offset + $0 * 3) % fields.count] }
                    let text = chain.joined(separator: ".")
                    let parsed = CELParser().parse(text).parsed!
                    let (p, q) = (Checker.check(parsed, in: filtered), Checker.check(parsed, in: unfiltered))
                    #expect(p.types == q.types && p.references == q.references && p.issues == q.issues, "\(text)")
                    checked += 1
                }
            }
        }
        #expect(checked == roots.count * 4 * fields.count)
        // Where the whole chain names nothing, its prefix still may: `a.b` (a map) in `a.b.z.y`.
        let b = SpannedASTBuilder("a.b.z.y")
        let ab = b.select(b.ident("a"), "b")
        let abz = b.select(ab, "z")
        let result = Checker.check(b.parsed(b.select(abz, "y")), in: filtered)
        #expect(result.references[ab.id] == Reference(name: "a.b"))
        #expect(result.types[abz.id] == .int)
        #expect(result.issues.map(\.message) == ["type 'int' does not support field selection"])
    }

    /// Dotted declarations without a container still win over field selection.
    @Test func dottedNamesResolveWithoutAContainer() {
        let env = Self.environment()
        let b = SpannedASTBuilder("a.b.c")
        let abc = b.select(b.select(b.ident("a"), "b"), "c")
        let result = Checker.check(b.parsed(abc), in: env)
        #expect(result.type == .string)
        #expect(result.references[abc.id] == Reference(name: "a.b.c"))
        let w = SpannedASTBuilder("acme.v1.Widget")
        let widget = w.select(w.select(w.ident("acme"), "v1"), "Widget")
        #expect(Checker.check(w.parsed(widget), in: env).type == .type(.object("acme.v1.Widget")))
        let f = SpannedASTBuilder("x.y.z")
        let xyz = f.select(f.select(f.ident("x"), "y"), "z")
        let fields = Checker.check(f.parsed(xyz), in: env)
        #expect(fields.issues.isEmpty)
        #expect(fields.type == .dyn)
    }
}
