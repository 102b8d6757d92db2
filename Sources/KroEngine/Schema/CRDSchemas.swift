import JSON
import OrderedCollections

/// Reads the kinds a CustomResourceDefinition object defines: one `KindSchema` per
/// served version. A raw CRD says only `metadata: {type: object}`; the API server
/// publishes CRD schemas with the full ObjectMeta, and kro types them that way, so the
/// metadata schema is replaced by a reference to ObjectMeta (rgd.md §7.3).
public enum CRDSchemas {
    public static let objectMetaDefinition = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

    /// The kinds `crd` defines; empty when it is not a CRD or has no served version.
    public static func kinds(in crd: JSONValue, path: String) -> [KindSchema] {
        guard crd["kind"]?.stringValue == "CustomResourceDefinition",
              let apiVersion = crd["apiVersion"]?.stringValue, apiVersion.hasPrefix("apiextensions.k8s.io/"),
              let spec = crd["spec"],
              let group = spec["group"]?.stringValue,
              let kind = spec["names"]?["kind"]?.stringValue
        else { return [] }
        let scope = ResourceScope(rawValue: spec["scope"]?.stringValue ?? "Namespaced") ?? .namespaced
        var result: [KindSchema] = []
        for version in spec["versions"]?.arrayValue ?? [] {
            guard let name = version["name"]?.stringValue, version["served"] != .bool(false) else { continue }
            let root = version["schema"]?["openAPIV3Schema"].flatMap { OpenAPISchema(json: $0) } ?? OpenAPISchema(["type": "object"])
            result.append(KindSchema(
                gvk: GroupVersionKind(group: group, version: name, kind: kind),
                scope: scope,
                root: withStandardObjectFields(root),
                origin: .crd(path: path)))
        }
        return result
    }

    /// `apiVersion` and `kind` as strings, `metadata` as the full ObjectMeta.
    static func withStandardObjectFields(_ root: OpenAPISchema) -> OpenAPISchema {
        var properties = root.raw["properties"]?.objectValue ?? [:]
        properties["apiVersion"] = properties["apiVersion"] ?? ["type": "string"]
        properties["kind"] = properties["kind"] ?? ["type": "string"]
        var metadata: OrderedDictionary<String, JSONValue> = ["$ref": .string("#/definitions/\(objectMetaDefinition)")]
        if let description = properties["metadata"]?["description"] { metadata["description"] = description }
        properties["metadata"] = .object(metadata)
        var schema = root.replacing("properties", with: .object(properties))
        if schema.type == nil { schema = schema.replacing("type", with: "object") }
        return schema
    }
}
