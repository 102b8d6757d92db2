import JSON

/// Checks a `default` value against its schema the way the API server does before it
/// accepts a CRD: type, enum, numeric and length limits, required properties. Patterns
/// and CEL rules are not evaluated here (no RE2/Kubernetes CEL engine), so they never
/// produce a finding.
enum DefaultValidator {
    /// The first problem found, phrased like the API server (`<path>: <reason>`), or nil.
    static func problem(_ value: JSONValue, schema: JSONValue, path: String, depth: Int = 0) -> String? {
        guard depth < 64, let s = schema.objectValue else { return nil }
        if s["x-kubernetes-preserve-unknown-fields"] == .bool(true), s["type"]?.stringValue == "object",
           s["properties"] == nil, s["additionalProperties"] == nil {
            return value.objectValue == nil ? "\(path): Invalid value: must be of type object" : nil
        }
        if let type = s["type"]?.stringValue {
            let matches: Bool = switch (type, value) {
            case ("string", .string), ("boolean", .bool), ("integer", .int), ("number", .int),
                 ("number", .double), ("array", .array), ("object", .object): true
            default: false
            }
            if !matches { return "\(path): Invalid value: \(describe(value)): must be of type \(type)" }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(where: { same($0, value) }) {
            return "\(path): Unsupported value: \(describe(value)): supported values: "
                + options.map(describe).joined(separator: ", ")
        }
        if let n = JSONNumber.double(value) {
            if let min = s["minimum"].flatMap(JSONNumber.double), n < min {
                return "\(path): Invalid value: \(describe(value)): must be greater than or equal to \(JSONNumber.text(min))"
            }
            if let max = s["maximum"].flatMap(JSONNumber.double), n > max {
                return "\(path): Invalid value: \(describe(value)): must be less than or equal to \(JSONNumber.text(max))"
            }
        }
        if case .string(let str) = value {
            let length = str.unicodeScalars.count
            if case .int(let min)? = s["minLength"], length < min {
                return "\(path): Invalid value: \(describe(value)): should be at least \(min) chars long"
            }
            if case .int(let max)? = s["maxLength"], length > max {
                return "\(path): Too long: may not be more than \(max) bytes"
            }
        }
        if case .array(let items) = value {
            if case .int(let min)? = s["minItems"], items.count < min {
                return "\(path): Invalid value: \(items.count): should have at least \(min) items"
            }
            if case .int(let max)? = s["maxItems"], items.count > max {
                return "\(path): Too many: \(items.count): must have at most \(max) items"
            }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() {
                    if let p = problem(item, schema: itemSchema, path: "\(path)[\(i)]", depth: depth + 1) { return p }
                }
            }
        }
        if case .object(let members) = value {
            let properties = s["properties"]?.objectValue ?? [:]
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                // The API server applies nested defaults first, so a defaulted property counts as present.
                if properties[name]?["default"] == nil { return "\(path).\(name): Required value" }
            }
            for (key, member) in members {
                if let propSchema = properties[key] {
                    if let p = problem(member, schema: propSchema, path: "\(path).\(key)", depth: depth + 1) { return p }
                } else if let additional = s["additionalProperties"] {
                    if let p = problem(member, schema: additional, path: "\(path).\(key)", depth: depth + 1) { return p }
                }
                // Unknown properties are pruned, not rejected.
            }
        }
        return nil
    }

    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = JSONNumber.double(a), let y = JSONNumber.double(b) { return x == y }
        return a == b
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): GoStrconv.quote(s)
        case .array: "array"
        case .object: "object"
        }
    }
}
