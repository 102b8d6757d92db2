import YAMLSyntax

/// Ids proposed by fixes: lowerCamelCase from the kind (`ConfigMap` → `configMap`), never
/// reserved, a CEL library name or already taken in the RGD (`configMap2` then).
enum ResourceIDs {
    static func propose(for kind: String, taken: inout Set<String>) -> String {
        let name = kind.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.drop { !$0.isLetter }
        let base = name.isEmpty ? "resource" : name.prefix(1).lowercased() + name.dropFirst()
        var id = base
        var n = 2
        while taken.contains(id) || NamingRules.isReserved(id) || NamingRules.libraryNames.contains(id) || !NamingRules.isLowerCamel(id) {
            id = base + String(n)
            n += 1
        }
        taken.insert(id)
        return id
    }
}

extension AdmissionReader {
    /// KRO010, with a fix adding an `id:` named after the resource's kind.
    mutating func reportMissingID(_ map: YAMLMapping, item: YAMLNode, path: String) {
        let object = map.value(forKey: "template")?.mapping ?? map.value(forKey: "externalRef")?.mapping
        let kind = object?.value(forKey: "kind")?.scalar?.value ?? "resource"
        var fixes: [DiagnosticFix] = []
        if let source {
            let id = withTakenIDs { ResourceIDs.propose(for: kind, taken: &$0) }
            if let edits = MappingEdits.insertFirst(key: "id", value: .string(id), into: map, source: source) {
                fixes.append(DiagnosticFix(title: "Add id: \(id)", edits: edits))
            }
        }
        diagnostics.append(Diagnostic(code: "KRO010", message: "\(path).id: Required value", range: item.range, fixes: fixes))
    }
}
