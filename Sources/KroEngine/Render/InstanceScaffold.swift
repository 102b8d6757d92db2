import CEL
import JSON
import YAMLSyntax

/// An example instance of an RGD (`kro-lsp instance`, `kro.scaffoldInstance`): required
/// fields with placeholders of the right type (and satisfying enum, pattern and limits
/// where the schema says how), fields the RGD's expressions read even when optional,
/// defaults and the other optional fields as comments, enum choices listed.
public enum InstanceScaffold {
    public static func yaml(for analysis: RGDAnalysis) -> String? {
        guard let crd = analysis.generatedCRD?.result.crd, let kind = InstanceKind(crd: crd) else { return nil }
        let name = "my-" + kind.kind.lowercased()
        var lines = ["apiVersion: \(kind.apiVersion)", "kind: \(kind.kind)", "metadata:", "  name: \(name)"]
        if kind.namespaced { lines.append("  namespace: default") }
        let spec = kind.schema["properties"]?["spec"] ?? ["type": "object"]
        let read = readSpecPaths(analysis)
        var body: [String] = []
        writeProperties(of: spec, path: [], indent: 2, read: read, into: &body)
        let onlyComments = body.allSatisfy { $0.trimmingWhitespace().hasPrefix("#") }
        lines.append(onlyComments ? "spec: {}" : "spec:")
        lines += body
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `schema.spec…` paths the RGD's expressions read (`a.b` for `schema.spec.a.b`).
    static func readSpecPaths(_ analysis: RGDAnalysis) -> Set<[String]> {
        var out: Set<[String]> = []
        for e in analysis.expressions {
            guard let parsed = e.parsed else { continue }
            collect(parsed.expr, into: &out, depth: 0)
        }
        return out
    }

    private static func collect(_ e: Expr, into out: inout Set<[String]>, depth: Int) {
        guard depth < 200 else { return }
        if let path = specPath(e), !path.isEmpty {
            for i in 1...path.count { out.insert(Array(path.prefix(i))) }
        }
        switch e.kind {
        case .literal, .ident: break
        case .select(let operand, _, _): collect(operand, into: &out, depth: depth + 1)
        case .call(let target, _, let args):
            if let target { collect(target, into: &out, depth: depth + 1) }
            for a in args { collect(a, into: &out, depth: depth + 1) }
        case .list(let elements, _): for x in elements { collect(x, into: &out, depth: depth + 1) }
        case .map(let entries): for x in entries { collect(x.key, into: &out, depth: depth + 1); collect(x.value, into: &out, depth: depth + 1) }
        case .structure(_, let fields): for f in fields { collect(f.value, into: &out, depth: depth + 1) }
        case .comprehension(let c):
            for x in [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result] { collect(x, into: &out, depth: depth + 1) }
        }
    }

    /// `schema.spec.a.b` (plain or `.?` selections) → ["a", "b"].
    private static func specPath(_ e: Expr) -> [String]? {
        switch e.kind {
        case .select(let operand, let field, _):
            if case .select(let root, "spec", _) = operand.kind, case .ident("schema") = root.kind { return [field] }
            return specPath(operand).map { $0 + [field] }
        case .call(nil, "_?._", let args) where args.count == 2:
            guard case .literal(.string(let field)) = args[1].kind else { return nil }
            if case .select(let root, "spec", _) = args[0].kind, case .ident("schema") = root.kind { return [field] }
            return specPath(args[0]).map { $0 + [field] }
        default:
            return nil
        }
    }

    private static func writeProperties(of schema: JSONValue, path: [String], indent: Int, read: Set<[String]>,
                                        into lines: inout [String]) {
        guard let properties = schema["properties"]?.objectValue, indent < 80 else { return }
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let pad = String(repeating: " ", count: indent)
        for (key, p) in properties {
            let fieldPath = path + [key]
            let keyText = YAMLWriter.write(.string(key)).dropLast()
            let needed = required.contains(key) || (read.contains(fieldPath) && p["default"] == nil)
            let notes = comment(p)
            if !needed {
                if let d = p["default"] {
                    lines.append("\(pad)# \(keyText): \(inline(d))  (default)\(notes.isEmpty ? "" : "; " + notes)")
                } else {
                    lines.append("\(pad)# \(keyText): \(typeText(p))  (optional)\(notes.isEmpty ? "" : "; " + notes)")
                }
                continue
            }
            if p["properties"] != nil {
                var inner: [String] = []
                writeProperties(of: p, path: fieldPath, indent: indent + 2, read: read, into: &inner)
                lines.append("\(pad)\(keyText):" + (inner.isEmpty ? " {}" : ""))
                lines += inner
            } else {
                lines.append("\(pad)\(keyText): \(inline(placeholder(p)))" + (notes.isEmpty ? "" : "  # " + notes))
            }
        }
    }

    /// A value of the schema's type that satisfies its enum, limits and (when one of a few
    /// candidates matches) its pattern.
    static func placeholder(_ schema: JSONValue) -> JSONValue {
        if let first = schema["enum"]?.arrayValue?.first { return first }
        if let d = schema["default"] { return d }
        switch schema["type"]?.stringValue {
        case "integer", "number":
            var v: Double = 1
            if let min = schema["minimum"].flatMap(SchemaValidator.doubleValue) {
                v = max(v, schema["exclusiveMinimum"] == .bool(true) ? min + 1 : min)
            }
            if let maxV = schema["maximum"].flatMap(SchemaValidator.doubleValue) {
                v = min(v, schema["exclusiveMaximum"] == .bool(true) ? maxV - 1 : maxV)
            }
            return schema["type"]?.stringValue == "integer" ? .int(Int64(v.rounded(.up))) : .double(v)
        case "boolean": return .bool(false)
        case "array":
            let count = schema["minItems"].flatMap(SchemaValidator.intValue) ?? 0
            let item = schema["items"].map(placeholder) ?? .string("")
            if schema["x-kubernetes-list-type"]?.stringValue == "set", case .string(let s) = item {
                return .array((0..<count).map { .string(s + String($0)) })
            }
            return .array(Array(repeating: item, count: count))
        case "object":
            guard let properties = schema["properties"]?.objectValue else { return .object([:]) }
            var out = JSONObject()
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                if let p = properties[name] { out[name] = placeholder(p) }
            }
            return .object(out)
        default:
            if schema["x-kubernetes-int-or-string"] == .bool(true) { return .int(1) }
            return .string(stringPlaceholder(schema))
        }
    }

