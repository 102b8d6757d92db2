import JSON
import OrderedCollections
import YAMLSyntax
@testable import KroEngine

/// The JSON of the first YAML document of `text` (test expectations are written as YAML).
func yamlObject(_ text: String) -> JSONValue {
    YAMLParser.parse(SourceText(text)).documents.first?.root?.jsonValue ?? .null
}

/// Renders `instance` against the RGD of `rgdText` as `kro-lsp render` does.
func renderPreview(_ rgdText: String, _ instance: String, options: RenderOptions = .init()) -> RenderResult? {
    var analysisOptions = AnalysisOptions.bundled
    analysisOptions.omitFunctionEnabled = options.omitFunctionEnabled
    let analysis = DocumentAnalyzer.analyze(SourceText(rgdText), options: analysisOptions)
    guard case .success(let result) = Preview.render(rgds: analysis.rgds, instance: YAMLParser.parse(SourceText(instance)),
                                                     options: options, schemaStore: analysisOptions.schemaStore) else { return nil }
    return result
}

extension RenderResult {
    func node(_ id: String) -> RenderedNode? { nodes.first { $0.id == id } }
}

/// The labels kro's controller puts on a child object (written out literally by each test
/// from its own inputs; the applyset id is base64url(sha256("name.namespace.Kind.group"))).
func kroChildLabels(node: String, instance: String, namespace: String?, kind: String, applySet: String,
                    rgd: String = "demo", collection: (Int, Int)? = nil) -> OrderedDictionary<String, JSONValue> {
    var labels: OrderedDictionary<String, JSONValue> = [
        "kro.run/owned": "true",
        "kro.run/resource-graph-definition-name": .string(rgd),
        "kro.run/instance-name": .string(instance),
    ]
    if let namespace { labels["kro.run/instance-namespace"] = .string(namespace) }
    labels["kro.run/instance-group"] = "kro.run"
    labels["kro.run/instance-version"] = "v1alpha1"
    labels["kro.run/instance-kind"] = .string(kind)
    labels["app.kubernetes.io/managed-by"] = "kro"
    labels["kro.run/node-id"] = .string(node)
    if let (i, n) = collection {
        labels["kro.run/collection-index"] = .string(String(i))
        labels["kro.run/collection-size"] = .string(String(n))
    }
    labels["applyset.kubernetes.io/part-of"] = .string(applySet)
    return labels
}

/// `expected` with kro's labels merged into `metadata.labels` (after the template's own)
/// and the apply-order annotation.
func withKroMetadata(_ expected: JSONValue, labels: OrderedDictionary<String, JSONValue>, applyOrder: Int) -> JSONValue {
    guard case .object(var members) = expected, case .object(var meta)? = members["metadata"] else { return expected }
    var all = meta["labels"]?.objectValue ?? [:]
    for (k, v) in labels { all[k] = v }
    meta["labels"] = .object(all)
    var annotations = meta["annotations"]?.objectValue ?? [:]
    annotations["internal.kro.run/apply-order"] = .string(String(applyOrder))
    meta["annotations"] = .object(annotations)
    members["metadata"] = .object(meta)
    return .object(members)
}

/// An RGD named `demo` whose `spec.schema` is `apiVersion: v1alpha1`, `kind`, then `schema`
/// lines, and whose `spec.resources` are `resources` (both written unindented).
func demoRGD(kind: String = "Demo", schema: String, resources: String) -> String {
    RGDFixture.text(name: "demo", kind: kind, schema: schema, resources: resources)
}
