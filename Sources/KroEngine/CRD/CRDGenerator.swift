import JSON
import OrderedCollections
import YAMLSyntax

public struct CRDResult: Sendable {
    public var name: String
    /// The CustomResourceDefinition, keys sorted as the API server returns it.
    public var crd: JSONValue
    /// CRD-acceptance findings (KRO501, KRO502, KRO510).
    public var diagnostics: [Diagnostic]
}

/// Builds the CustomResourceDefinition kro creates for an RGD (kro: pkg/graph/crd/crd.go,
/// rgd.md §15) and checks what the API server would refuse (errors.md phase 10).
public enum CRDGenerator {
    public static func generate(_ source: CRDSource) -> CRDResult {
        let group = source.effectiveGroup
        var names: JSONObject = [
            "kind": .string(source.kind), "listKind": .string(source.kind + "List"),
            "plural": .string(source.plural), "singular": .string(source.singular),
        ]
        if !source.shortNames.isEmpty { names["shortNames"] = .array(source.shortNames.map { .string($0) }) }
        if !source.categories.isEmpty { names["categories"] = .array(source.categories.map { .string($0) }) }

        let openAPI: JSONValue = [
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string"],
                "kind": ["type": "string"],
                "metadata": ["type": "object"],
                "spec": source.spec,
                "status": statusSchema(source.status),
            ],
        ]
        let columns = source.printerColumns.isEmpty ? defaultPrinterColumns : source.printerColumns.map(printerColumn)
        let version: JSONValue = [
            "name": .string(source.apiVersion),
            "served": true,
            "storage": true,
            "subresources": ["status": [:]],
            "additionalPrinterColumns": .array(columns),
            "schema": ["openAPIV3Schema": openAPI],
        ]
        var metadata: JSONObject = ["name": .string(source.crdName)]
        if !source.labels.isEmpty { metadata["labels"] = .object(source.labels.mapValues { .string($0) }) }
        if !source.annotations.isEmpty { metadata["annotations"] = .object(source.annotations.mapValues { .string($0) }) }
        let crd: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": .object(metadata),
            "spec": [
                "group": .string(group),
                "names": .object(names),
                "scope": .string(source.effectiveScope),
                "versions": [version],
            ],
        ]
        return CRDResult(name: source.crdName, crd: crd.sortedKeys(), diagnostics: check(source))
    }

    /// kro's default columns, used only when the RGD gives none (rgd.md §15.2).
    static let defaultPrinterColumns: [JSONValue] = [
        ["name": "State", "type": "string", "jsonPath": ".status.state",
         "description": "The state of a ResourceGraphDefinition instance"],
        ["name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status",
         "description": "Whether a ResourceGraphDefinition instance is ready"],
        ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp",
         "description": "Age of the resource"],
    ]

    /// A column as the typed CRD struct keeps it: known fields only, zero values dropped.
    static func printerColumn(_ column: JSONValue) -> JSONValue {
        var out = JSONObject()
        for key in ["name", "type", "format", "description", "jsonPath"] {
            if let s = column[key]?.stringValue, !s.isEmpty { out[key] = .string(s) }
        }
        if let p = column["priority"], p != .int(0) { out["priority"] = p }
        return .object(out)
    }

    /// The instance status schema: the status fields' schemas merged into one object
    /// tree, plus kro's `state` and `conditions` unless the author defines those names.
    static func statusSchema(_ fields: [StatusFieldSchema]) -> JSONValue {
        var root: JSONValue = ["type": "object", "properties": [:]]
        for field in fields {
            insert(field.schema ?? ["x-kubernetes-preserve-unknown-fields": true], at: field.path[...], into: &root)
        }
        var properties = root["properties"]?.objectValue ?? [:]
        if properties["state"] == nil { properties["state"] = ["type": "string"] }
        if properties["conditions"] == nil { properties["conditions"] = conditionsSchema }
        root = ["type": "object", "properties": .object(properties)]
        return root
    }

    static let conditionsSchema: JSONValue = [
        "type": "array",
        "items": [
            "type": "object",
            "properties": [
                "lastTransitionTime": ["type": "string"],
                "message": ["type": "string"],
                "observedGeneration": ["type": "integer"],
                "reason": ["type": "string"],
                "status": ["type": "string"],
                "type": ["type": "string"],
            ],
        ],
    ]

    /// Parents are objects for named segments and arrays for indices; all indices of an
    /// array share one `items` schema (last writer wins), as in kro.
    private static func insert(_ leaf: JSONValue, at path: ArraySlice<SchemaPathSegment>, into node: inout JSONValue) {
        guard let segment = path.first else { node = leaf; return }
        let rest = path.dropFirst()
        switch segment {
        case .field(let name):
            // Each level is taken out of its parent (a placeholder keeps the key's place)
            // while it changes, so it is changed in place: copied, it made 5,000 status
            // fields quadratic (0.8 s an edit).
            var object = node.objectValue ?? [:]
            node = .null
            if object["type"]?.stringValue != "object" || object["properties"] == nil {
                object = ["type": "object", "properties": [:]]
            }
            var properties = object["properties"]?.objectValue ?? [:]
            object["properties"] = .null
            var child = properties[name] ?? .null
            properties[name] = .null
            insert(leaf, at: rest, into: &child)
            properties[name] = child
            object["properties"] = .object(properties)
            node = .object(object)
        case .index:
            var object = node.objectValue ?? [:]
            node = .null
            if object["type"]?.stringValue != "array" { object = ["type": "array"] }
            var items = object["items"] ?? .null
            object["items"] = .null
            insert(leaf, at: rest, into: &items)
            object["items"] = items
            node = .object(object)
        }
    }

    // MARK: - What the API server rejects

    static func check(_ source: CRDSource) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let note = MarkerApplication.acceptanceNote
        let group = source.effectiveGroup
        if let problem = Self.subdomainProblem(group) ?? (group.contains(".") ? nil : "should be a domain with at least one dot") {
            out.append(Diagnostic(code: "KRO501", message: "spec.group: Invalid value: \(GoStrconv.quote(group)): \(problem)" + note,
                                  range: source.groupRange ?? source.kindRange ?? TextRange(start: 0, end: 0)))
        }
        let kindRange = source.kindRange ?? TextRange(start: 0, end: 0)
        for (field, value) in [("plural", source.plural), ("singular", source.singular)] {
            if let problem = Self.dns1035Problem(value) {
                out.append(Diagnostic(code: "KRO502", message: "spec.names.\(field): Invalid value: \(GoStrconv.quote(value)): "
                                      + problem + " (kro derives it from kind \(source.kind))" + note, range: kindRange))
            }
        }
        if source.crdName.utf8.count > 253 {
            out.append(Diagnostic(code: "KRO502", message: "metadata.name: Invalid value: \(GoStrconv.quote(source.crdName)): "
                                  + "must be no more than 253 characters" + note, range: kindRange))
        }
        for (i, column) in source.printerColumns.enumerated() {
            let range = i < source.printerColumnRanges.count ? source.printerColumnRanges[i] : kindRange
            let prefix = "spec.versions[0].additionalPrinterColumns[\(i)]"
            let type = column["type"]?.stringValue ?? ""
            if !["integer", "number", "string", "boolean", "date"].contains(type) {
                out.append(Diagnostic(code: "KRO510", message: "\(prefix).type: Unsupported value: \(GoStrconv.quote(type)): "
                                      + "supported values: \"integer\", \"number\", \"string\", \"boolean\", \"date\"" + note,
                                      range: range))
            }
            if (column["name"]?.stringValue ?? "").isEmpty {
                out.append(Diagnostic(code: "KRO510", message: "\(prefix).name: Required value" + note, range: range))
            }
            let path = column["jsonPath"]?.stringValue ?? ""
            if let problem = jsonPathProblem(path) {
                out.append(Diagnostic(code: "KRO510", message: "\(prefix).jsonPath: \(problem)" + note, range: range))
            }
        }
        return out
    }

    static func jsonPathProblem(_ path: String) -> String? {
        if path.isEmpty { return "Required value" }
        var depth = 0
        var inQuote: Character?
        for c in path {
            if let q = inQuote { if c == q { inQuote = nil }; continue }
            switch c {
            case "'", "\"": inQuote = c
            case "[", "(": depth += 1
            case "]", ")": depth -= 1
            default: break
            }
            if depth < 0 { return "Invalid value: \(GoStrconv.quote(path)): unmatched closing bracket" }
        }
        if depth != 0 || inQuote != nil { return "Invalid value: \(GoStrconv.quote(path)): unclosed bracket or quote" }
        return nil
    }

    /// Kubernetes `IsDNS1035Label`.
    static func dns1035Problem(_ s: String) -> String? {
        if s.utf8.count > 63 { return "must be no more than 63 characters" }
        let b = Array(s.utf8)
        let ok = !b.isEmpty && isLower(b[0]) && isLowerOrDigit(b[b.count - 1])
            && b.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
        return ok ? nil : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            + "alphabetic character, and end with an alphanumeric character (regex used for validation is "
            + "'[a-z]([-a-z0-9]*[a-z0-9])?')"
    }

    /// Kubernetes `IsDNS1123Subdomain`.
    static func subdomainProblem(_ s: String) -> String? {
        if s.utf8.count > 253 { return "must be no more than 253 characters" }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        let ok = labels.allSatisfy { label in
            let b = Array(label.utf8)
            return !b.isEmpty && isLowerOrDigit(b[0]) && isLowerOrDigit(b[b.count - 1])
                && b.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
        return ok ? nil : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            + "and must start and end with an alphanumeric character"
    }

    private static func isLower(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
    private static func isLowerOrDigit(_ c: UInt8) -> Bool { isLower(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) }

    /// KRO511: RGDs of one analysed set that would create the same CRD. Each gets a
    /// diagnostic on its `kind` pointing at the others.
    public static func duplicateNames(_ sources: [CRDSource]) -> [Diagnostic] {
        var byName: OrderedDictionary<String, [Int]> = [:]
        for (i, s) in sources.enumerated() { byName[s.crdName, default: []].append(i) }
        var out: [Diagnostic] = []
        // Each names at most `cycleMembersShown` of the others: 5,000 RGDs of one kind made
        // 25 million related places, 3.5 GB in 17 s.
        let shown = AnalysisLimits.cycleMembersShown
        for (name, indices) in byName where indices.count > 1 {
            for i in indices {
                let others = indices.prefix(shown + 1).filter { $0 != i }.prefix(shown)
                let related = others.map { j in
                    RelatedLocation(range: sources[j].kindRange ?? TextRange(start: 0, end: 0),
                                    message: "ResourceGraphDefinition \(sources[j].rgdName ?? "?") also generates \(name)")
                }
                let more = indices.count - 1 - others.count
                let otherNames = others.map { sources[$0].rgdName ?? "?" }.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
                out.append(Diagnostic(code: "KRO511",
                                      message: "CRD \(name) is also generated by ResourceGraphDefinition \(otherNames); kro "
                                      + "fails with \"failed to update CRD \(name): CRD is owned by another "
                                      + "ResourceGraphDefinition\"",
                                      range: sources[i].kindRange ?? TextRange(start: 0, end: 0), related: related))
            }
        }
        return out
    }
}
