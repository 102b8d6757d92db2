import JSON
import OrderedCollections
import YAMLSyntax

/// One RGD document's generated CRD with the SimpleSchema result it was built from.
public struct GeneratedCRD: Sendable {
    public var source: CRDSource
    public var schema: SimpleSchemaResult
    public var result: CRDResult
    /// SimpleSchema and CRD-acceptance diagnostics of this RGD.
    public var diagnostics: [Diagnostic] { schema.diagnostics + result.diagnostics }
}

/// Reads what the generated CRD needs straight from an RGD document's YAML (the parts
/// of `spec.schema` rgd.md §15 uses) and generates it.
public enum RGDCRDReader {
    /// nil when the document is not an RGD or lacks `spec.schema.kind`/`apiVersion`
    /// (those are admission errors reported elsewhere).
    /// `status` overrides the status field schemas (from type checking); without it every
    /// status expression gets the untyped schema, see `interimStatusFields`.
    public static func generate(document root: YAMLNode, status: [StatusFieldSchema]? = nil) -> GeneratedCRD? {
        guard let top = root.mapping,
              top.value(forKey: "apiVersion")?.scalar?.value == "kro.run/v1alpha1",
              top.value(forKey: "kind")?.scalar?.value == "ResourceGraphDefinition",
              let schema = top.value(forKey: "spec")?.mapping?.value(forKey: "schema")?.mapping,
              let kindNode = schema.value(forKey: "kind")?.scalar,
              let apiVersion = schema.value(forKey: "apiVersion")?.scalar?.value
        else { return nil }

        let simple = SimpleSchemaBuilder.build(spec: schema.value(forKey: "spec"), types: schema.value(forKey: "types"))
        let groupNode = schema.value(forKey: "group")?.scalar
        let columns = schema.value(forKey: "additionalPrinterColumns")?.sequence?.items ?? []
        let metadata = schema.value(forKey: "metadata")?.mapping
        let source = CRDSource(
            rgdName: top.value(forKey: "metadata")?.mapping?.value(forKey: "name")?.scalar?.value,
            apiVersion: apiVersion,
            kind: kindNode.value,
            group: groupNode?.value,
            scope: schema.value(forKey: "scope")?.scalar?.value,
            spec: simple.schema,
            status: status ?? interimStatusFields(schema.value(forKey: "status")),
            printerColumns: columns.map(\.jsonValue),
            shortNames: strings(schema.value(forKey: "shortNames")),
            categories: strings(schema.value(forKey: "categories")),
            labels: stringMap(metadata?.value(forKey: "labels")),
            annotations: stringMap(metadata?.value(forKey: "annotations")),
            kindRange: kindNode.range,
            groupRange: groupNode?.range,
            printerColumnRanges: columns.map(\.range))
        return GeneratedCRD(source: source, schema: simple, result: CRDGenerator.generate(source))
    }

    /// Status leaves that hold expressions, without type information: a standalone
    /// `${…}` is untyped (`schema: nil`, i.e. `x-kubernetes-preserve-unknown-fields`)
    /// and a string template is a string. INTERIM: the type-checking stage replaces this
    /// with the inferred types (pass `status:` to `generate`).
    public static func interimStatusFields(_ status: YAMLNode?) -> [StatusFieldSchema] {
        var out: [StatusFieldSchema] = []
        func walk(_ node: YAMLNode, _ path: [StatusPathSegment], depth: Int) {
            guard depth < 64 else { return }
            switch node.resolvedNode {
            case .mapping(let m)?:
                for entry in m.effectiveEntries {
                    guard let key = entry.key.keyString else { continue }
                    if path.isEmpty && key == "conditions" { continue }   // kro's conditions block
                    walk(entry.value, path + [.field(key)], depth: depth + 1)
                }
            case .sequence(let s)?:
                for (i, item) in s.items.enumerated() { walk(item, path + [.index(i)], depth: depth + 1) }
            case .scalar(let s)?:
                guard case .string(let text) = s.resolved, text.contains("${") else { return }
                let standalone = text.hasPrefix("${") && text.hasSuffix("}")
                    && text.split(separator: "${", omittingEmptySubsequences: false).count == 2
                out.append(StatusFieldSchema(path: path, schema: standalone ? nil : ["type": "string"]))
            default:
                return
            }
        }
        if let status { walk(status, [], depth: 0) }
        return out
    }

    private static func strings(_ node: YAMLNode?) -> [String] {
        node?.sequence?.items.compactMap { $0.scalar?.value } ?? []
    }

    private static func stringMap(_ node: YAMLNode?) -> OrderedDictionary<String, String> {
        var out = OrderedDictionary<String, String>()
        for e in node?.mapping?.effectiveEntries ?? [] {
            if let k = e.key.keyString, let v = e.value.scalar?.value { out[k] = v }
        }
        return out
    }
}
