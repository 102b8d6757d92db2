import JSON

/// Kubernetes label selectors (`matchLabels`, `matchExpressions`) over supplied objects,
/// for selector-based externalRefs. An empty selector matches everything.
enum LabelSelector {
    static func matches(_ selector: JSONValue, labels: JSONValue?) -> Bool {
        let have = labels?.objectValue ?? [:]
        for (k, v) in selector["matchLabels"]?.objectValue ?? [:] where have[k] != v { return false }
        for requirement in selector["matchExpressions"]?.arrayValue ?? [] {
            guard let key = requirement["key"]?.stringValue else { return false }
            let values = requirement["values"]?.arrayValue ?? []
            let value = have[key]
            switch requirement["operator"]?.stringValue {
            case "In": if value == nil || !values.contains(value!) { return false }
            case "NotIn": if let value, values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}
