import YAMLSyntax

/// kro's naming checks (rgd.md §5, errors.md phase 1: KRO201–KRO209) plus lint KRO908.
public enum NamingRules {
    static let kroReserved: Set<String> = [
        "apiVersion", "context", "dependency", "dependencies", "each", "externalRef", "externalReference",
        "externalRefs", "externalReferences", "graph", "instance", "item", "items", "kind", "kro", "metadata",
        "namespace", "object", "resource", "resourcegraphdefinition", "resourceGraphDefinition", "resources",
        "root", "runtime", "schema", "self", "serviceAccountName", "spec", "status", "this", "variables", "vars",
        "version",
    ]
    public static let celReserved: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]
    /// Both lists in one set: one hash per id on every edit.
    private static let reserved = kroReserved.union(celReserved)
    public static func isReserved(_ word: String) -> Bool { reserved.contains(word) }

    /// `^[a-z][a-zA-Z0-9]*$`.
    public static func isLowerCamel(_ s: String) -> Bool {
        let b = s.utf8  // read in place: checked for every id on every edit
        guard let first = b.first, AdmissionReader.isLower(first) else { return false }
        return b.allSatisfy(AdmissionReader.isAlnum)
    }

    /// CEL namespaces and global functions an id would be confused with (KRO908).
    static let libraryNames: Set<String> = [
        "hash", "json", "random", "lists", "strings", "base64", "optional", "cel", "url", "ip", "cidr",
        "semver", "quantity", "math", "sets", "dyn", "int", "uint", "double", "bool", "string", "bytes",
        "list", "map", "type", "duration", "timestamp", "size", "has", "matches", "isURL", "isIP", "isCIDR",
        "isSemver", "isQuantity", "omit", "sign",
    ]

    static func check(_ rgd: ResourceGraphDefinition, maxDimensions: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let prefix = "naming convention violation: "
        if let kind = rgd.schema?.kind, !AdmissionReader.matchesKind(kind.value, maxTail: nil) {
            out.append(Diagnostic(code: "KRO201",
                                  message: prefix + "kind '\(kind.value)' is not a valid KRO kind name: must be UpperCamelCase",
                                  range: kind.range))
        }
        var seen: [String: TextRange] = [:]
        seen.reserveCapacity(rgd.resources.count)
        // By index: a loop over the resources would copy each one (this runs on every edit).
        for k in rgd.resources.indices {
            guard let id = rgd.resources[k].id else { continue }
            if isReserved(id.value) {
                out.append(Diagnostic(code: "KRO202", message: prefix + "id \(id.value) is a reserved keyword in KRO",
                                      range: id.range))
            } else if !isLowerCamel(id.value) {
                out.append(Diagnostic(code: "KRO203",
                                      message: prefix + "id \(id.value) is not a valid KRO resource id: must be lower camelCase",
                                      range: id.range))
            } else if let first = seen.updateValue(id.range, forKey: id.value) {
                seen[id.value] = first  // the first stays (one lookup for the usual new id)
                out.append(Diagnostic(code: "KRO204", message: prefix + "found duplicate resource IDs \(id.value)",
                                      range: id.range,
                                      related: [RelatedLocation(range: first, message: "first \"\(id.value)\" here")]))
            } else {
                if libraryNames.contains(id.value) {
                    out.append(Diagnostic(code: "KRO908", severity: .warning,
                                          message: "id \(id.value) has the name of a CEL library namespace or function; calls like \(id.value)(…) or \(id.value).f(…) will not refer to this resource",
                                          range: id.range))
                }
            }
        }
        // Without forEach there is nothing to check.
        for k in rgd.resources.indices where !rgd.resources[k].forEach.isEmpty {
            out += checkIterators(rgd.resources[k], ids: seen, maxDimensions: maxDimensions)
        }
        return out
    }

    /// kubectl reads a plain key `y`/`yes`/`on` (`n`/`no`/`off`) as a YAML 1.1 boolean, so an
    /// iterator written `- n: …` arrives as "false": say so, the author never wrote "false".
    static func yamlBooleanKeyHint(_ name: String) -> String {
        switch name {
        case "true": " (kubectl reads a plain key y, yes, on or true as the boolean true; quote the name to keep it)"
        case "false": " (kubectl reads a plain key n, no, off or false as the boolean false; quote the name to keep it)"
        default: ""
        }
    }

    private static func checkIterators(_ r: RGDResource, ids: [String: TextRange], maxDimensions: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let rid = r.id?.value ?? ""
        if r.forEach.count > maxDimensions, let key = r.forEachKeyRange {
            out.append(Diagnostic(code: "KRO205",
                                  message: "resource \"\(rid)\": forEach cannot have more than \(maxDimensions) dimensions, got \(r.forEach.count)",
                                  range: key))
        }
        var seen: [String: TextRange] = [:]
        for dim in r.forEach {
            let n = dim.name.value
            let message: String, code: String
            var related: [RelatedLocation] = []
            if !isLowerCamel(n) {
                code = "KRO206"; message = "forEach iterator name \"\(n)\" is not valid: must be lowerCamelCase"
            } else if isReserved(n) {
                code = "KRO207"; message = "forEach iterator name \"\(n)\" is a reserved keyword"
                    + Self.yamlBooleanKeyHint(n)
            } else if let other = ids[n] {
                code = "KRO208"; message = "forEach iterator name \"\(n)\" conflicts with resource ID"
                related = [RelatedLocation(range: other, message: "resource \"\(n)\" declared here")]
            } else if let first = seen[n] {
                code = "KRO209"; message = "duplicate forEach iterator name \"\(n)\""
                related = [RelatedLocation(range: first, message: "first \"\(n)\" here")]
            } else {
                seen[n] = dim.name.range
                continue
            }
            out.append(Diagnostic(code: code, message: "resource \"\(rid)\": " + message, range: dim.name.range,
                                  related: related))
        }
        return out
    }
}
