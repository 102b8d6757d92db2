import CEL
import JSON
import YAMLSyntax

/// KRO508: the API server compiles every `x-kubernetes-validations` rule of the generated
/// CRD (the `validation` marker) as Kubernetes CEL with `self` (and `oldSelf`) typed from
/// the field's schema, and refuses the CRD when a rule does not parse, does not type-check
/// or does not return a bool. kro passes the rule through unchecked, so kro accepts the
/// RGD and the generated CRD is then rejected (reported as `KindReady=False`).
enum ValidationRuleCheck {
    static func check(_ fields: [SimpleSchemaField]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for field in fields {
            guard let schema = field.schema, let rules = schema["x-kubernetes-validations"]?.arrayValue else { continue }
            let markers = field.markers.filter { $0.key == "validation" }
            guard !markers.isEmpty, let selfType = selfType(of: schema) else { continue }
            // The rules appear in marker order; `immutable` adds `self == oldSelf`, which
            // always compiles, so only the `validation` markers are matched up.
            let validationRuleIndices = rules.indices.filter { rules[$0]["message"]?.stringValue == "validation failed" }
            for (n, marker) in markers.enumerated() {
                let index = n < validationRuleIndices.count ? validationRuleIndices[n] : n
                out += check(marker, ruleIndex: index, field: field, selfType: selfType)
            }
        }
        return out
    }

    /// The field's schema as the API server types `self`.
    private static func selfType(of schema: JSONValue) -> (CELType, SchemaTypeProvider)? {
        guard let root = OpenAPISchema(json: schema) else { return nil }
        let name = SchemaTypeProvider.rootTypeName(forVariable: "self")
        let provider = SchemaTypeProvider(resolver: .empty, roots: [name: root])
        guard let type = provider.celType(of: root, named: name) else { return nil }
        return (type, provider)
    }

    private static func check(_ marker: SimpleSchemaMarker, ruleIndex: Int, field: SimpleSchemaField,
                              selfType: (type: CELType, provider: SchemaTypeProvider)) -> [Diagnostic] {
        let rule = marker.value
        guard !rule.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return [] }
        let where_ = (field.block == .types ? "types." : "spec.") + field.path.joined(separator: ".")
        let prefix = "\(where_): x-kubernetes-validations[\(ruleIndex)].rule: Invalid value: \(GoQuote.quote(rule)): compilation failed: "
        let parsed = CELParser().parse(rule)
        guard let expr = parsed.parsed, parsed.issues.isEmpty else {
            return parsed.issues.map { Diagnostic(code: "KRO508", message: prefix + $0.message, range: range(of: $0.span, in: marker)) }
        }
        // Kubernetes has libraries kro's environment lacks (`format.*`, `sets.*`): a rule
        // that uses one is only parsed, never flagged for what it calls.
        guard !usesKubernetesOnlyLibrary(rule) else { return [] }
        let env = CELEnvironment.kro().with(typeProvider: selfType.provider).adding(variables: [
            VariableDecl(name: "self", type: selfType.type), VariableDecl(name: "oldSelf", type: selfType.type),
        ])
        let result = Checker.check(expr, in: env)
        if !result.issues.isEmpty {
            return result.issues.map { Diagnostic(code: "KRO508", message: prefix + $0.message, range: range(of: $0.span, in: marker)) }
        }
        guard result.issues.isEmpty, let output = result.type, output != .bool, output != .dyn else { return [] }
        return [Diagnostic(code: "KRO508", message: prefix + "cel expression must evaluate to a bool, got \(output)",
                           range: marker.valueRange)]
    }

    /// Library namespaces the API server declares for CRD rules and kro does not.
    static let kubernetesOnlyNamespaces: Set<String> = ["format", "sets", "math"]

    private static func usesKubernetesOnlyLibrary(_ rule: String) -> Bool {
        let scalars = Array(rule.unicodeScalars)
        let isIdent: (Unicode.Scalar) -> Bool = { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        for namespace in kubernetesOnlyNamespaces {
            let needle = Array((namespace + ".").unicodeScalars)
            guard needle.count <= scalars.count else { continue }
            for i in 0...(scalars.count - needle.count) where Array(scalars[i..<i + needle.count]) == needle {
                if i == 0 || !(isIdent(scalars[i - 1]) || scalars[i - 1] == ".") { return true }
            }
        }
        return false
    }

    /// A rule offset in the file: exact when the marker value is written plainly or in
    /// quotes without escapes, else the whole value.
    private static func range(of span: SourceSpan, in marker: SimpleSchemaMarker) -> TextRange {
        let written = marker.valueRange
        let length = marker.value.utf8.count
        let shift: Int
        switch written.length {
        case length: shift = 0
        case length + 2: shift = 1
        default: return written
        }
        let start = written.start + shift + min(span.start, length)
        let end = max(start + 1, min(written.start + shift + span.end, written.end - shift))
        return TextRange(start: start, end: min(end, written.end))
    }
}
