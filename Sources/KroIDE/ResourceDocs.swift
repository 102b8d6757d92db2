import KroEngine
import YAMLSyntax

/// What authors want to know about a resource id: its kind, where it is declared, what it
/// depends on and what depends on it.
enum ResourceDocs {
    /// `apps/v1 Deployment`, from the template or externalRef.
    static func kindText(_ r: RGDResource) -> String? {
        guard let object = r.objectNode?.mapping,
              let kind = object.value(forKey: "kind")?.scalar?.value else { return nil }
        let apiVersion = object.value(forKey: "apiVersion")?.scalar?.value
        return apiVersion.map { "\($0) \(kind)" } ?? kind
    }

    /// `dependentsByNode`: the graph's, when the caller documents many resources.
    static func markdown(_ r: RGDResource, rgd: RGDSnapshot, source: SourceText? = nil,
                         dependentsByNode: [String: [String]]? = nil) -> String {
        let id = r.id?.value ?? "?"
        var lines = ["**\(id)**: " + (kindText(r).map { "`\($0)`" } ?? "unknown kind") + " (\(r.nodeType.rawValue))"]
        if let source, let range = r.id?.range {
            lines.append("declared on line \(source.position(of: range.start, encoding: .utf8).line + 1)")
        }
        let dependsOn = (rgd.graph.edges[id] ?? []).map(\.to)
        lines.append("depends on: " + (dependsOn.isEmpty ? "nothing" : MarkdownText.codeList(dependsOn, count: dependsOn.count)))
        let dependents = (dependentsByNode ?? rgd.graph.dependentsByNode())[id] ?? []
        lines.append("dependents: " + (dependents.isEmpty ? "none" : MarkdownText.codeList(dependents, count: dependents.count)))
        return lines.joined(separator: "\n\n")
    }
}
