/// The CEL type checker, modelled on cel-go's: infers the type of every node, resolves
/// identifiers and overloads, and reports errors with cel-go's texts at the smallest
/// offending piece of source (operator token, field name, identifier).
public struct Checker {
    /// Nesting deeper than this is reported instead of checked (guards the stack).
    public static let maxDepth = 250

    public static func check(_ parsed: ParsedExpr, in env: CELEnvironment) -> CheckResult {
        let run = CheckRun(env: env, source: parsed.source, macroCalls: parsed.macroCalls)
        run.check(parsed.expr)
        return run.result(root: parsed.expr)
    }
}

/// The state of one check. Local to a single `Checker.check` call.
///
/// Its stored properties are `@exclusivity(unchecked)`: the run never leaves the call that
/// made it (one thread, no escaping references), and the runtime's access tracking on
/// every read and write of a class property (`swift_beginAccess`, a thread-local access
/// set) was about a tenth of a check's instructions.
final class CheckRun {
    let env: CELEnvironment
    let source: [UInt8]
    @exclusivity(unchecked) var substitution = TypeSubstitution()
    @exclusivity(unchecked) var types = NodeTypes()
    @exclusivity(unchecked) var references = NodeReferences.Builder()
    @exclusivity(unchecked) var issues: [CELIssue] = []
    /// Comprehension scopes, innermost last.
    @exclusivity(unchecked) var scopes: [[String: CELType]] = []
    @exclusivity(unchecked) var freshCounter = 0
    @exclusivity(unchecked) var depth = 0
    /// Spans of the nodes being checked, to place errors on synthesized macro nodes.
    @exclusivity(unchecked) var spanStack: [SourceSpan] = []
    /// Literal format strings to validate once all types are known.
    @exclusivity(unchecked) var formatCalls: [FormatCall] = []

    /// The calls macros were expanded from, and the names of those being checked
    /// (errors in macro-generated operators point at the macro's name).
    let macroCalls: [ExprID: Expr]
    @exclusivity(unchecked) var macroNameSpans: [SourceSpan] = []
    /// A selection known to name no declaration (the operand of one `mayNameDeclaration` rejected).
    @exclusivity(unchecked) var plainSelection: ExprID?

    init(env: CELEnvironment, source: String, macroCalls: [ExprID: Expr] = [:]) {
        self.env = env
        self.source = Array(source.utf8)
        self.macroCalls = macroCalls
    }

    func result(root: Expr) -> CheckResult {
        let final = types.mapTypes { substitution.substitute($0, freeToDyn: true) }
        // Like cel-go's AST validators, only on an expression that type-checked.
        if issues.isEmpty { validateFormatCalls(types: final) }
        let rootType = final[root.id]
        return CheckResult(type: issues.isEmpty ? rootType : nil, types: final, references: references.build(), issues: issues)
    }

    // MARK: - Walking

    func check(_ e: Expr) {
        depth += 1
        spanStack.append(e.span)
        let macro = macroCalls[e.id]
        if let macro { macroNameSpans.append(macro.nameSpan ?? macro.span) }
        defer {
            depth -= 1
            spanStack.removeLast()
            if macro != nil { macroNameSpans.removeLast() }
        }
        guard depth <= Checker.maxDepth else {
            if depth == Checker.maxDepth + 1 {
                report("expression nests too deeply (more than \(Checker.maxDepth) levels)", at: span(of: e))
            }
            setType(e, .error)
            return
        }
        switch e.kind {
        case .literal(let literal): setType(e, literal.type)
        case .ident(let name): checkIdent(e, name)
        case .select(let operand, let field, let testOnly): checkSelect(e, operand, field, testOnly)
        case .call(let target, let function, let args): checkCall(e, target, function, args)
        case .list(let elements, let optionalIndices): checkList(e, elements, Set(optionalIndices))
        case .map(let entries): checkMap(e, entries)
        case .structure(let typeName, let fields): checkStructure(e, typeName, fields)
        case .comprehension(let comprehension): checkComprehension(e, comprehension)
        }
    }

    func checkIdent(_ e: Expr, _ name: String) {
        if !name.hasPrefix("."), let local = lookupLocal(name) {
            setType(e, local)
            references.add(e.id, Reference(name: name))
            return
        }
        if let decl = env.resolveIdentifier(name) {
            setType(e, decl.type)
            references.add(e.id, Reference(name: decl.name))
            return
        }
        setType(e, .error)
        report(undeclared(name), at: span(of: e))
    }

