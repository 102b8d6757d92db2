/// One implementation of a function for particular runtime argument kinds.
///
/// `params` lists the kind each argument must have at runtime (`nil` accepts any value).
/// For a receiver-style overload (`isMember`), the receiver is `args[0]` and `params[0]`.
/// Arguments are always plain values: errors and unknowns never reach an implementation
/// (calls are strict). Implementations throw `EvalError` for runtime errors; any other
/// thrown error is reported with its description.
public struct Overload: Sendable {
    public var id: String
    public var params: [ValueKind?]
    public var isMember: Bool
    public var implementation: @Sendable ([Value]) throws -> Value

    public init(_ id: String, member: Bool = false, _ params: [ValueKind?],
                _ implementation: @escaping @Sendable ([Value]) throws -> Value) {
        self.id = id; self.params = params; self.isMember = member; self.implementation = implementation
    }

    func accepts(_ args: [Value], member: Bool) -> Bool {
        guard member == isMember, args.count == params.count else { return false }
        for i in params.indices {
            if let p = params[i], !args[i].hasKind(p) { return false }
        }
        return true
    }
}

/// A set of function libraries, added to a `FunctionTable`. Libraries register
/// overloads under function names; qualified names (`base64.encode`) are global names
/// containing dots.
public protocol RuntimeLibrary: Sendable {
    func register(into table: inout FunctionTable)
}

/// Functions by name, with dynamic dispatch on the runtime kinds of the arguments.
///
/// The interpreter resolves `f(a)` among the global overloads of `f`, and `x.f(a)` among
/// the member overloads of `f` (receiver first), unless `x.f` spells a registered global
/// name such as `base64.encode`. The first overload (in registration order) whose
/// parameter kinds match wins; none matching is `no such overload`.
public struct FunctionTable: Sendable {
    private var functions: [String: FunctionEntry] = [:]

    public init() {}

    /// A table with libraries added in order.
    public init(libraries: [any RuntimeLibrary]) {
        for lib in libraries { add(lib) }
    }

    /// Adds overloads to `name` (after any already registered).
    public mutating func register(_ name: String, _ overloads: [Overload]) {
        functions[name] = FunctionEntry(name: name, overloads: (functions[name]?.overloads ?? []) + overloads)
        if let dot = name.firstIndex(of: "."), overloads.contains(where: { !$0.isMember }) {
            qualifierRoots.insert(String(name[..<dot]))
        }
    }

    /// First components of qualified global names (`base64` of `base64.encode`): only a
    /// receiver rooted at one of these can spell a qualified call.
    private(set) var qualifierRoots: Set<String> = []

    /// Shorthand for a single overload.
    public mutating func register(_ name: String, id: String? = nil, member: Bool = false, _ params: [ValueKind?],
                                  _ implementation: @escaping @Sendable ([Value]) throws -> Value) {
        register(name, [Overload(id ?? name, member: member, params, implementation)])
    }

    public mutating func add(_ library: any RuntimeLibrary) { library.register(into: &self) }

    public func overloads(named name: String) -> [Overload] { functions[name]?.overloads ?? [] }

    /// The function of this name; when none has it, one without overloads (`isKnown` false).
    func entry(_ name: String) -> FunctionEntry {
        functions[name] ?? FunctionEntry(name: name, overloads: [], isKnown: false)
    }

    /// Whether a global (non-member) overload of `name` exists.
    public func hasGlobal(_ name: String) -> Bool { functions[name]?.hasGlobal ?? false }
    public var names: [String] { Array(functions.keys) }

    /// Calls `name` with `args` (receiver first when `member`).
    public func call(_ name: String, member: Bool, _ args: [Value]) throws(EvalError) -> Value {
        try Self.call(entry(name), member: member, args)
    }

    /// Calls the first overload of `function` that accepts `args`.
    static func call(_ function: FunctionEntry, member: Bool, _ args: [Value]) throws(EvalError) -> Value {
        guard function.isKnown else {
            throw EvalError("no matching overload for '\(function.name)' (unknown function)")
        }
        for o in function.overloads where o.accepts(args, member: member) {
            do { return try o.implementation(args) }
            catch let e as EvalError { throw e }
            catch { throw EvalError(String(describing: error)) }
        }
        throw EvalError.noSuchOverload(function.name, args)
    }

    /// The standard library plus the cel-go extensions kro enables (cel.md §2.1, §3):
    /// strings, lists, encoders, optional types, and the map insertion behind the
    /// two-variable `transformMap*` macros. (Bindings are a macro.)
    public static let standardLibraries: [any RuntimeLibrary] = [
        StandardLibrary(), StringsExtension(), ListsExtension(), EncodersExtension(), OptionalsLibrary(),
        TwoVariableComprehensions(),
    ]

    public static let standard = FunctionTable(libraries: standardLibraries)
}

/// One function of a table: its overloads and what the interpreter charges for a call of
/// it beyond its arguments' size. Made once per name when the table is, and shared by the
/// plans of every program's calls of it (`CallPlan`); a name no function has gets one of
/// its own, not known.
final class FunctionEntry: Sendable {
    let name: String
    let overloads: [Overload]
    let isKnown: Bool
    let hasGlobal: Bool
    let readsArgumentsDeeply: Bool
    let chargesRegex: Bool
    let chargesResultBeforehand: Bool

    init(name: String, overloads: [Overload], isKnown: Bool = true) {
        self.name = name
        self.overloads = overloads
        self.isKnown = isKnown
        self.hasGlobal = overloads.contains { !$0.isMember }
        self.readsArgumentsDeeply = Interpreter.readsArgumentsDeeply.contains(name)
        self.chargesRegex = Interpreter.regexFunctions.contains(name)
        self.chargesResultBeforehand = Interpreter.resultCostFunctions.contains(name)
    }
}
