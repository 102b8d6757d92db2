/// How one call node runs, decided once when its program is made (cel-go's planner
/// resolves functions the same way): which built-in form it is, the function its name
/// denotes (its overloads and charges, shared by every call of it), and a qualified name
/// its target may spell. Evaluating the call then needs no lookup of the name in the
/// function table and no comparison of it with each operator: a rule that runs a million
/// iterations made those lookups a third of its time.
struct CallPlan: Sendable {
    /// The calls the interpreter runs itself rather than through an overload.
    enum Form: Sendable {
        case logicalAnd, logicalOr, conditional, notStrictlyFalse, optionalSelect
        case index, optionalIndex, matches
        case overloaded
    }

    let form: Form
    /// Receiver-style: the target is the first argument.
    let member: Bool
    let function: FunctionEntry
    /// `base64.encode(x)`: the target spells a qualified global function, which is
    /// called instead unless the target's root is a local variable.
    let qualified: QualifiedCall?

    private init(name: String, member: Bool, argumentCount: Int, functions: FunctionTable, qualified: QualifiedCall?) {
        self.member = member
        self.function = functions.entry(name)
        self.qualified = qualified
        self.form = Self.form(name, member: member, argumentCount: argumentCount)
    }

    /// The plan of a call `target.function(args)` (no target: `function(args)`).
    init(target: Expr?, function: String, args: [Expr], functions: FunctionTable) {
        var qualified: QualifiedCall?
        // The root first: building the dotted name of every receiver cost more than the rest.
        if let target, let root = Self.root(target), functions.qualifierRoots.contains(root),
           let name = Self.dottedName(target), functions.hasGlobal(name + "." + function) {
            qualified = QualifiedCall(root: root, plan: CallPlan(name: name + "." + function, member: false,
                                                                 argumentCount: args.count, functions: functions,
                                                                 qualified: nil))
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

    /// The identifier a select chain starts from (`a` of `a.b.c`).
    private static func root(_ e: Expr) -> String? {
        var root = e
        while case .select(let operand, _, _) = root.kind { root = operand }
        guard case .ident(let name) = root.kind else { return nil }
        return name
    }

    /// The dotted name of a select chain of identifiers (`a.b.c`).
    private static func dottedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let name):
            return name
        case .select(let operand, let field, let testOnly):
            guard !testOnly, let base = dottedName(operand) else { return nil }
            return base + "." + field
        default:
            return nil
        }
    }
}

/// The qualified function a call's target spells, and the target's root identifier.
final class QualifiedCall: Sendable {
    let root: String
    let plan: CallPlan
    init(root: String, plan: CallPlan) { self.root = root; self.plan = plan }
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
        if Int(id) >= plans.count {
            plans.reserveCapacity(max(Int(id) + 1, 2 * plans.count))
            while plans.count <= Int(id) { plans.append(nil) }
        }
        guard plans[Int(id)] == nil else { return discard() }
        plans[Int(id)] = plan
    }

    /// Makes room for the plans of ids up to `id`.
    mutating func reserve(upTo id: ExprID) {
        if id >= 0, id <= Self.maxID { plans.reserveCapacity(Int(id) + 1) }
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