    func checkSelect(_ e: Expr, _ operand: Expr, _ field: String, _ testOnly: Bool) {
        // A dotted name may itself be a declared variable or type (`a.b.c`).
        let mayName = !testOnly && plainSelection != e.id && mayNameDeclaration(e)
        if mayName, let qualified = qualifiedName(e), lookupLocal(rootName(qualified)) == nil,
           let decl = env.resolveIdentifier(qualified) {
            setType(e, decl.type)
            references.add(e.id, Reference(name: decl.name))
            return
        }
        // A chain no declaration can be named after has no prefix that can (same root, fewer
        // fields): its operand is not asked again.
        if !testOnly && !mayName { plainSelection = operand.id }
        check(operand)
        let resultType = selectField(e, operandType: type(of: operand), field: field, optional: false)
        setType(e, testOnly ? .bool : resultType)
    }

    /// The type of `field` selected from a value of `operandType` (cel-go's
    /// `checkSelectField`): map values, declared object fields, `dyn` otherwise.
    func selectField(_ e: Expr, operandType: CELType, field: String, optional: Bool) -> CELType {
        let operandType = substitution.substitute(operandType, freeToDyn: false)
        var target = operandType
        var wasOptional = false
        if case .optional(let inner) = operandType { target = inner; wasOptional = true }
        var result = CELType.error
        switch target {
        case .map(_, let value):
            result = value
        case .object(let name):
            result = fieldType(e, objectName: name, field: field) ?? .error
        case .typeParam:
            _ = isAssignable(.dyn, target)
            result = .dyn
        default:
            if !target.isDynOrError {
                report("type '\(describe(target))' does not support field selection", at: nameSpan(of: e))
            }
            result = .dyn
        }
        return (wasOptional || optional) ? .optional(result) : result
    }

    /// The declared type of a field, or nil after reporting it undefined.
    func fieldType(_ e: Expr, objectName: String, field: String) -> CELType? {
        let provider = env.typeProvider
        guard let declared = provider.fieldType(field, ofObjectNamed: objectName) else {
            report("unexpected failed resolution of '\(objectName)'", at: nameSpan(of: e))
            return nil
        }
        if let t = declared { return t }
        // Property names that are CEL reserved words are stored escaped (cel.md §6).
        if CELReservedWords.all.contains(field), let t = provider.fieldType("__\(field)__", ofObjectNamed: objectName) ?? nil {
            return t
        }
        // Not declared: the whole description says whether any field goes, or what was meant.
        guard let description = provider.objectType(named: objectName) else { return nil }
        if description.allowsUnknownFields { return .dyn }
        var message = "undefined field '\(field)'"
        let suggestion = DidYouMean.closest(to: field, among: description.fields.keys)
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        report(message, at: nameSpan(of: e), suggestion: suggestion)
        return nil
    }

    func checkList(_ e: Expr, _ elements: [Expr], _ optionalIndices: Set<Int>) {
        var elementType: CELType?
        for (i, element) in elements.enumerated() {
            check(element)
            var t = type(of: element)
            if optionalIndices.contains(i) { t = unwrapOptionalEntry(element, t) }
            elementType = join(element, elementType, t)
        }
        setType(e, .list(elementType ?? freshTypeVariable()))
    }

    /// `identifierKeys`: bare identifier keys name themselves (kro's
    /// `runtime.newCondition({type: …})`), so they are strings, not references.
    func checkMap(_ e: Expr, _ entries: [MapEntry], identifierKeys: Bool = false) {
        var keyType: CELType?
        var valueType: CELType?
        for entry in entries {
            if identifierKeys, case .ident = entry.key.kind {
                setType(entry.key, .string)
            } else {
                check(entry.key)
            }
            keyType = join(entry.key, keyType, type(of: entry.key))
            check(entry.value)
            var t = type(of: entry.value)
            if entry.isOptional { t = unwrapOptionalEntry(entry.value, t) }
            valueType = join(entry.value, valueType, t)
        }
        if let keyType, let valueType {
            setType(e, .map(keyType, valueType))
        } else {
            setType(e, .map(freshTypeVariable(), freshTypeVariable()))
        }
    }

    /// `[?x]` and `{?k: x}` need an optional (or `dyn`) `x`; the entry has its value type.
    func unwrapOptionalEntry(_ e: Expr, _ t: CELType) -> CELType {
        let t = substitution.substitute(t, freeToDyn: false)
        if case .optional(let inner) = t { return inner }
        if t != .dyn {
            report(typeMismatch(expected: .optional(t), found: t), at: span(of: e))
        }
        return t
    }

