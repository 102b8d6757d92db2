import CEL
import YAMLSyntax

/// Collects the symbols of one analysed RGD: resource ids, forEach iterators, SimpleSchema
/// fields and custom types, with their definitions and their uses in every expression
/// (standalone, string templates, includeWhen, readyWhen, forEach, status) and in field
/// type strings.
struct SymbolIndexBuilder {
    let analysis: RGDAnalysis
    let expressions: SnapshotExpressions
    let source: SourceText
    /// Each symbol's number: its position in `symbols`.
    private var numbers: [SymbolID: Int32] = [:]
    private var symbols: [Symbol] = []
    /// Every definition and use, in the order found: one flat list the index sorts in place
    /// (lists per symbol were a second copy of every use while the index was built).
    private var occurrences: [SymbolIndex.Occurrence] = []
    /// SimpleSchema fields by qualified name (`spec.a.b`, `types.T.a`).
    private var fields: [String: SimpleSchemaField] = [:]

    init(analysis: RGDAnalysis, expressions: SnapshotExpressions, source: SourceText) {
        self.analysis = analysis
        self.expressions = expressions
        self.source = source
    }

    consuming func build() -> SymbolIndex {
        defineResources()
        defineSchema()
        for e in expressions { collectUses(in: e) }
        let found = occurrences
        occurrences = []  // the index sorts the one remaining reference in place
        return SymbolIndex(symbols: symbols, occurrences: found)
    }

    // MARK: Definitions

    private mutating func define(_ kind: SymbolKind, _ qualifiedName: String, name: String, at range: TextRange?) {
        let id = SymbolID(kind: kind, qualifiedName: qualifiedName)
        guard numbers[id] == nil else { return }  // the first definition wins, as for ids
        let definition = range.map(unquoted)
        let number = Int32(truncatingIfNeeded: symbols.count)
        numbers[id] = number
        symbols.append(Symbol(id: id, name: name, definition: definition, uses: []))
        if let definition, let o = SymbolIndex.Occurrence(symbol: number, range: definition, isDefinition: true, expression: nil) {
            occurrences.append(o)
        }
    }

    private mutating func defineResources() {
        for r in analysis.rgd.resources {
            guard let id = r.id else { continue }
            define(.resource, id.value, name: id.value, at: id.range)
            for dimension in r.forEach {
                define(.iterator, Self.iteratorName(id.value, dimension.name.value), name: dimension.name.value,
                       at: dimension.name.keyRange)
            }
        }
    }

    private mutating func defineSchema() {
        for field in analysis.instanceSchema.fields {
            let name = Self.fieldName(field)
            fields[name] = field
            define(.schemaField, name, name: field.path.last ?? "", at: field.keyRange)
            if field.block == .types, field.path.count == 1 {
                define(.customType, field.path[0], name: field.path[0], at: field.keyRange)
            }
        }
        for field in analysis.instanceSchema.fields {
            for reference in field.typeReferences {
                addUse(SymbolID(kind: .customType, qualifiedName: reference.name), at: reference.range, expression: nil)
            }
        }
    }

    /// The range of a name without its quotes (`id: "web"` → `web`).
    private func unquoted(_ range: TextRange) -> TextRange {
        guard range.length >= 2, range.end <= source.count else { return range }
        let first = source.bytes[range.start], last = source.bytes[range.end - 1]
        if (first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")) && last == first {
            return TextRange(start: range.start + 1, end: range.end - 1)
        }
        return range
    }

    // MARK: Uses

    private mutating func addUse(_ id: SymbolID, at range: TextRange, expression: Int?) {
        guard let number = numbers[id],
              let o = SymbolIndex.Occurrence(symbol: number, range: range, isDefinition: false, expression: expression) else { return }
        occurrences.append(o)
    }

