/// KRO224: kro reads a CustomResourceDefinition template schemaless and accepts `${…}`
/// only below `metadata` (upstream checks `strings.HasPrefix(path, "metadata.")`, so an
/// expression replacing `metadata` itself is rejected too).
enum CRDTemplateRule {
    /// `expressions`: those of `resource`; `gvk`: its kind (`RGDAnalyzer.objectGVK`).
    static func check(_ expressions: [RGDExpression], resource r: RGDResource, gvk: GroupVersionKind?) -> [Diagnostic] {
        guard r.template != nil, let gvk,
              gvk.group == "apiextensions.k8s.io" && gvk.kind == "CustomResourceDefinition" else { return [] }
        return expressions.compactMap { e in
            guard e.kind == .template, e.resourceIndex == r.index else { return nil }
            if e.path.count >= 2, e.path[0] == .field("metadata") { return nil }
            return Diagnostic(
                code: "KRO224",
                message: "CEL expressions in CRDs are only supported for metadata fields, found in path \"\(e.pathText)\", resource \(e.resourceID ?? "")",
                range: e.matchRanges.first ?? e.range)
        }
    }
}
