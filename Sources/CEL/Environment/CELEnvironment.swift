/// What an expression may refer to: variables, functions with their overloads, type
/// names, and object types (through a `TypeProvider`). Immutable; builders return a copy.
public struct CELEnvironment: Sendable {
    /// Name resolution container (kro sets none).
    public private(set) var container: String = ""
    /// Declared variables (`variable(named:)` reads both kinds).
    private var variables: [String: VariableDecl] = [:]
    /// Variables of a nested scope (a collection's iterators, its `each`): a few names over
    /// a base that may declare thousands (one per resource), kept apart so adding them
    /// neither copies the base nor leaves a copy with every expression of the scope.
    private var scopeVariables: [String: VariableDecl] = [:]
    public private(set) var functions: [String: FunctionDecl] = [:]
    /// Identifiers that denote types (`int`, `list`, `google.protobuf.Timestamp`, …),
    /// mapped to the type they denote.
    public private(set) var typeNames: [String: CELType] = [:]
    public private(set) var typeProvider: any TypeProvider = ObjectTypeRegistry()
    /// Names of the libraries this environment was built from (`"strings"`, `"kro.hash"`…).
    public private(set) var libraries: [String] = []
    /// The first segments of the dotted variable and type names, and of the dotted
    /// function names (`math` of `math.greatest`): see `mayDeclareDottedName(under:)`.
    private var dottedIdentifierRoots: Set<Substring> = []
    private var dottedFunctionRoots: Set<Substring> = []

    /// An environment with nothing declared (not even operators).
    public init() {}

    public func adding(variables: [VariableDecl]) -> CELEnvironment {
        var copy = self
        copy.variables.reserveCapacity(copy.variables.count + variables.count)
        for v in variables {
            copy.variables[v.name] = v
            copy.scopeVariables[v.name] = nil
            if let root = dottedRoot(of: v.name) { copy.dottedIdentifierRoots.insert(root) }
        }
        return copy
    }

    /// The environment with `variables` declared in a nested scope: they shadow the
    /// declared ones of the same name and are added without copying those.
    public func adding(scopeVariables variables: [VariableDecl]) -> CELEnvironment {
        var copy = self
        for v in variables {
            copy.scopeVariables[v.name] = v
            if let root = dottedRoot(of: v.name) { copy.dottedIdentifierRoots.insert(root) }
        }
        return copy
    }

    /// The variable declared as `name`, in the nested scope first.
    public func variable(named name: String) -> VariableDecl? { scopeVariables[name] ?? variables[name] }

    /// Adds functions; overloads of an already declared name are merged (an overload id
    /// that is already present is replaced) and so are their docs.
    public func adding(functions: [FunctionDecl]) -> CELEnvironment {
        var copy = self
        for f in functions {
            if let root = dottedRoot(of: f.name) { copy.dottedFunctionRoots.insert(root) }
            guard var existing = copy.functions[f.name] else { copy.functions[f.name] = f; continue }
            // A name several libraries declare (`indexOf` on strings and lists) keeps each doc.
            if !f.doc.isEmpty, !existing.doc.contains(f.doc) {
                existing.doc = existing.doc.isEmpty ? f.doc : existing.doc + "\n\n" + f.doc
            }
            for o in f.overloads {
                if let i = existing.overloads.firstIndex(where: { $0.id == o.id }) {
                    existing.overloads[i] = o
                } else {
                    existing.overloads.append(o)
                }
            }
            copy.functions[f.name] = existing
        }
        return copy
    }

    public func adding(typeNames: [String: CELType]) -> CELEnvironment {
        var copy = self
        copy.typeNames.merge(typeNames) { _, new in new }
        for name in typeNames.keys {
            if let root = dottedRoot(of: name) { copy.dottedIdentifierRoots.insert(root) }
        }
        return copy
    }

    /// Adds object types: `provider` is asked first, then the types known so far.
    public func with(typeProvider provider: any TypeProvider) -> CELEnvironment {
        var copy = self
        copy.typeProvider = LayeredTypeProvider([provider, typeProvider])
        return copy
    }