    private static func stringPlaceholder(_ schema: JSONValue) -> String {
        let minLength = schema["minLength"].flatMap(SchemaValidator.intValue) ?? 0
        let maxLength = schema["maxLength"].flatMap(SchemaValidator.intValue) ?? Int.max
        var candidates = ["example", "a", "example-1", "1", "Example", "example.com", "a1", "x"]
        candidates.append(String(repeating: "a", count: max(minLength, 1)))
        let fits = candidates.filter { $0.count >= minLength && $0.count <= maxLength }
        guard let pattern = schema["pattern"]?.stringValue, let regex = try? RE2Regex(pattern) else {
            return fits.first ?? String(repeating: "a", count: minLength)
        }
        return fits.first(where: regex.matches) ?? fits.first ?? ""
    }

    /// Characters a comment keeps (its choices are listed as `ClippedText` lists them): an
    /// enum of a million values or a megabyte description made one comment line of megabytes.
    static let commentCharacters = 1_000

    /// The notes of a field, on one line (a line break in a description or pattern ended
    /// the comment and put the rest into the instance as YAML) and clipped.
    private static func comment(_ schema: JSONValue) -> String {
        var notes: [String] = []
        if let choices = schema["enum"]?.arrayValue, !choices.isEmpty {
            notes.append("one of: " + ClippedText.list(choices.lazy.map(inline), count: choices.count))
        }
        if let pattern = schema["pattern"]?.stringValue { notes.append("pattern \(pattern)") }
        for (key, word) in [("minimum", "min"), ("maximum", "max"), ("minLength", "min length"),
                            ("maxLength", "max length"), ("minItems", "min items"), ("maxItems", "max items")] {
            if let v = schema[key] { notes.append("\(word) \(inline(v))") }
        }
        if let d = schema["description"]?.stringValue { notes.append(d) }
        return RenderOutput.commentLine(ClippedText.clipped(notes.joined(separator: "; "), to: commentCharacters))
    }

    private static func typeText(_ schema: JSONValue) -> String {
        switch schema["type"]?.stringValue {
        case "array": "[]" + (schema["items"].map(typeText) ?? "any")
        case "object" where schema["additionalProperties"] != nil && schema["properties"] == nil:
            "map[string]" + (schema["additionalProperties"].map(typeText) ?? "any")
        case let t?: t
        case nil: "any"
        }
    }

    /// A value in YAML flow style on one line.
    static func inline(_ v: JSONValue) -> String {
        switch v {
        case .object(let m) where m.isEmpty: return "{}"
        case .array(let a) where a.isEmpty: return "[]"
        case .object, .array: return v.jsonText
        default: return String(YAMLWriter.write(v).dropLast())
        }
    }
}
