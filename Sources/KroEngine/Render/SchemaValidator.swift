import CEL
import JSON

/// OpenAPI v3 validation of a pruned, defaulted value, with the API server's field-error
/// wording (apiextensions-apiserver's conversion of kube-openapi errors).
enum SchemaValidator {
    static func validate(_ value: JSONValue, schema: JSONValue, path: APIFieldPath, report: inout FieldErrorReport,
                         depth: Int = 0) {
        guard depth < 128 else { return }
        if value == .null {
            if schema["nullable"] != .bool(true), let type = schema["type"]?.stringValue {
                report.error(path, "Invalid value: \"null\": \(path) in body must be of type \(type): \"null\"", at: .value)
            }
            return
        }
        guard checkType(value, schema: schema, path: path, report: &report) else { return }
        if let allowed = schema["enum"]?.arrayValue, !report.enums.allows(value, allowed) {
            report.error(path, "Unsupported value: \(goText(value)): supported values: \(report.enums.choices(allowed, choices))", at: .value)
        }
        switch value {
        case .string(let s): validateString(s, schema: schema, path: path, report: &report)
        case .int, .double: validateNumber(value, schema: schema, path: path, report: &report)
        case .array(let items):
            validateArray(items, schema: schema, path: path, report: &report)
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() {
                    validate(item, schema: itemSchema, path: path.index(i), report: &report, depth: depth + 1)
                }
            }
        case .object(let members):
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                report.missingRequired(name, of: path, schema: schema["properties"]?[name])
            }
            if let max = schema["maxProperties"].flatMap(intValue), members.count > max {
                report.error(path, "Too many: \(members.count): must have at most \(max) items", at: .value)
            }
            if let min = schema["minProperties"].flatMap(intValue), members.count < min {
                report.error(path, "Invalid value: \(members.count): \(path) in body should have at least \(min) properties", at: .value)
            }
            let properties = schema["properties"]?.objectValue
            for (key, child) in members {
                if let p = properties?[key] {
                    validate(child, schema: p, path: path.child(key), report: &report, depth: depth + 1)
                } else if case .object = schema["additionalProperties"], let a = schema["additionalProperties"] {
                    validate(child, schema: a, path: path.key(key), report: &report, depth: depth + 1)
                }
            }
        default:
            break
        }
        ValidationRules.check(value, schema: schema, path: path, report: &report)
    }

    /// False (after reporting) when the value's JSON type is not the schema's.
    private static func checkType(_ value: JSONValue, schema: JSONValue, path: APIFieldPath,
                                  report: inout FieldErrorReport) -> Bool {
        if schema["x-kubernetes-int-or-string"] == .bool(true) {
            switch value {
            case .int, .string: return true
            default:
                let actual = InstanceAdmission.typeName(value)
                report.error(path, "Invalid value: \"\(actual)\": \(path) in body must be of type integer,string: \"\(actual)\"", at: .value)
                return false
            }
        }
        guard let type = schema["type"]?.stringValue else { return true }
        let ok: Bool = switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
             ("array", .array), ("object", .object): true
        default: false
        }
        if !ok {
            let actual = InstanceAdmission.typeName(value)
            report.error(path, "Invalid value: \"\(actual)\": \(path) in body must be of type \(type): \"\(actual)\"", at: .value)
        }
        return ok
    }

    private static func validateString(_ s: String, schema: JSONValue, path: APIFieldPath, report: inout FieldErrorReport) {
        let length = s.unicodeScalars.count
        if let max = schema["maxLength"].flatMap(intValue), length > max {
            report.error(path, "Too long: may not be more than \(max) bytes", at: .value)
        }
        if let min = schema["minLength"].flatMap(intValue), length < min {
            report.error(path, "Invalid value: \(goText(.string(s))): \(path) in body should be at least \(min) chars long", at: .value)
        }
        if let pattern = schema["pattern"]?.stringValue, let regex = report.patterns.regex(pattern), !regex.matches(s) {
            report.error(path, "Invalid value: \(goText(.string(s))): \(path) in body should match '\(pattern)'", at: .value)
        }
    }

    private static func validateNumber(_ value: JSONValue, schema: JSONValue, path: APIFieldPath, report: inout FieldErrorReport) {
        guard let x = doubleValue(value) else { return }
        let text = goText(value)
        if let min = schema["minimum"].flatMap(doubleValue) {
            let exclusive = schema["exclusiveMinimum"] == .bool(true)
            if exclusive ? x <= min : x < min {
                report.error(path, "Invalid value: \(text): \(path) in body should be greater than \(exclusive ? "" : "or equal to ")\(numberText(schema["minimum"]!))", at: .value)
            }
        }
        if let max = schema["maximum"].flatMap(doubleValue) {
            let exclusive = schema["exclusiveMaximum"] == .bool(true)
            if exclusive ? x >= max : x > max {
                report.error(path, "Invalid value: \(text): \(path) in body should be less than \(exclusive ? "" : "or equal to ")\(numberText(schema["maximum"]!))", at: .value)
            }
        }
        if let m = schema["multipleOf"].flatMap(doubleValue), m > 0, (x / m).rounded() != x / m {
            report.error(path, "Invalid value: \(text): \(path) in body should be a multiple of \(numberText(schema["multipleOf"]!))", at: .value)
        }
    }

    private static func validateArray(_ items: [JSONValue], schema: JSONValue, path: APIFieldPath, report: inout FieldErrorReport) {
        if let max = schema["maxItems"].flatMap(intValue), items.count > max {
            report.error(path, "Too many: \(items.count): must have at most \(max) items", at: .value)
        }
        if let min = schema["minItems"].flatMap(intValue), items.count < min {
            report.error(path, "Invalid value: \(items.count): \(path) in body should have at least \(min) items", at: .value)
        }
        let listType = schema["x-kubernetes-list-type"]?.stringValue
        // Sets, not lists, of what was seen: 200,000 distinct items searched a list for each.
        if listType == "set" || schema["uniqueItems"] == .bool(true) {
            var seen: Set<JSONValue> = []
            for (i, item) in items.enumerated() where !seen.insert(item).inserted {
                report.error(path.index(i), "Duplicate value: \(goText(item))", at: .value)
            }
        } else if listType == "map", let keys = schema["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) {
            var seen: Set<[JSONValue]> = []
            for (i, item) in items.enumerated() {
                let key = keys.map { item[$0] ?? .null }
                if !seen.insert(key).inserted {
                    let shown = zip(keys, key).map { "\"\($0.0)\":\($0.1.jsonText)" }.joined(separator: ",")
                    report.error(path.index(i), "Duplicate value: map[string]interface {}{\(shown)}", at: .value)
                }
            }
        }
    }

    static func intValue(_ v: JSONValue) -> Int? {
        switch v {
        case .int(let i): Int(exactly: i)
        case .double(let d): Int(exactly: d)
        default: nil
        }
    }

    static func doubleValue(_ v: JSONValue) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    static func numberText(_ v: JSONValue) -> String {
        if case .double(let d) = v, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return v.jsonText
    }

    /// The allowed values as the API server lists them, up to what a message keeps (an
    /// enum of 100,000 values made each finding's text 1 MB before it was cut).
    static func choices(_ allowed: [JSONValue]) -> String {
        var out = ""
        for (i, v) in allowed.enumerated() {
            if i > 0 { out += ", " }
            out += goText(v)
            if out.utf8.count > Diagnostic.maxMessageBytes {
                return out + ", … (\(allowed.count - i - 1) more)"
            }
        }
        return out
    }

    /// A value as Go's `%#v`/`%q` shows it in field errors: strings quoted, numbers plain.
    static func goText(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): GoQuote.quote(s)
        default: v.jsonText
        }
    }
}