    public func with(container: String) -> CELEnvironment {
        var copy = self
        copy.container = container
        return copy
    }

    /// Adds a library's declarations.
    public func adding(_ library: CELLibraryDeclarations) -> CELEnvironment {
        var env = adding(functions: library.functions)
            .adding(variables: library.variables)
            .adding(typeNames: library.typeNames)
        if !library.objectTypes.isEmpty {
            env = env.with(typeProvider: ObjectTypeRegistry(library.objectTypes))
        }
        env.libraries.append(library.name)
        return env
    }

    public func lookupFunction(_ name: String) -> FunctionDecl? { functions[name] }

    /// False when no variable, type name or object type can have the ASCII name `root.…`
    /// however it goes on, so a selection chain `root.a.b` is not looked up as one name.
    /// True (ask) in a container, where a name resolves against prefixes, and for a root
    /// with a `.` (`.x`, the root scope).
    public func mayDeclareDottedName(under root: String) -> Bool {
        guard container.isEmpty, dottedRoot(of: root) == nil else { return true }
        return dottedIdentifierRoots.contains(Substring(root)) || typeProvider.mayNameTypes(under: root)
    }

    /// As `mayDeclareDottedName(under:)`, for function names (`root.f(…)` calling `root.f`).
    public func mayDeclareDottedFunction(under root: String) -> Bool {
        guard container.isEmpty, dottedRoot(of: root) == nil else { return true }
        return dottedFunctionRoots.contains(Substring(root))
    }

    /// A variable, or a type name (typed `type(T)`).
    public func lookupIdentifier(_ name: String) -> VariableDecl? {
        if let v = variable(named: name) { return v }
        if let t = typeNames[name] { return VariableDecl(name: name, type: .type(t)) }
        if typeProvider.objectType(named: name) != nil { return VariableDecl(name: name, type: .type(.object(name))) }
        return nil
    }
}

/// The declarations one library contributes.
public struct CELLibraryDeclarations: Sendable {
    public var name: String
    public var functions: [FunctionDecl]
    public var variables: [VariableDecl]
    public var typeNames: [String: CELType]
    public var objectTypes: [ObjectTypeDescription]
    public init(name: String, functions: [FunctionDecl] = [], variables: [VariableDecl] = [],
                typeNames: [String: CELType] = [:], objectTypes: [ObjectTypeDescription] = []) {
        self.name = name; self.functions = functions; self.variables = variables
        self.typeNames = typeNames; self.objectTypes = objectTypes
    }
}

extension CELEnvironment {
    /// cel-spec's standard library: operators, `size`, conversions, string, regex and
    /// time functions, and the standard type names.
    public static func standard() -> CELEnvironment { standardEnvironment }

    private static let standardEnvironment = CELEnvironment().adding(.standard)

    /// Exactly the environment kro builds (cel.md §2.1): the standard library, cel-go's
    /// two-variable comprehensions, lists, strings, bindings, optional types and
    /// encoders, Kubernetes' lists, URLs, regex, quantity, IP, CIDR and semver, and
    /// kro's random, maps, JSON, hash, lists, omit and runtime libraries.
    public static func kro() -> CELEnvironment { kroEnvironment }

    private static let kroEnvironment: CELEnvironment = {
        var env = standardEnvironment
        for library in CELLibraryDeclarations.kroLibraries { env = env.adding(library) }
        return env
    }()
}

extension CELLibraryDeclarations {
    /// The libraries kro adds to the standard environment, in kro's order.
    public static let kroLibraries: [CELLibraryDeclarations] = [
        .twoVarComprehensions, .extLists, .extStrings, .bindings, .optionalTypes, .encoders,
        .kubernetesLists, .kubernetesURLs, .kubernetesRegex, .kubernetesQuantity,
        .kubernetesIP, .kubernetesCIDR, .kubernetesSemver,
        .kroRandom, .kroMaps, .kroJSON, .kroHash, .kroLists, .kroOmit, .kroRuntime,
    ]
}
