import YAMLSyntax

/// RGDs written in formats kro used to accept: the kind's old name and resources written
/// as bare Kubernetes objects (before `id`/`template`). Each gets one diagnostic saying
/// what changed, instead of the errors the current format would raise one by one.
enum LegacyFormats {
    static let oldKind = "ResourceGroup"
    /// Any version of kro's API group.
    static let apiGroup = "kro.run/"

    /// KRO002 (warning, with a fix): `kind: ResourceGroup` was renamed. The document is
    /// analysed as an RGD otherwise.
    static func resourceGroupKind(_ root: YAMLNode?) -> Diagnostic? {
        guard let map = root?.mapping,
              let apiVersion = map.value(forKey: "apiVersion")?.scalar?.value, apiVersion.hasPrefix(apiGroup),
              let kind = map.value(forKey: "kind")?.scalar, kind.value == oldKind else { return nil }
        return Diagnostic(
            code: "KRO002", severity: .warning,
            message: "kind ResourceGroup was renamed ResourceGraphDefinition; kro no longer serves ResourceGroup, so the cluster will not accept this document",
            range: kind.range,
            fixes: [DiagnosticFix(title: "Rename to ResourceGraphDefinition",
                                  edits: [SourceEdit(range: kind.range, newText: RGDParser.kind)])])
    }

    /// KRO011 once for a resource written as a bare Kubernetes object (`apiVersion` and
    /// `kind` directly under `resources`, no `id`, `template` or `externalRef`).
    /// With `source`, the fix wraps it: `id:` (from the kind, not taken yet) and `template:`
    /// inserted, the object indented under `template:`.
    static func bareObjectResource(_ map: YAMLMapping, path: String, source: SourceText? = nil,
                                   takenIDs: inout Set<String>) -> Diagnostic? {
        guard isBareObject(map), let first = map.effectiveEntries.first else { return nil }
        let kind = map.value(forKey: "kind")?.scalar?.value ?? "object"
        let id = ResourceIDs.propose(for: kind, taken: &takenIDs)
        let wrap = source.flatMap { MappingEdits.wrap(map, under: "template", after: [("id", id)], source: $0) }
        return Diagnostic(
            code: "KRO011",
            message: "\(path) is a bare Kubernetes object (the format before resource ids): wrap the \(kind) in \"template:\" and give the resource an \"id:\", e.g. \"- id: \(id)\" followed by \"template:\" with the object indented under it",
            range: first.key.range,
            fixes: wrap.map { [DiagnosticFix(title: "Wrap the \(kind) in template: with id: \(id)", edits: $0)] } ?? [])
    }

    /// `apiVersion`/`metadata` and `kind` directly under the item, no `id`, `template` or `externalRef`.
    static func isBareObject(_ map: YAMLMapping) -> Bool {
        // One pass over the keys, stopping at the first resource field (most items start
        // with `id`): asked of every item, it built a set of all their keys.
        var kind = false, apiVersionOrMetadata = false
        for entry in map.effectiveEntries {
            switch entry.key.keyString {
            case "id", "template", "externalRef": return false
            case "kind": kind = true
            case "apiVersion", "metadata": apiVersionOrMetadata = true
            default: break
            }
        }
        return kind && apiVersionOrMetadata
    }
}
