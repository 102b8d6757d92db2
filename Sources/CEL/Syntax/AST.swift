/// The CEL abstract syntax tree, shared by the parser, the checker, the interpreter and
/// kro's reference analysis. Shaped like cel-go's: operators are calls with cel-go's
/// function names (`_+_`, `_&&_`, `!_`, `-_`, `_?_:_`, `_[_]`, `@in`, `_==_`, optional
/// `_?._` and `_[?_]`), and macros are expanded into comprehensions at parse time.

/// Unique id of a node within one parsed expression (cel-go numbering starts at 1).
public typealias ExprID = Int64

/// A half-open range of UTF-8 byte offsets into the expression text.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public init(_ range: Range<Int>) { self.start = range.lowerBound; self.end = range.upperBound }
    public var range: Range<Int> { start..<end }
    public var isEmpty: Bool { start == end }
    public var description: String { "\(start)..<\(end)" }
}

public enum Literal: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
}

public struct MapEntry: Hashable, Sendable {
    public var id: ExprID
    public var key: Expr
    public var value: Expr
    /// `{?key: value}`: the entry is present only when `value` (an optional) has a value.
    public var isOptional: Bool
    public init(id: ExprID, key: Expr, value: Expr, isOptional: Bool = false) {
        self.id = id; self.key = key; self.value = value; self.isOptional = isOptional
    }
}

public struct StructField: Hashable, Sendable {
    public var id: ExprID
    public var name: String
    public var value: Expr
    public var isOptional: Bool
    public init(id: ExprID, name: String, value: Expr, isOptional: Bool = false) {
        self.id = id; self.name = name; self.value = value; self.isOptional = isOptional
    }
}

/// A fold, as cel-go defines it: the target of every iterating macro.
public struct Comprehension: Hashable, Sendable {
    public var iterVar: String
    /// The second variable of two-variable comprehensions (`all(k, v, p)`), else nil.
    public var iterVar2: String?
    public var iterRange: Expr
    public var accuVar: String
    public var accuInit: Expr
    public var loopCondition: Expr
    public var loopStep: Expr
    public var result: Expr
    public init(iterVar: String, iterVar2: String? = nil, iterRange: Expr, accuVar: String,
                accuInit: Expr, loopCondition: Expr, loopStep: Expr, result: Expr) {
        self.iterVar = iterVar; self.iterVar2 = iterVar2; self.iterRange = iterRange
        self.accuVar = accuVar; self.accuInit = accuInit; self.loopCondition = loopCondition
        self.loopStep = loopStep; self.result = result
    }
}

public indirect enum ExprKind: Hashable, Sendable {
    case literal(Literal)
    case ident(String)
    /// `operand.field`; `testOnly` for `has(operand.field)`.
    case select(operand: Expr, field: String, testOnly: Bool)
    /// `function(args)` or `target.function(args)`.
    case call(target: Expr?, function: String, args: [Expr])
    /// `[a, ?b]`: `optionalIndices` lists the positions written with `?`.
    case list(elements: [Expr], optionalIndices: [Int])
    case map(entries: [MapEntry])
    /// `Msg{field: value}` (message construction syntax).
    case structure(typeName: String, fields: [StructField])
    case comprehension(Comprehension)
}

public struct Expr: Hashable, Sendable {
    public var id: ExprID
    public var kind: ExprKind
    /// The whole source range of this node (for a macro: of the macro call).
    public var span: SourceSpan {
        get { SourceSpan(start: Int(spanStart), end: Int(spanEnd)) }
        set { (spanStart, spanEnd) = (Self.offset(newValue.start), Self.offset(newValue.end)) }
    }
    /// The offset cel-go reports for this node: the operator token of an operator call,
    /// the `.` of a selection, the `(` of a call, the `[` of an index or list, the first
    /// character of an identifier or literal.
    public var position: Int {
        get { Int(storedPosition) }
        set { storedPosition = Self.offset(newValue) }
    }
    /// For selections and member calls, the range of the field or function name, so that
    /// "undefined field" and overload errors can point at the name itself.
    public var nameSpan: SourceSpan? {
        get { nameStart == Self.noName ? nil : SourceSpan(start: Int(nameStart), end: Int(nameEnd)) }
        set {
            guard let newValue else { (nameStart, nameEnd) = (Self.noName, 0); return }
            (nameStart, nameEnd) = (Self.offset(newValue.start), Self.offset(newValue.end))
        }
    }

    // Every node of every kept tree is an `Expr` (inline in its parent's case box), so its
    // offsets are stored as `Int32`: 40 bytes a node instead of 64. Offsets are into one
    // expression's text, far below 2 GiB (a kro document is at most 64 MiB); larger ones
    // are clamped. `nameStart == noName`: no name span.
    private var spanStart: Int32
    private var spanEnd: Int32
    private var storedPosition: Int32
    private var nameStart: Int32
    private var nameEnd: Int32
    private static let noName = Int32.min

    private static func offset(_ value: Int) -> Int32 { Int32(clamping: value) }

    public init(id: ExprID, kind: ExprKind, span: SourceSpan, position: Int? = nil, nameSpan: SourceSpan? = nil) {
        self.id = id; self.kind = kind
        (spanStart, spanEnd) = (Self.offset(span.start), Self.offset(span.end))
        storedPosition = Self.offset(position ?? span.start)
        (nameStart, nameEnd) = (Self.noName, 0)
        self.nameSpan = nameSpan
    }
}

/// The result of parsing: the (macro-expanded) tree and what it was expanded from.
public struct ParsedExpr: Sendable {
    public var expr: Expr
    /// The source text that was parsed.
    public var source: String
    /// For each node produced by a macro expansion, the original call as written
    /// (cel-go's `macro_calls`), so tools can show and walk what the author wrote.
    public var macroCalls: [ExprID: Expr]
    public init(expr: Expr, source: String, macroCalls: [ExprID: Expr] = [:]) {
        self.expr = expr; self.source = source; self.macroCalls = macroCalls
    }
}

/// Function names of operators, as cel-go spells them.
public enum Operator {
    public static let conditional = "_?_:_"
    public static let logicalAnd = "_&&_"
    public static let logicalOr = "_||_"
    public static let logicalNot = "!_"
    public static let equals = "_==_"
    public static let notEquals = "_!=_"
    public static let less = "_<_"
    public static let lessEquals = "_<=_"
    public static let greater = "_>_"
    public static let greaterEquals = "_>=_"
    public static let add = "_+_"
    public static let subtract = "_-_"
    public static let multiply = "_*_"
    public static let divide = "_/_"
    public static let modulo = "_%_"
    public static let negate = "-_"
    public static let index = "_[_]"
    public static let optionalIndex = "_[?_]"
    public static let optionalSelect = "_?._"
    public static let `in` = "@in"
    /// Internal helper of the `exists_one`/comprehension expansions: logical not that
    /// is strict about errors (`@not_strictly_false`).
    public static let notStrictlyFalse = "@not_strictly_false"
}