    /// The element type of an aggregate literal so far, joined with the next one:
    /// the more general when they unify, else `dyn` (heterogeneous literals are allowed).
    func join(_ e: Expr, _ previous: CELType?, _ current: CELType) -> CELType {
        guard let previous else { return current }
        if isAssignable(previous, current) { return CELType.mostGeneral(previous, current) }
        return .dyn
    }

    func checkStructure(_ e: Expr, _ typeName: String, _ fields: [StructField]) {
        for field in fields { check(field.value) }
        guard let decl = env.resolveIdentifier(typeName) else {
            report(undeclared(typeName), at: span(of: e))
            setType(e, .error)
            return
        }
        guard case .type(let t) = decl.type, case .object(let name) = t else {
            report("'\(typeName)' is not a message type", at: span(of: e))
            setType(e, .error)
            return
        }
        setType(e, t)
        for field in fields {
            guard let expected = fieldType(field.value, objectName: name, field: field.name) else { continue }
            var valueType = type(of: field.value)
            if field.isOptional { valueType = unwrapOptionalEntry(field.value, valueType) }
            if !isAssignable(expected, valueType) {
                report("expected type of field '\(field.name)' is '\(describe(expected))' but provided type is '\(describe(valueType))'",
                       at: span(of: field.value))
            }
        }
    }

    func checkComprehension(_ e: Expr, _ c: Comprehension) {
        check(c.iterRange)
        check(c.accuInit)
        let rangeType = substitution.substitute(type(of: c.iterRange), freeToDyn: false)
        let accuType = type(of: c.accuInit)
        var varType: CELType
        var var2Type: CELType?
        switch rangeType {
        case .list(let element):
            varType = element
            if c.iterVar2 != nil { var2Type = element; varType = .int }
        case .map(let key, let value):
            varType = key
            if c.iterVar2 != nil { var2Type = value }
        case .dyn, .error, .typeParam:
            _ = isAssignable(.dyn, rangeType)
            varType = .dyn
            if c.iterVar2 != nil { var2Type = .dyn }
        default:
            report("expression of type '\(describe(rangeType))' cannot be range of a comprehension (must be list, map, or dynamic)",
                   at: span(of: c.iterRange))
            varType = .error
            if c.iterVar2 != nil { var2Type = .error }
        }
        scopes.append([c.accuVar: accuType])
        var loopScope = [c.iterVar: varType]
        if let v2 = c.iterVar2, let var2Type { loopScope[v2] = var2Type }
        scopes.append(loopScope)
        // Mismatches in a macro's generated loop point at the macro's name.
        let macroName = macroCalls[e.id].map { $0.nameSpan ?? $0.span }
        check(c.loopCondition)
        assertType(c.loopCondition, .bool, at: macroName)
        check(c.loopStep)
        assertType(c.loopStep, accuType, at: macroName)
        scopes.removeLast()
        check(c.result)
        scopes.removeLast()
        setType(e, substitution.substitute(type(of: c.result), freeToDyn: false))
    }

    func assertType(_ e: Expr, _ expected: CELType, at location: SourceSpan? = nil) {
        let found = type(of: e)
        if !isAssignable(expected, found) {
            let place = location.flatMap { isValid($0) && !$0.isEmpty ? $0 : nil } ?? span(of: e)
            report(typeMismatch(expected: expected, found: found), at: place)
        }
    }

    // MARK: - Scopes, types, unification

    func lookupLocal(_ name: String) -> CELType? {
        for scope in scopes.reversed() {
            if let t = scope[name] { return t }
        }
        return nil
    }

    func setType(_ e: Expr, _ t: CELType) { types[e.id] = t }

    func type(of e: Expr) -> CELType { types[e.id] ?? .error }

    func freshTypeVariable() -> CELType {
        freshCounter += 1
        return .typeParam("_var\(freshCounter)")
    }

    /// Unifies; keeps the new bindings only on success.
    func isAssignable(_ t1: CELType, _ t2: CELType) -> Bool {
        var copy = substitution
        guard copy.unify(t1, t2) else { return false }
        substitution = copy
        return true
    }

    func isAssignable(_ l1: [CELType], _ l2: [CELType]) -> Bool {
        var copy = substitution
        guard copy.unify(l1, l2) else { return false }
        substitution = copy
        return true
    }

