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

/// Generates the CRD of an RGD from its model (the parts of `spec.schema` rgd.md §15 uses).
public enum RGDCRDReader {
    /// nil when the document is not an RGD or lacks `spec.schema.kind`/`apiVersion`
    /// (those are admission errors the RGD parser reports).
    /// `status` overrides the status field schemas (from type checking); without it every
    /// status expression gets the untyped schema, see `interimStatusFields`.
    public static func generate(document root: YAMLNode, status: [StatusFieldSchema]? = nil) -> GeneratedCRD? {
        guard RGDParser.isRGD(root), let rgd = RGDParser.parse(root: root).0 else { return nil }
        return generate(rgd: rgd, status: status)
    }

    /// The CRD of a parsed RGD. Pass `simpleSchema` when it was already built.
    public static func generate(rgd: ResourceGraphDefinition, simpleSchema: SimpleSchemaResult? = nil,
                                status: [StatusFieldSchema]? = nil) -> GeneratedCRD? {
        guard let schema = rgd.schema, let kind = schema.kind, let apiVersion = schema.apiVersion else { return nil }
        let simple = simpleSchema ?? SimpleSchemaBuilder.build(spec: schema.spec, types: schema.types)
        let source = CRDSource(
            rgdName: rgd.name?.value,
            apiVersion: apiVersion.value,
            kind: kind.value,
            group: schema.group?.value,
            scope: schema.scope?.value,
            spec: simple.schema,
            status: status ?? interimStatusFields(schema.status),
            printerColumns: schema.additionalPrinterColumns.map(\.jsonValue),
            shortNames: schema.shortNames.map(\.value),
            categories: schema.categories.map(\.value),
            labels: stringMap(schema.labels),
            annotations: stringMap(schema.annotations),
            kindRange: kind.range,
            groupRange: schema.group?.range,
            printerColumnRanges: schema.additionalPrinterColumns.map(\.range))
        return GeneratedCRD(source: source, schema: simple, result: CRDGenerator.generate(source))
    }

    /// Status leaves that hold expressions, without type information: a standalone
    /// `${…}` is untyped (`schema: nil`, i.e. `x-kubernetes-preserve-unknown-fields`)
    /// and a string template is a string. INTERIM: the type-checking stage replaces this
    /// with the inferred types (pass `status:` to `generate`).
    public static func interimStatusFields(_ status: YAMLNode?) -> [StatusFieldSchema] {
        var out: [StatusFieldSchema] = []
        func walk(_ node: YAMLNode, _ path: [SchemaPathSegment], depth: Int) {
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
                guard case .string(let text) = s.resolved else { return }
                let scan = ExpressionScanner.scan(text)
                guard scan.hasExpressions else { return }
                out.append(StatusFieldSchema(path: path, schema: scan.isStandalone ? nil : ["type": "string"]))
            default:
                return
            }
        }
        if let status { walk(status, [], depth: 0) }
        return out
    }

    private static func stringMap(_ entries: [LocatedEntry]) -> OrderedDictionary<String, String> {
        var out = OrderedDictionary<String, String>()
        for e in entries { if let v = e.value.scalar?.value { out[e.key.value] = v } }
        return out
    }
}
