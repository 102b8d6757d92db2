import JSON
import YAMLSyntax

/// Loading `spec.schema.types` (simpleschema.md §6): dependency check, then building in
/// dependency order (ties by name). Types with broken references are still built so
/// their own errors show, but are not registered, so their uses stay silent.
extension SchemaBuildState {
    mutating func loadCustomTypes(_ types: YAMLNode?) {
        guard case .mapping(let mapping)? = types.map(YAMLValueKind.init) else { return }
        var definitions: [(name: String, node: YAMLNode, keyRange: TextRange)] = []
        for entry in mapping.effectiveEntries {
            guard let name = entry.key.keyString else { continue }
            definitions.append((name, entry.value, entry.key.range))
        }
        definedTypes = Set(definitions.map(\.name))

        var references: [String: [(name: String, range: TextRange)]] = [:]
        for d in definitions { references[d.name] = Self.typeReferences(d.node) }

        var broken: Set<String> = []
        for d in definitions {
            for ref in references[d.name] ?? [] {
                if !definedTypes.contains(ref.name) {
                    report("KRO108", "node \(ref.name) does not exist", ref.range)
                    broken.insert(d.name)
                } else if ref.name == d.name {
                    report("KRO109", "self references are not allowed", ref.range)
                    broken.insert(d.name)
                }
            }
        }
        let edges = references.mapValues { refs in
            Set(refs.map(\.name).filter { definedTypes.contains($0) })
        }
        for cycle in Self.cycles(edges: edges, names: definitions.map(\.name).sorted()) {
            for (i, name) in cycle.enumerated() {
                let path = Array(cycle[i...] + cycle[..<i]) + [name]
                let next = path[1]
                let refRange = references[name]?.first { $0.name == next }?.range
                    ?? definitions.first { $0.name == name }?.keyRange ?? TextRange(start: 0, end: 0)
                let related = (1..<(path.count - 1)).compactMap { k -> RelatedLocation? in
                    guard let r = references[path[k]]?.first(where: { $0.name == path[k + 1] })?.range else { return nil }
                    return RelatedLocation(range: r, message: "\(path[k]) uses \(path[k + 1])")
                }
                report("KRO110", "cyclic dependency in type \(name): graph contains a cycle: "
                       + path.joined(separator: " -> "), refRange, related: related)
                broken.insert(name)
            }
        }

        // Dependency order, ties by name; whatever a cycle keeps back comes last.
        var remaining = Set(definitions.map(\.name))
        var order: [String] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { n in (edges[n] ?? []).allSatisfy { $0 == n || !remaining.contains($0) } }
            guard let next = (ready.isEmpty ? remaining : ready).min(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            else { break }
            order.append(next)
            remaining.remove(next)
        }
        for name in order {
            guard let d = definitions.first(where: { $0.name == name }) else { continue }
            let dependsOnBroken = (edges[name] ?? []).contains { $0 != name && customTypes[$0] == nil }
            if let built = buildCustomType(name, d.node, keyRange: d.keyRange),
               !broken.contains(name), !dependsOnBroken {
                customTypes[name] = built
            }
        }
    }

    private mutating func buildCustomType(_ name: String, _ node: YAMLNode, keyRange: TextRange) -> CustomTypeSchema? {
        let context = FieldContext(block: .types, typeName: name)
        switch YAMLValueKind(node) {
        case .string(let scalar):
            var dummyParent: [String] = []
            guard let schema = buildFieldString(name, scalar, keyRange: keyRange, parentRequired: &dummyParent,
                                                context: context) else { return nil }
            if let i = fields.lastIndex(where: { $0.block == .types && $0.path == [name] }) {
                fields[i].isRequired = !dummyParent.isEmpty
            }
            return CustomTypeSchema(schema: schema, required: !dummyParent.isEmpty)
        case .mapping(let mapping):
            let index = fields.count
            fields.append(SimpleSchemaField(block: .types, path: [name], typeText: nil, schema: nil, isRequired: false,
                                            markers: [], typeReferences: [], keyRange: keyRange,
                                            valueRange: mapping.range, typeRange: nil))
            let before = diagnostics.count
            let schema = buildObject(mapping, context: context)
            fields[index].schema = JSONValue.object(schema).sortedKeys()
            let failed = diagnostics[before...].contains { $0.severity == .error && !Self.isAcceptanceCode($0.code) }
            return failed ? nil : CustomTypeSchema(schema: schema, required: false)
        case .other(let goType, let range):
            report("KRO137", "parsing type \(name): unexpected type: \(goType)", range)
            return nil
        }
    }

    static func isAcceptanceCode(_ code: String) -> Bool { code.hasPrefix("KRO5") || code.hasPrefix("KRO9") }

    /// Custom names a type definition mentions (through `[]`, `map[string]`, nested mappings).
    static func typeReferences(_ node: YAMLNode) -> [(name: String, range: TextRange)] {
        switch YAMLValueKind(node) {
        case .string(let scalar):
            let field = FieldString(scalar)
            guard !field.typeText.isEmpty,
                  case .success(let type) = TypeExpressionParser.parse(field.text, field.typeSpan) else { return [] }
            return type.customReferences.map { ($0.name, field.range($0.span)) }
        case .mapping(let mapping):
            return mapping.effectiveEntries.flatMap { typeReferences($0.value) }
        case .other:
            return []
        }
    }

    /// Every elementary cycle's node set, one per strongly connected component with more
    /// than one type, each rotated to start at its smallest name.
    static func cycles(edges: [String: Set<String>], names: [String]) -> [[String]] {
        var result: [[String]] = []
        var assigned: Set<String> = []
        for start in names where !assigned.contains(start) {
            // Find a path start -> … -> start through other types (DFS, names in order).
            var stack: [(node: String, path: [String])] = [(start, [start])]
            var seen: Set<String> = []
            var found: [String]?
            while let (node, path) = stack.popLast(), found == nil {
                for next in (edges[node] ?? []).sorted().reversed() where next != node {
                    if next == start { found = path; break }
                    if !seen.contains(next) && !assigned.contains(next) {
                        seen.insert(next)
                        stack.append((next, path + [next]))
                    }
                }
            }
            if let cycle = found, cycle.count > 1 {
                result.append(cycle)
                assigned.formUnion(cycle)
            }
        }
        return result
    }
}
