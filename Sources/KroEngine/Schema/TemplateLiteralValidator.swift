import CEL
import YAMLSyntax

/// Validates the literal values of a resource template against its kind's schema the
/// way kro's schema-guided parse does (rgd.md §7.6): JSON types and field existence
/// only. Strings that are whole `${…}` expressions are left to the type checker.
public struct TemplateLiteralValidator: Sendable {
    /// How the engine's expression scanner classifies a string value.
    public enum StringKind: Sendable { case literal, standaloneExpression, template }

    public struct Finding: Sendable, Hashable {
        public var code: String
        public var message: String
        public var range: TextRange
        public var path: [SchemaPathSegment]
        /// For an unknown field (KRO304): the schema's field that was most likely meant.
        public var suggestion: String? = nil
    }

    public let resolver: SchemaResolver
    public let classify: @Sendable (String) -> StringKind

    public init(resolver: SchemaResolver, classify: @escaping @Sendable (String) -> StringKind) {
        self.resolver = resolver
        self.classify = classify
    }

    public func validate(template: YAMLNode, root: OpenAPISchema) -> [Finding] {
        validate(template: template, tree: LiteralSchemaTree(root: root, resolver: resolver))
    }

    /// As `validate(template:root:)`, on a tree shared by the resources of one kind; the
    /// walk stops once it has `limit` findings (the first ones, in document order).
    func validate(template: YAMLNode, tree: LiteralSchemaTree, limit: Int = .max) -> [Finding] {
        var findings: [Finding] = []
        var path: [SchemaPathSegment] = []
        walk(template, tree.root, in: tree, path: &path, keyRange: nil, into: &findings, limit: limit, depth: 0)
        return findings
    }

    /// `path` is one stack for the whole walk (pushed and popped around each child),
    /// copied only into findings: most nodes have none.
    private func walk(_ node: YAMLNode, _ schema: LiteralSchemaNode, in tree: LiteralSchemaTree, path: inout [SchemaPathSegment],
                      keyRange: TextRange?, into findings: inout [Finding], limit: Int, depth: Int) {
        // The parser nests no deeper: nothing is left unchecked.
        guard depth < YAMLLimits.default.maxDepth, findings.count < limit else { return }
        let s = schema.shape
        // Formatted only for a finding: most nodes have none.
        var where_: String { TemplateFieldPath.format(path) }
        let pointAtKey = keyRange ?? node.range
        guard let expected = schema.expected else {
            let hasShape = s.type != nil || !s.oneOf.isEmpty || !s.anyOf.isEmpty || s.additionalProperties != .notAllowed
            findings.append(Finding(
                code: "KRO305",
                message: hasShape ? "unknown schema type at path \(where_)"
                    : "schema at path \(where_) has no valid type, OneOf, AnyOf, or AdditionalProperties",
                range: pointAtKey, path: path))
            return
        }
        func mismatch(_ got: String, code: String = "KRO303") {
            findings.append(Finding(code: code, message: "expected \(expected.wanted) type for path \(where_), got \(got)",
                                    range: node.range, path: path))
        }
        func accepts(_ type: String) -> Bool { expected.accepts(type) }
        let preserves = expected.preservesUnknownFields
        switch node {
        case .alias(let alias):
            if let target = alias.target { walk(target, schema, in: tree, path: &path, keyRange: keyRange, into: &findings, limit: limit, depth: depth + 1) }
        case .mapping(let mapping):
            if preserves { return }
            guard accepts("object") || schema.allowsAdditionalProperties else { return mismatch("object") }
            // Through the buffer: a node is stored inline, and copying one retains its fields.
            mapping.effectiveEntries.forEachBlock { entries, _ in
                for e in entries.indices {
                    if findings.count >= limit { return false }
                    guard case .scalar(let keyScalar) = entries[e].key else { continue }
                    let key = keyScalar.value
                    guard let child = tree.child(key, of: schema) else {
                        let parent = where_
                        // An array (as many as the search reads): through the lazy sequence,
                        // the search's generic iteration was most of a finding's cost.
                        let candidates = Array(s.propertyNames.prefix(DidYouMean.maxCandidates + 1))
                        let suggestion = DidYouMean.closest(to: key, among: candidates,
                                                            maxDistance: max(1, key.count / 3), ignoringCase: true)
                        findings.append(Finding(
                            code: "KRO304",
                            message: "error getting field schema for path \(parent).\(key): schema not found for field \(key)"
                                + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""),
                            range: keyScalar.range, path: path + [.field(key)], suggestion: suggestion))
                        continue
                    }
                    path.append(.field(key))
                    walk(entries[e].value, child, in: tree, path: &path, keyRange: keyScalar.range, into: &findings, limit: limit, depth: depth + 1)
                    path.removeLast()
                }
                return true
            }
        case .sequence(let sequence):
            if preserves { return }
            guard accepts("array") else { return mismatch("array") }
            guard let items = tree.items(of: schema) else {
                findings.append(Finding(
                    code: "KRO306",
                    message: "invalid array schema for path \(where_): neither Items.Schema nor Properties are defined",
                    range: pointAtKey, path: path))
                return
            }
            sequence.items.forEachBlock { buffer, first in
                for index in buffer.indices {
                    if findings.count >= limit { return false }
                    path.append(.index(first + index))
                    walk(buffer[index], items, in: tree, path: &path, keyRange: nil, into: &findings, limit: limit, depth: depth + 1)
                    path.removeLast()
                }
                return true
            }
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null:
                return
            case .string(let text):
                // Every kind of string is fine where strings are: classified only when not.
                if accepts("string") { return }
                switch classify(text) {
                case .standaloneExpression: return
                case .template: if !accepts("string") { mismatch("string", code: "KRO307") }
                case .literal: if !accepts("string") { mismatch("string") }
                }
            case .bool:
                if !accepts("boolean") { mismatch("boolean") }
            case .int:
                if !(accepts("integer") || accepts("number")) { mismatch("integer") }
            case .float(let value):
                let integral = value.rounded() == value && abs(value) < 9.2e18
                if integral {
                    if !(accepts("integer") || accepts("number")) { mismatch("integer") }
                } else if !accepts("number") {
                    mismatch("float64")
                }
            }
        }
    }
}