    private mutating func collectUses(in e: SnapshotExpression) {
        let expression = e.expression
        // By index, not a scan: a scan copied every resource before it, per expression.
        let resource = expression.resourceIndex.flatMap(analysis.rgd.resource(atIndex:))
        let iterators = Set(resource?.forEach.map(\.name.value) ?? [])
        var schemaRoots: Set<Int> = []
        for reference in expression.references {
            if reference.name == "schema" { schemaRoots.insert(reference.span.start) }
            let range = expression.fileRange(reference.span)
            if expression.kind == .template, iterators.contains(reference.name), let rid = resource?.id?.value {
                addUse(SymbolID(kind: .iterator, qualifiedName: Self.iteratorName(rid, reference.name)),
                       at: range, expression: e.index)
            } else {
                addUse(SymbolID(kind: .resource, qualifiedName: reference.name), at: range, expression: e.index)
            }
        }
        guard !schemaRoots.isEmpty, let parsed = e.parsed else { return }
        // Found first, added after the walk: mutating the builder from inside the closure
        // copied the whole dictionary once per expression (quadratic in the RGD's size).
        // The closure holds the fields alone: holding `self` copied the builder per expression.
        var found: [(field: String, name: SourceSpan)] = []
        let fields = self.fields
        parsed.expr.walk { node, _ in
            if let use = Self.schemaFieldUse(node, roots: schemaRoots, fields: fields) { found.append(use) }
            return true
        }
        for use in found {
            addUse(SymbolID(kind: .schemaField, qualifiedName: use.field), at: expression.fileRange(use.name), expression: e.index)
        }
    }

    /// One step of a selection chain from `schema`.
    private enum Step { case field(String, SourceSpan), element }

    /// The schema field a selection names (`schema.spec.a.b` → `spec.a.b`), with the
    /// span of its name; nil for anything else.
    private static func schemaFieldUse(_ node: Expr, roots: Set<Int>,
                                       fields: [String: SimpleSchemaField]) -> (String, SourceSpan)? {
        guard let steps = chain(node, roots: roots), case .field(let root, _)? = steps.first, root == "spec",
              case .field(_, let nameSpan)? = steps.last, steps.count > 1 else { return nil }
        var block = "spec"
        var path: [String] = []
        var current: SimpleSchemaField?
        for step in steps.dropFirst() {
            switch step {
            case .field(let name, _):
                guard let f = fields[([block] + path + [name]).joined(separator: ".")] else { return nil }
                current = f
                path.append(name)
                if let t = f.typeText, fields["types.\(t)"] != nil { block = "types"; path = [t] }
            case .element:
                guard let t = current?.typeText, let element = elementType(t), fields["types.\(element)"] != nil else { return nil }
                block = "types"
                path = [element]
            }
        }
        guard let current else { return nil }
        return (fieldName(current), nameSpan)
    }

    /// The steps from `schema` to `node`, when `node` is a field selection (plain,
    /// optional or `has()`) on a chain rooted at a `schema` reference.
    private static func chain(_ node: Expr, roots: Set<Int>) -> [Step]? {
        var steps: [Step] = []
        var current = node
        while true {
            switch current.kind {
            case .ident("schema") where roots.contains(current.span.start):
                return steps.isEmpty ? nil : steps.reversed()
            case .select(let operand, let field, _):
                steps.append(.field(field, current.nameSpan ?? current.span))
                current = operand
            case .call(nil, Operator.optionalSelect, let args) where args.count == 2:
                guard case .literal(.string(let field)) = args[1].kind else { return nil }
                steps.append(.field(field, args[1].span))
                current = args[0]
            case .call(nil, let f, let args) where (f == Operator.index || f == Operator.optionalIndex) && args.count == 2:
                // Only selections name a field; an index step is part of a longer chain.
                if steps.isEmpty { return nil }
                steps.append(.element)
                current = args[0]
            default:
                return nil
            }
        }
    }

    /// `[]T` and `map[string]T` → `T`.
    private static func elementType(_ typeText: String) -> String? {
        if typeText.hasPrefix("[]") { return String(typeText.dropFirst(2)) }
        if typeText.hasPrefix("map[string]") { return String(typeText.dropFirst("map[string]".count)) }
        return nil
    }

    static func fieldName(_ f: SimpleSchemaField) -> String {
        (f.block == .spec ? "spec." : "types.") + f.path.joined(separator: ".")
    }

    static func iteratorName(_ resourceID: String, _ iterator: String) -> String { "\(resourceID).\(iterator)" }
}
