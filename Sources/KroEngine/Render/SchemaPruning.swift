import JSON
import OrderedCollections

/// Structural pruning: fields the schema does not declare are dropped (outside
/// `x-kubernetes-preserve-unknown-fields` subtrees), each with a warning, as the API
/// server does with `kubectl --validate=warn`. It reads a JSON value or, for an instance,
/// the YAML itself (`KubectlReading`), so that the fields it drops are never made into
/// JSON: an instance of 3.5 million unknown fields built 140 MB of them to throw away.
enum SchemaPruner {
    static func prune<Value: PrunableValue>(_ value: Value, schema: JSONValue, path: APIFieldPath,
                                            report: inout FieldErrorReport, depth: Int = 0) -> JSONValue {
        guard depth < 128 else { return value.json }
        if value.isObject {
            let properties = schema["properties"]?.objectValue
            let additional = schema["additionalProperties"]
            let preserve = schema["x-kubernetes-preserve-unknown-fields"] == .bool(true)
            var out = OrderedDictionary<String, JSONValue>()
            value.forEachMember { key, child in
                if let p = properties?[key] {
                    out[key] = prune(child, schema: p, path: path.child(key), report: &report, depth: depth + 1)
                } else if case .object = additional {
                    out[key] = prune(child, schema: additional!, path: path.key(key), report: &report, depth: depth + 1)
                } else if preserve || additional == .bool(true) {
                    out[key] = child.json
                } else if properties == nil && additional == nil && schema["type"] == nil {
                    out[key] = child.json    // an untyped schema keeps everything
                } else {
                    report.warning(path.child(key), "unknown field \"\(path.child(key))\"")
                }
            }
            return .object(out)
        }
        if value.isArray, let itemSchema = schema["items"] {
            var items: [JSONValue] = []
            value.forEachItem { child in
                items.append(prune(child, schema: itemSchema, path: path.index(items.count), report: &report,
                                   depth: depth + 1))
            }
            return .array(items)
        }
        return value.json
    }
}

/// Structural defaulting: a missing (or null, when not nullable) property gets its
/// `default`, then defaulting continues inside it, in array items and in map values.
enum SchemaDefaulter {
    static func apply(_ value: JSONValue, schema: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 128 else { return value }
        switch value {
        case .object(var members):
            if let properties = schema["properties"]?.objectValue {
                for (key, p) in properties {
                    if members[key] == .null && p["nullable"] != .bool(true) { members.removeValue(forKey: key) }
                    if members[key] == nil, let d = p["default"] { members[key] = d }
                }
                for (key, p) in properties {
                    if let child = members[key] { members[key] = apply(child, schema: p, depth: depth + 1) }
                }
            }
            if case .object = schema["additionalProperties"], let a = schema["additionalProperties"] {
                for key in members.keys where schema["properties"]?[key] == nil {
                    members[key] = apply(members[key]!, schema: a, depth: depth + 1)
                }
            }
            return .object(members)
        case .array(let items):
            guard let itemSchema = schema["items"] else { return value }
            return .array(items.map { apply($0, schema: itemSchema, depth: depth + 1) })
        default:
            return value
        }
    }
}
