import YAMLSyntax

/// KRO218 for a kind or version of a built-in API group that Kubernetes does not serve:
/// no CRD can supply it, so kro always fails to find its schema (see `BuiltinAPIs`).
/// Carries the bundle's nearest kind as a did-you-mean and a fix.
enum UnservableKindRule {
    static func check(_ r: RGDResource, gvk: GroupVersionKind, store: SchemaStore) -> Diagnostic? {
        // Kinds and versions KRO216/KRO217 already reject are not looked up.
        guard !gvk.apiVersion.contains("${"), AdmissionReader.matchesDNSLabel(gvk.kind.lowercased()),
              let object = r.objectNode?.mapping,
              let avNode = object.value(forKey: "apiVersion")?.scalar,
              let kindNode = object.value(forKey: "kind")?.scalar,
              let (reason, suggestion) = BuiltinAPIs(store: store).unservable(gvk) else { return nil }
        let rid = r.id?.value ?? ""
        var message = "failed to get schema for resource \(rid): \(reason)"
        var fixes: [DiagnosticFix] = []
        var range = kindNode.range
        if let s = suggestion {
            var edits: [SourceEdit] = []
            if s.apiVersion != gvk.apiVersion { edits.append(SourceEdit(range: avNode.range, newText: s.apiVersion)) }
            if s.kind != gvk.kind { edits.append(SourceEdit(range: kindNode.range, newText: s.kind)) }
            if s.kind == gvk.kind { range = avNode.range }
            message += s.kind == gvk.kind ? " (did you mean apiVersion \"\(s.apiVersion)\"?)"
                : " (did you mean \"\(s.apiVersion)\" \"\(s.kind)\"?)"
            fixes.append(DiagnosticFix(title: "Change to \(s.apiVersion) \(s.kind)", edits: edits))
        }
        return Diagnostic(code: "KRO218", message: message, range: range, fixes: fixes)
    }
}
