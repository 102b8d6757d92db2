import CEL

/// One step of a field path (rgd.md §8.7) in a template, externalRef or status: a named
/// key or an array index.
public enum SchemaPathSegment: Sendable, Hashable {
    case field(String)
    case index(Int)
}

extension SchemaTypeProvider {
    /// The type a template field expects (cel.md §8.1): walk the resource's schema along
    /// `path`; anything that cannot be followed, or converts to "none", expects `dyn`.
    /// Object, list and map types get the nominal name of the *target* resource's path.
    public func expectedType(rootTypeName: String, path: [SchemaPathSegment]) -> CELType {
        // Resources of one kind ask for the same fields: answered once under the shared
        // root, renamed, and remembered per place.
        if let shared = sharedRoots[rootTypeName] {
            return Self.renamed(expectedType(rootTypeName: shared, path: path), from: shared, to: Substring(rootTypeName))
        }
        // Indices do not change the type: all 0 in the key (most paths have none to copy).
        let hasIndex = path.contains { if case .index = $0 { true } else { false } }
        let key = ExpectedTypeKey(root: rootTypeName, path: hasIndex ? path.map { if case .index = $0 { .index(0) } else { $0 } } : path)
        if let known = memo.expectedType(key) { return known }
        let type = walkExpectedType(rootTypeName: rootTypeName, path: path)
        memo.setExpectedType(type, for: key)
        return type
    }

    private func walkExpectedType(rootTypeName: String, path: [SchemaPathSegment]) -> CELType {
        guard var node = roots[rootTypeName] else { return .dyn }
        var name = rootTypeName
        for segment in path {
            node = resolver.resolveShape(node)  // types only: the description is not read
            switch segment {
            case .field(let key):
                if let child = node.property(key) {
                    node = child
                    guard let escaped = CELFieldName.escape(key) else { return .dyn }
                    name += "." + escaped
                } else {
                    switch node.additionalProperties {
                    case .schema(let value): node = value; name += ".@elem"
                    case .anything: node = .any; name += ".@elem"
                    case .notAllowed:
                        guard node.type == "array", let items = node.items else { return .dyn }
                        node = items; name += ".@idx"
                    }
                }
            case .index:
                guard let items = resolver.resolveShape(node).items else { return .dyn }
                node = items; name += ".@idx"
            }
        }
        return celType(of: node, named: name) ?? .dyn
    }
}
