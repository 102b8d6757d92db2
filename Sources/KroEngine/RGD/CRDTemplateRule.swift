/// KRO224: kro reads a CustomResourceDefinition template schemaless and accepts `${…}`
/// only below `metadata` (upstream checks `strings.HasPrefix(path, "metadata.")`, so an
/// expression replacing `metadata` itself is rejected too).
enum CRDTemplateRule {
    static func check(_ expressions: [RGDExpression], rgd: ResourceGraphDefinition) -> [Diagnostic] {
        let crdResources = Set(rgd.resources.filter { r in
            guard r.template != nil, let gvk = RGDAnalyzer.objectGVK(r) else { return false }
            return gvk.group == "apiextensions.k8s.io" && gvk.kind == "CustomResourceDefinition"
        }.map(\.index))
        guard !crdResources.isEmpty else { return [] }
        return expressions.compactMap { e in
            guard e.kind == .template, let index = e.resourceIndex, crdResources.contains(index) else { return nil }
            if e.path.count >= 2, e.path[0] == .field("metadata") { return nil }
            return Diagnostic(
                code: "KRO224",
                message: "CEL expressions in CRDs are only supported for metadata fields, found in path \"\(e.pathText)\", resource \(e.resourceID ?? "")",
                range: e.matchRanges.first ?? e.range)
        }
    }
}
