import CEL

/// kro's `AreTypesStructurallyCompatible` (cel.md §9): consulted when plain CEL
/// assignability fails, so that a map literal or another resource's object can fill a
/// field whose nominal type differs but whose shape fits.
public struct StructuralCompatibility: Sendable {
    public let types: any TypeProvider
    public init(types: any TypeProvider) { self.types = types }

    /// nil when compatible, else why not (the detail kro appends to KRO334).
    public func incompatibility(output: CELType, expected: CELType, depth: Int = 0) -> String? {
        if depth > 64 { return nil }
        switch (output, expected) {
        case (_, .dyn), (.dyn, _):
            return nil
        case (.optional(let inner), _):
            return incompatibility(output: inner, expected: expected, depth: depth + 1)
        case (.map(let key, let value), .object(let name)):
            guard key == .string || key == .dyn else { return "map keys must be strings to assign to struct" }
            guard let fields = types.objectType(named: name)?.fields else { return nil }
            for (field, fieldType) in fields.sorted(by: { $0.key < $1.key }) {
                if let why = incompatibility(output: value, expected: fieldType, depth: depth + 1) {
                    return "map value incompatible with struct field \"\(field)\": \(why)"
                }
            }
            return nil
        case (.object(let name), .map(let key, let value)):
            guard key == .string || key == .dyn else { return "type kind mismatch: got \"\(output)\", expected \"\(expected)\"" }
            guard let fields = types.objectType(named: name)?.fields else { return nil }
            for (field, fieldType) in fields.sorted(by: { $0.key < $1.key }) {
                if let why = incompatibility(output: fieldType, expected: value, depth: depth + 1) {
                    return "struct field \"\(field)\" incompatible with map value type: \(why)"
                }
            }
            return nil
        case (.list(let outElement), .list(let expectedElement)):
            if let why = incompatibility(output: outElement, expected: expectedElement, depth: depth + 1) {
                return "list element type incompatible: \(why)"
            }
            return nil
        case (.map(let outKey, let outValue), .map(let expectedKey, let expectedValue)):
            if let why = incompatibility(output: outKey, expected: expectedKey, depth: depth + 1) {
                return "map key type incompatible: \(why)"
            }
            if let why = incompatibility(output: outValue, expected: expectedValue, depth: depth + 1) {
                return "map value type incompatible: \(why)"
            }
            return nil
        case (.object(let outName), .object(let expectedName)):
            guard let out = types.objectType(named: outName), let exp = types.objectType(named: expectedName) else {
                return nil
            }
            if exp.allowsUnknownFields { return nil }
            for (field, fieldType) in out.fields.sorted(by: { $0.key < $1.key }) {
                guard let expectedField = exp.fields[field] else {
                    return "field \"\(field)\" exists in output but not in expected type"
                }
                if let why = incompatibility(output: fieldType, expected: expectedField, depth: depth + 1) {
                    return "field \"\(field)\" has incompatible type: \(why)"
                }
            }
            return nil
        default:
            return Self.kind(of: output) == Self.kind(of: expected)
                ? nil : "type kind mismatch: got \"\(output)\", expected \"\(expected)\""
        }
    }

    /// The coarse kind of a type, as cel-go's `Kind()` compares them in rule 8.
    static func kind(of type: CELType) -> String {
        switch type {
        case .list: return "list"
        case .map: return "map"
        case .object: return "struct"
        case .optional: return "optional"
        case .type: return "type"
        case .opaque(let name, _): return "opaque:" + name
        default: return type.description
        }
    }
}
