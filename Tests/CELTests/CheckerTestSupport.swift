import CEL

/// Builds ASTs by hand with spans found in the source text, so checker tests do not
/// depend on the parser.
final class SpannedASTBuilder {
    let source: String
    private var lastID: ExprID = 0
    init(_ source: String) { self.source = source }

    func nextID() -> ExprID { lastID += 1; return lastID }

    /// The byte range of the `occurrence`-th appearance of `text` in the source.
    func span(_ text: String, _ occurrence: Int = 0) -> SourceSpan {
        let bytes = Array(source.utf8), needle = Array(text.utf8)
        var seen = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<(i + needle.count)]) == needle {
                if seen == occurrence { return SourceSpan(start: i, end: i + needle.count) }
                seen += 1
            }
            i += 1
        }
        return SourceSpan(start: 0, end: 0)
    }

    func ident(_ name: String, _ occurrence: Int = 0) -> Expr {
        Expr(id: nextID(), kind: .ident(name), span: span(name, occurrence))
    }

    func literal(_ value: Literal, _ text: String, _ occurrence: Int = 0) -> Expr {
        Expr(id: nextID(), kind: .literal(value), span: span(text, occurrence))
    }

    func int(_ v: Int64, _ occurrence: Int = 0) -> Expr { literal(.int(v), String(v), occurrence) }
    func string(_ v: String, _ occurrence: Int = 0) -> Expr { literal(.string(v), "\"\(v)\"", occurrence) }

    func select(_ operand: Expr, _ field: String, _ occurrence: Int = 0, testOnly: Bool = false) -> Expr {
        let name = span(field, occurrence)
        return Expr(id: nextID(), kind: .select(operand: operand, field: field, testOnly: testOnly),
                    span: SourceSpan(start: operand.span.start, end: name.end), position: name.start - 1, nameSpan: name)
    }

    /// An operator call; `token` is located in the source for the position.
    func op(_ function: String, _ token: String, _ args: Expr..., occurrence: Int = 0) -> Expr {
        let tokenSpan = span(token, occurrence)
        let start = min(args.first?.span.start ?? tokenSpan.start, tokenSpan.start)
        let end = max(args.last?.span.end ?? tokenSpan.end, tokenSpan.end)
        return Expr(id: nextID(), kind: .call(target: nil, function: function, args: args),
                    span: SourceSpan(start: start, end: end), position: tokenSpan.start)
    }

    func call(_ function: String, _ args: Expr..., occurrence: Int = 0) -> Expr {
        let name = span(function + "(", occurrence)
        let end = (args.last?.span.end ?? name.end) + 1
        return Expr(id: nextID(), kind: .call(target: nil, function: function, args: args),
                    span: SourceSpan(start: name.start, end: end), position: name.end - 1)
    }

    func member(_ target: Expr, _ function: String, _ args: Expr..., occurrence: Int = 0) -> Expr {
        let name = span(function + "(", occurrence)
        let end = (args.last?.span.end ?? name.end) + 1
        return Expr(id: nextID(), kind: .call(target: target, function: function, args: args),
                    span: SourceSpan(start: target.span.start, end: end), position: name.end - 1,
                    nameSpan: SourceSpan(start: name.start, end: name.end - 1))
    }

    func list(_ elements: Expr..., optional: [Int] = []) -> Expr {
        let start = (elements.first?.span.start ?? 1) - 1
        let end = (elements.last?.span.end ?? 1) + 1
        return Expr(id: nextID(), kind: .list(elements: elements, optionalIndices: optional), span: SourceSpan(start: start, end: end))
    }

    func map(_ entries: (Expr, Expr)...) -> Expr {
        let mapEntries = entries.map { MapEntry(id: nextID(), key: $0.0, value: $0.1) }
        let start = (entries.first?.0.span.start ?? 1) - 1
        let end = (entries.last?.1.span.end ?? 1) + 1
        return Expr(id: nextID(), kind: .map(entries: mapEntries), span: SourceSpan(start: start, end: end))
    }

    func comprehension(_ c: Comprehension, span: SourceSpan) -> Expr {
        Expr(id: nextID(), kind: .comprehension(c), span: span)
    }

    func parsed(_ root: Expr) -> ParsedExpr { ParsedExpr(expr: root, source: source) }

    /// The text an issue points at.
    func text(_ span: SourceSpan) -> String {
        let bytes = Array(source.utf8)
        guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "<invalid>" }
        return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }
}

/// An environment with `schema` typed like a small kro instance.
enum CheckerFixtures {
    static let schemaTypes = ObjectTypeRegistry([
        ObjectTypeDescription(name: "__type_schema", fields: [
            "apiVersion": .string, "kind": .string,
            "metadata": .object("__type_schema.metadata"), "spec": .object("__type_schema.spec"),
        ]),
        ObjectTypeDescription(name: "__type_schema.metadata", fields: [
            "name": .string, "__namespace__": .string, "labels": .map(.string, .string),
        ]),
        ObjectTypeDescription(name: "__type_schema.spec", fields: [
            "name": .string, "replicas": .int, "image": .string, "ports": .list(.int),
            "env": .map(.string, .string), "enabled": .bool,
            "extra": .object("__type_schema.spec.extra"),
        ]),
        ObjectTypeDescription(name: "__type_schema.spec.extra", fields: ["a": .string], allowsUnknownFields: true),
    ])

    static var kroEnv: CELEnvironment {
        CELEnvironment.kro()
            .with(typeProvider: schemaTypes)
            .adding(variables: [VariableDecl(name: "schema", type: .object("__type_schema"))])
    }
}
