/// What an identifier or call in a checked expression refers to.
public struct Reference: Hashable, Sendable {
    /// The variable name or the resolved function name. For a qualified name written as
    /// a selection (`a.b.c` naming a declared variable or type `a.b.c`) this is that full
    /// name and the selection node should be treated as the identifier. For a qualified
    /// function call (`hash.sha256(x)`) it is the full function name and the call's
    /// target is not an operand.
    public var name: String
    /// For calls: the ids of every overload that matched statically (several when an
    /// argument is `dyn`). Empty for identifiers.
    public var overloadIDs: [String]

    public init(name: String, overloadIDs: [String] = []) { self.name = name; self.overloadIDs = overloadIDs }

    public var isFunction: Bool { !overloadIDs.isEmpty }
}

/// The outcome of type-checking one expression.
public struct CheckResult: Sendable {
    /// The type of the whole expression; nil when there are errors.
    public var type: CELType?
    /// The inferred type of every node (also when there are errors, as far as known).
    public var types: NodeTypes
    public var references: NodeReferences
    public var issues: [CELIssue]

    public init(type: CELType?, types: NodeTypes, references: NodeReferences, issues: [CELIssue]) {
        self.type = type; self.types = types; self.references = references; self.issues = issues
    }

    public init(type: CELType?, types: NodeTypes, references: [ExprID: Reference], issues: [CELIssue]) {
        self.init(type: type, types: types, references: NodeReferences(references), issues: issues)
    }

    public init(type: CELType?, types: [ExprID: CELType], references: [ExprID: Reference], issues: [CELIssue]) {
        self.init(type: type, types: NodeTypes(types), references: NodeReferences(references), issues: issues)
    }
}
