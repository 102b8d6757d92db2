/// How one call node runs, decided once when its program is made (cel-go's planner
/// resolves functions the same way): which built-in form it is, the overloads its name
/// has, and which charges beyond its arguments' size it takes. Evaluating the call then
/// needs no lookup of the name in the function table and no comparison of it with each
/// operator: a rule that runs a million iterations made those lookups a tenth of its time.
final class CallPlan: Sendable {
    /// The calls the interpreter runs itself rather than through an overload.
    enum Form: Sendable {
        case logicalAnd, logicalOr, conditional, notStrictlyFalse, optionalSelect
        case index, optionalIndex, matches
        case overloaded
    }

    let form: Form
    let name: String
    /// Receiver-style: the target is the first argument.
    let member: Bool
    /// Nil when no function has the name.
    let overloads: [Overload]?
    let readsArgumentsDeeply: Bool
    let chargesRegex: Bool
    let chargesResultBeforehand: Bool
    /// `base64.encode(x)`: the target spells a qualified global function, which is
    /// called instead unless the target's root (`root`) is a local variable.
    let qualified: (root: String, plan: CallPlan)?

    private init(name: String, member: Bool, argumentCount: Int, functions: FunctionTable,
                 qualified: (root: String, plan: CallPlan)?) {
        self.name = name
        self.member = member
        self.overloads = functions.overloads(ofExisting: name)
        self.readsArgumentsDeeply = Interpreter.readsArgumentsDeeply.contains(name)
        self.chargesRegex = Interpreter.regexFunctions.contains(name)
        self.chargesResultBeforehand = Interpreter.resultCostFunctions.contains(name)
        self.qualified = qualified
        self.form = Self.form(name, member: member, argumentCount: argumentCount)
    }

    /// The plan of a call `target.function(args)` (no target: `function(args)`).
    convenience init(target: Expr?, function: String, args: [Expr], functions: FunctionTable) {
        var qualified: (root: String, plan: CallPlan)?
        if let target, let (root, name) = Self.qualifiedName(target), functions.qualifierRoots.contains(root),
           functions.hasGlobal(name + "." + function) {
            qualified = (root, CallPlan(name: name + "." + function, member: false, argumentCount: args.count,
                                        functions: functions, qualified: nil))
        }
        self.init(name: function, member: target != nil, argumentCount: args.count + (target == nil ? 0 : 1),
                  functions: functions, qualified: qualified)
    }

    private static func form(_ name: String, member: Bool, argumentCount: Int) -> Form {
        switch (name, member, argumentCount) {
        case (Operator.logicalAnd, false, 2): .logicalAnd
        case (Operator.logicalOr, false, 2): .logicalOr
        case (Operator.conditional, false, 3): .conditional
        case (Operator.notStrictlyFalse, false, 1): .notStrictlyFalse
        case (Operator.optionalSelect, false, 2): .optionalSelect
        case (Operator.index, false, 2): .index
        case (Operator.optionalIndex, false, 2): .optionalIndex
        case ("matches", _, 2): .matches
        default: .overloaded
        }
    }

    /// The root identifier and dotted name of a select chain of identifiers (`a.b.c`).
    private static func qualifiedName(_ e: Expr) -> (root: String, name: String)? {
        switch e.kind {
        case .ident(let name):
            return (name, name)
        case .select(let operand, let field, let testOnly):
            guard !testOnly, let base = qualifiedName(operand) else { return nil }
            return (base.root, base.name + "." + field)
        default:
            return nil
        }
    }
}

/// The plans of a program's call nodes, by expression id (a parser numbers its nodes
/// from 1, so an array holds them). A tree whose ids do not tell its calls apart (a tree
/// built by hand may number every node 0) keeps no plans: its calls are planned as they run.
struct CallPlans: Sendable {
    private var plans: [CallPlan?] = []
    private var discarded = false

    /// Ids above this are not kept (a tree built by hand may number its nodes sparsely):
    /// their calls are planned as they run.
    static let maxID: ExprID = 1 << 20

    mutating func add(_ plan: CallPlan, for id: ExprID) {
        guard !discarded, id >= 0, id <= Self.maxID else { return }
        if Int(id) >= plans.count { plans.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - plans.count)) }
        guard plans[Int(id)] == nil else { return discard() }
        plans[Int(id)] = plan
    }

    /// Keeps no plans: two calls share an id, or some calls were not planned (one of
    /// them could share an id with a planned call).
    mutating func discard() {
        plans = []
        discarded = true
    }

    subscript(id: ExprID) -> CallPlan? {
        id >= 0 && id < plans.count ? plans[Int(id)] : nil
    }
}
