import Testing
import CEL

@Suite struct EnvironmentTests {
    @Test func standardDeclaresOperatorsConversionsAndTypeNames() {
        let env = CELEnvironment.standard()
        for name in ["_+_", "_[_]", "@in", "_?_:_", "size", "int", "dyn", "type", "matches", "getFullYear", "duration", "timestamp"] {
            #expect(env.lookupFunction(name) != nil, "\(name)")
        }
        #expect(env.lookupFunction("_+_")?.overloads.map(\.id).contains("add_int64") == true)
        #expect(env.lookupFunction("_<_")?.overloads.map(\.id).contains("less_int64_double") == true)
        #expect(env.lookupFunction("getHours")?.overloads.map(\.id).sorted()
                == ["duration_to_hours", "timestamp_to_hours", "timestamp_to_hours_with_tz"])
        #expect(env.lookupIdentifier("int")?.type == .type(.int))
        #expect(env.lookupIdentifier("google.protobuf.Timestamp")?.type == .type(.timestamp))
        // Extensions are not part of the standard library.
        #expect(env.lookupFunction("charAt") == nil)
        #expect(env.lookupFunction("optional.of") == nil)
        #expect(env.lookupIdentifier("optional_type") == nil)
    }

    /// Scope variables (a collection's iterators) shadow declared ones of the same name, are
    /// found by the checker, and a later declaration of the name replaces them.
    @Test func scopeVariablesShadowDeclaredOnes() throws {
        let base = CELEnvironment.standard().adding(variables: [VariableDecl(name: "a", type: .int),
                                                                 VariableDecl(name: "b", type: .string)])
        let scoped = base.adding(scopeVariables: [VariableDecl(name: "a", type: .bool), VariableDecl(name: "i", type: .int)])
        #expect(scoped.variable(named: "a")?.type == .bool)
        #expect(scoped.variable(named: "b")?.type == .string)
        #expect(scoped.lookupIdentifier("i")?.type == .int)
        #expect(base.variable(named: "i") == nil && base.variable(named: "a")?.type == .int)
        #expect(scoped.adding(variables: [VariableDecl(name: "a", type: .double)]).variable(named: "a")?.type == .double)
        let checked = Checker.check(try #require(CELParser().parse("a && i > 0").parsed), in: scoped)
        #expect(checked.issues.isEmpty && checked.type == .bool)
    }

    @Test func kroDeclaresExactlyItsLibraries() {
        let env = CELEnvironment.kro()
        #expect(env.libraries == ["standard", "two-var-comprehensions", "lists", "strings", "bindings", "optional",
                                  "encoders", "kubernetes.lists", "kubernetes.urls", "kubernetes.regex",
                                  "kubernetes.quantity", "kubernetes.ip", "kubernetes.cidr", "kubernetes.semver",
                                  "kro.random", "kro.maps", "kro.json", "kro.hash", "kro.lists", "kro.omit", "kro.runtime"])
        for name in ["charAt", "format", "strings.quote", "slice", "lists.range", "sort", "optional.of", "base64.encode",
                     "cel.@mapInsert", "isSorted", "url", "find", "quantity", "sign", "ip", "ip.isCanonical", "cidr",
                     "semver", "hash.fnv64a", "json.unmarshal", "random.seededString", "merge", "deepMerge",
                     "lists.setAtIndex", "omit", "newCondition", "condition"] {
            #expect(env.lookupFunction(name) != nil, "\(name)")
        }
        for name in ["math.greatest", "math.ceil", "sets.contains", "regex.replace", "regex.extract", "includes"] {
            #expect(env.lookupFunction(name) == nil, "\(name)")
        }
        #expect(env.lookupIdentifier("runtime")?.type == .kroRuntime)
        #expect(env.typeProvider.objectType(named: "kro.run.Condition")?.fields.keys.sorted() == ["message", "reason", "status", "type"])
    }

    @Test func overloadsOfOneNameFromSeveralLibrariesMerge() {
        let env = CELEnvironment.kro()
        let ids = env.lookupFunction("isGreaterThan")?.overloads.map(\.id) ?? []
        #expect(ids.contains("quantity_is_greater_than") && ids.contains("semver_is_greater_than"))
        let strings = env.lookupFunction("string")?.overloads.map(\.id) ?? []
        #expect(strings.contains("int64_to_string") && strings.contains("ip_to_string") && strings.contains("cidr_to_string"))
        let ip = env.lookupFunction("ip")?.overloads ?? []
        #expect(ip.map(\.isMemberFunction).sorted { !$0 && $1 } == [false, true])
    }

    @Test func enginesAddVariablesAndObjectTypes() {
        let types = ObjectTypeRegistry([ObjectTypeDescription(name: "__type_x", fields: ["a": .int])])
        let env = CELEnvironment.kro()
            .adding(variables: [VariableDecl(name: "x", type: .object("__type_x"))])
            .with(typeProvider: types)
        #expect(env.lookupIdentifier("x")?.type == .object("__type_x"))
        #expect(env.typeProvider.objectType(named: "__type_x")?.fields["a"] == .int)
        // The built-in Condition type stays reachable beneath the added provider.
        #expect(env.typeProvider.objectType(named: "kro.run.Condition") != nil)
        // The original environment is unchanged.
        #expect(CELEnvironment.kro().lookupIdentifier("x") == nil)
    }

    @Test func addingAnOverloadWithAnExistingIdReplacesIt() {
        let env = CELEnvironment()
            .adding(functions: [FunctionDecl("f", .global("f_int", [.int], .int))])
            .adding(functions: [FunctionDecl("f", .global("f_int", [.int], .string), .global("f_string", [.string], .string))])
        #expect(env.lookupFunction("f")?.overloads.map(\.id) == ["f_int", "f_string"])
        #expect(env.lookupFunction("f")?.overloads.first?.result == .string)
    }

    @Test func overloadTypeParametersAreCollected() {
        let o = OverloadDecl.member("m", [.map(.typeParam("K"), .typeParam("V")), .list(.typeParam("K"))], .typeParam("V"))
        #expect(o.typeParams == ["K", "V"])
        #expect(o.isMemberFunction)
    }
}

@Suite struct EnvironmentMemberTests {
    @Test func memberOverloadsForAReceiverType() {
        let env = CELEnvironment.kro()
        let onString = Set(env.memberOverloads(for: .string).map(\.name))
        #expect(onString.isSuperset(of: ["charAt", "contains", "find", "split", "size", "matches", "format"]))
        #expect(!onString.contains("getHost") && !onString.contains("slice"))
        let onQuantity = Set(env.memberOverloads(for: .kubernetesQuantity).map(\.name))
        // `deepMerge` takes a dyn receiver, so it applies to everything.
        #expect(onQuantity == ["add", "asApproximateFloat", "asInteger", "compareTo", "deepMerge", "isGreaterThan", "isInteger", "isLessThan", "sub"])
        let onList = Set(env.memberOverloads(for: .list(.int)).map(\.name))
        #expect(onList.isSuperset(of: ["slice", "sort", "sum", "isSorted", "indexOf", "first", "size", "distinct"]))
        #expect(!onList.contains("join"))
    }
}