    /// A type as messages show it (free type parameters as `dyn`).
    func describe(_ t: CELType) -> String {
        substitution.substitute(t, freeToDyn: true).description
    }

    // MARK: - Messages and positions

    func undeclared(_ name: String) -> String {
        "undeclared reference to '\(name)' (in container '\(env.container)')"
    }

    func typeMismatch(expected: CELType, found: CELType) -> String {
        "expected type '\(describe(expected))' but found '\(describe(found))'"
    }

    func report(_ message: String, at span: SourceSpan, suggestion: String? = nil) {
        issues.append(CELIssue(message: message, span: span, suggestion: suggestion))
    }

    /// The node's own span, or (for synthesized nodes without one) the nearest
    /// enclosing node's.
    func span(of e: Expr) -> SourceSpan {
        if isValid(e.span) && !e.span.isEmpty { return e.span }
        for s in spanStack.reversed() where isValid(s) && !s.isEmpty { return s }
        return SourceSpan(start: 0, end: source.count)
    }

    /// The field or function name of a selection or member call.
    func nameSpan(of e: Expr) -> SourceSpan {
        if let n = e.nameSpan, isValid(n), !n.isEmpty { return n }
        return span(of: e)
    }

    func isValid(_ s: SourceSpan) -> Bool { s.start >= 0 && s.start <= s.end && s.end <= source.count }

    /// Where an overload or undeclared-function error goes: the operator token, the
    /// member function's name, or the global function's name.
    func callSpan(of e: Expr, function: String, isMember: Bool) -> SourceSpan {
        if isMember { return nameSpan(of: e) }
        let token = Operator.token(of: function) ?? function
        for start in [e.position, e.span.start] where matches(token, at: start) {
            return SourceSpan(start: start, end: start + token.utf8.count)
        }
        // An operator a macro generated: point at the macro's name (`all`, `map`, …).
        if let macroName = macroNameSpans.last, isValid(macroName), !macroName.isEmpty { return macroName }
        if e.position >= 0, e.position < source.count, isValid(SourceSpan(start: e.position, end: e.position + 1)) {
            return SourceSpan(start: e.position, end: e.position + 1)
        }
        return span(of: e)
    }

    func matches(_ token: String, at offset: Int) -> Bool {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty, offset >= 0, offset + bytes.count <= source.count else { return false }
        return Array(source[offset..<(offset + bytes.count)]) == bytes
    }

    // MARK: - Names

    /// Whether the selection chain `e` (`a.b.c`) may be one declared name: false when no
    /// declaration is named after its root identifier with a `.` (most chains: a variable's
    /// fields), so the joined name is neither built nor looked up at every selection.
    /// Chains with a non-ASCII name (quoted fields) are always looked up.
    func mayNameDeclaration(_ e: Expr, forFunction: Bool = false) -> Bool {
        var current = e
        while case .select(let operand, let field, false) = current.kind {
            guard field.utf8.allSatisfy({ $0 < 0x80 }) else { return true }
            current = operand
        }
        guard case .ident(let root) = current.kind, root.utf8.allSatisfy({ $0 < 0x80 }) else { return true }
        return forFunction ? env.mayDeclareDottedFunction(under: root) : env.mayDeclareDottedName(under: root)
    }

    /// `a.b.c` for a selection chain on an identifier (not for `has()` tests).
    func qualifiedName(_ e: Expr) -> String? {
        var parts: [String] = []
        var current = e
        while true {
            switch current.kind {
            case .ident(let name):
                parts.append(name)
                return parts.reversed().joined(separator: ".")
            case .select(let operand, let field, let testOnly):
                if testOnly { return nil }
                parts.append(field)
                current = operand
            default:
                return nil
            }
        }
    }

    func rootName(_ qualified: String) -> String {
        String(qualified.prefix { $0 != "." })
    }
}

extension Literal {
    var type: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        }
    }
}

extension Operator {
    /// The source token of an operator function name (`_+_` → `+`, `@in` → `in`,
    /// `_[_]` → `[`); nil for ordinary function names.
    static func token(of function: String) -> String? {
        if function == Operator.in { return "in" }
        guard function.hasPrefix("_") || function == Operator.logicalNot || function == Operator.negate else { return nil }
        let body = function.drop { $0 == "_" }
        let token = body.prefix { $0 != "_" }
        return token.isEmpty ? nil : String(token)
    }
}

/// CEL reserved words (property names equal to one are escaped as `__word__`).
enum CELReservedWords {
    static let all: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
        "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]
}
