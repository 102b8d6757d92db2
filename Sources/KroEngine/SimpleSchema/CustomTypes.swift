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
            // Each type is at least one field, so the types past the field limit could not be
            // built anyway: they are only named (their uses are not "unknown type"), not read.
            if definitions.count == Self.maxInlinedFields {
                if definedTypes.isEmpty {
                    report(AnalysisLimits.code, "spec.schema.types has more than \(Self.maxInlinedFields) types, over "
                           + "kro-lsp's limit; this type and the ones after it are not checked", entry.key.range)
                }
                definedTypes.insert(name)
                continue
            }
            definitions.append((name, entry.value, entry.key.range))
        }
        definedTypes.formUnion(definitions.map(\.name))

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
        let byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for cycle in Self.cycles(edges: edges, names: definitions.map(\.name).sorted()) {
            /// The `count` edges of the cycle that follow the one out of `cycle[i]`.
            func edges(after i: Int, count: Int) -> [RelatedLocation] {
                func step(_ k: Int) -> String { cycle[(i + k) % cycle.count] }
                return (1..<count + 1).compactMap { k -> RelatedLocation? in
                    guard let r = references[step(k)]?.first(where: { $0.name == step(k + 1) })?.range else { return nil }
                    return RelatedLocation(range: r, message: "\(step(k)) uses \(step(k + 1))")
                }
            }
            // A short cycle's types each point at the other edges; a long one's share the
            // first edges from its first type (a list for each of 10,000 types was 30 MB).
            let long = cycle.count > AnalysisLimits.cycleMembersShown + 1
            let shared = long ? edges(after: cycle.count - 1, count: AnalysisLimits.cycleMembersShown) : []
            for (i, name) in cycle.enumerated() {
                // The cycle from `name` round to it again, read in place (a copy for each
                // of its types would be quadratic in a long one).
                func step(_ k: Int) -> String { cycle[(i + k) % cycle.count] }
                let refRange = references[name]?.first { $0.name == step(1) }?.range
                    ?? byName[name]?.keyRange ?? TextRange(start: 0, end: 0)
                report("KRO110", "cyclic dependency in type \(name): graph contains a cycle: "
                       + AnalysisLimits.cycleText(count: cycle.count + 1, name: step), refRange,
                       related: long ? shared : edges(after: i, count: cycle.count - 1))
                broken.insert(name)
            }
        }

        for name in Self.dependencyOrder(edges: edges, names: definitions.map(\.name)) {
            guard let d = byName[name] else { continue }
            if isOverFieldLimit(at: d.keyRange, in: .types) { break }
            let dependsOnBroken = (edges[name] ?? []).contains { $0 != name && customTypes[$0] == nil }
            let before = inlinedFields
            if let built = buildCustomType(name, d.node, keyRange: d.keyRange),
               !broken.contains(name), !dependsOnBroken {
                customTypes[name] = built
                inlinedSize[name] = max(1, inlinedFields - before)
            }
        }
    }

    /// Dependency order, ties by name (UTF-8 order); whatever a cycle keeps back comes
    /// last, smallest name first. Kahn's algorithm over a sorted list of the ready types.
    static func dependencyOrder(edges: [String: Set<String>], names: [String]) -> [String] {
        let precedes = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        var waitingOn: [String: Int] = [:]
        var users: [String: [String]] = [:]
        for name in Set(names) {
            let deps = (edges[name] ?? []).subtracting([name])
            waitingOn[name] = deps.count
            for dep in deps { users[dep, default: []].append(name) }
        }
        var remaining = Set(names)
        var ready = remaining.filter { waitingOn[$0] == 0 }.sorted { precedes($1, $0) }
        // For a cycle: the smallest name not yet placed, found by a cursor that only advances.
        let byNameOrder = remaining.sorted(by: precedes)
        var cursor = 0
        var order: [String] = []
        order.reserveCapacity(remaining.count)
        while !remaining.isEmpty {
            // Ready types are kept in reverse order, the smallest last, to pop it.
            let next: String
            if let smallest = ready.popLast() {
                next = smallest
            } else {
                while cursor < byNameOrder.count && !remaining.contains(byNameOrder[cursor]) { cursor += 1 }
                guard cursor < byNameOrder.count else { break }
                next = byNameOrder[cursor]  // a cycle: its smallest goes next
            }
            guard remaining.remove(next) != nil else { continue }
            order.append(next)
            for user in users[next] ?? [] where remaining.contains(user) {
                waitingOn[user, default: 1] -= 1
                if waitingOn[user] == 0 {
                    var (lo, hi) = (0, ready.count)  // the first place whose name precedes `user`
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if precedes(ready[mid], user) { hi = mid } else { lo = mid + 1 }
                    }
                    ready.insert(user, at: lo)
                }
            }
        }
        return order
    }

    private mutating func buildCustomType(_ name: String, _ node: YAMLNode, keyRange: TextRange) -> CustomTypeSchema? {
        let context = FieldContext(block: .types, typeName: name)
        switch YAMLValueKind(node) {
        case .string(let scalar):
            inlinedFields += 1  // an alias counts as the one field each use of it is
            var dummyParent: [String] = []
            guard let schema = buildFieldString(name, scalar, keyRange: keyRange, parentRequired: &dummyParent,
                                                context: context) else { return nil }
            fields.update(fields.lastIndex { $0.block == .types && $0.path == [name] }) {
                $0.isRequired = !dummyParent.isEmpty
            }
            return CustomTypeSchema(schema: schema, required: !dummyParent.isEmpty)
        case .mapping(let mapping):
            let index = fields.append(SimpleSchemaField(
                block: .types, path: [name], typeText: nil, schema: nil, isRequired: false,
                markers: [], typeReferences: [], keyRange: keyRange, valueRange: mapping.range, typeRange: nil))
            let before = diagnostics.count
            let schema = buildObject(mapping, context: context)
            fields.update(index) { $0.schema = JSONValue.object(schema).sortedKeys() }
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
        let component = stronglyConnectedComponents(edges: edges, names: names)
        var sizes: [Int: Int] = [:]
        for id in component.values { sizes[id, default: 0] += 1 }
        var result: [[String]] = []
        var assigned: Set<String> = []
        for start in names where !assigned.contains(start) {
            // A path back to `start` stays in its component: a type alone in its own has
            // none, and the search never leaves the component.
            guard let home = component[start], sizes[home, default: 0] > 1 else { continue }
            // Find a path start -> … -> start through other types (DFS, names in order),
            // each type's path kept as its parent, from the first time it is seen.
            var stack = [start]
            var parent: [String: String] = [:]
            var seen: Set<String> = []
            var last: String?
            while let node = stack.popLast(), last == nil {
                for next in (edges[node] ?? []).sorted().reversed() where next != node {
                    if next == start { last = node; break }
                    if component[next] == home && !seen.contains(next) && !assigned.contains(next) {
                        seen.insert(next)
                        parent[next] = node
                        stack.append(next)
                    }
                }
            }
            guard var node = last else { continue }
            var cycle = [node]
            while let up = parent[node] { cycle.append(up); node = up }
            cycle.reverse()
            if cycle.count > 1 {
                result.append(cycle)
                assigned.formUnion(cycle)
            }
        }
        return result
    }

    /// Each type's strongly connected component (Tarjan's algorithm, without recursion).
    static func stronglyConnectedComponents(edges: [String: Set<String>], names: [String]) -> [String: Int] {
        var index: [String: Int] = [:], lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var component: [String: Int] = [:]
        var counter = 0, components = 0
        for root in names where index[root] == nil {
            // Frames: a type and its successors still to visit.
            var frames: [(node: String, rest: [String])] = []
            func open(_ node: String) {
                index[node] = counter; lowLink[node] = counter; counter += 1
                stack.append(node); onStack.insert(node)
                frames.append((node, Array(edges[node] ?? [])))
            }
            open(root)
            while !frames.isEmpty {
                let node = frames[frames.count - 1].node
                if let next = frames[frames.count - 1].rest.popLast() {
                    if index[next] == nil { open(next) }
                    else if onStack.contains(next) { lowLink[node] = min(lowLink[node]!, index[next]!) }
                    continue
                }
                frames.removeLast()
                if let parentFrame = frames.last { lowLink[parentFrame.node] = min(lowLink[parentFrame.node]!, lowLink[node]!) }
                if lowLink[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component[member] = components
                        if member == node { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }
}
