import CEL
import JSON

/// The CEL parser, checker and interpreter on arbitrary text.
enum CELFuzz {
    static let parser = CELParser(options: {
        var options = ParserOptions()
        options.enableKroMacros = true
        return options
    }())

    /// Every issue and every node span lies inside the expression; parsing is repeatable.
    static func parse(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let text = String(decoding: input, as: UTF8.self)
        let count = text.utf8.count
        let result = parser.parse(text)
        for issue in result.issues {
            v.expect(issue.span.start >= 0 && issue.span.start <= issue.span.end && issue.span.end <= count,
                     "issue '\(issue.message)' span \(issue.span.start)..<\(issue.span.end) outside 0..<\(count)")
        }
        v.expect(!(result.parsed == nil && result.issues.isEmpty), "no tree and no issue")
        if let parsed = result.parsed { checkSpans(parsed.expr, count, &v) }
        v.expect(parser.parse(text).issues == result.issues, "a second parse of the same text differs")
        return v.list
    }

    /// The checker types a parsed expression against kro's environment without trapping,
    /// gives every node a type, and reports issues inside the text.
    static func check(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let text = String(decoding: input, as: UTF8.self)
        guard let parsed = parser.parse(text).parsed else { return [] }
        let env = CELEnvironment.kro()
        let result = Checker.check(parsed, in: env)
        let count = text.utf8.count
        for issue in result.issues {
            v.expect(issue.span.start >= 0 && issue.span.end <= count,
                     "check issue '\(issue.message)' span outside 0..<\(count)")
        }
        v.expect(result.issues.isEmpty == (result.type != nil), "a type with issues, or issues with no type")
        v.expect(Checker.check(parsed, in: env).issues == result.issues, "a second check differs")
        return v.list
    }

    /// Evaluation never traps and never exceeds its cost limit silently. The first line may
    /// hold a JSON object of bindings (`{"x": 1}`); the rest is the expression.
    static func evaluate(_ input: [UInt8]) -> [String] {
        var v = Violations()
        var text = String(decoding: input, as: UTF8.self)
        var bindings: [String: Value] = [:]
        if let newline = text.firstIndex(of: "\n"),
           case .object(let members)? = try? JSONParser().parse(String(text[..<newline])) {
            for (name, value) in members { bindings[name] = Value(json: value) }
            text = String(text[text.index(after: newline)...])
        }
        guard let parsed = parser.parse(text).parsed else { return [] }
        var options = EvalOptions()
        options.costLimit = 100_000
        let program = Program(parsed: parsed, functions: .kro, options: options)
        let (result, cost) = program.evaluateWithCost(Activation(bindings))
        if case .value = result {
            v.expect(cost <= 100_000, "a value returned after the cost limit (\(cost))")
        }
        let again = program.evaluateWithCost(Activation(bindings))
        v.expect(again.cost == cost, "a second evaluation costs \(again.cost), the first \(cost)")
        return v.list
    }

    private static func checkSpans(_ root: Expr, _ count: Int, _ v: inout Violations) {
        var stack = [root]
        while let e = stack.popLast() {
            if e.span.start < 0 || e.span.start > e.span.end || e.span.end > count {
                v.expect(false, "node \(e.id) span \(e.span.start)..<\(e.span.end) outside 0..<\(count)")
                return
            }
            switch e.kind {
            case .literal, .ident: break
            case .select(let operand, _, _): stack.append(operand)
            case .call(let target, _, let args):
                if let target { stack.append(target) }
                stack.append(contentsOf: args)
            case .list(let elements, _): stack.append(contentsOf: elements)
            case .map(let entries): entries.forEach { stack.append($0.key); stack.append($0.value) }
            case .structure(_, let fields): stack.append(contentsOf: fields.map(\.value))
            case .comprehension:
                break  // macro expansions carry the call's span and synthetic nodes
            }
        }
    }
}
