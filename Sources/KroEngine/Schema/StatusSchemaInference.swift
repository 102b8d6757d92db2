import CEL
import JSON
import OrderedCollections

/// The OpenAPI schema kro writes into the generated CRD for a status field, from the
/// CEL type of its expression (cel.md §10).
public struct StatusSchemaInference: Sendable {
    public let types: any TypeProvider
    public init(types: any TypeProvider) { self.types = types }

    public func schema(for type: CELType) -> JSONValue { schema(for: type, nested: false, depth: 0) }

    private func schema(for type: CELType, nested: Bool, depth: Int) -> JSONValue {
        guard depth < 32 else { return ["x-kubernetes-preserve-unknown-fields": true] }
        switch type {
        case .bool: return ["type": "boolean"]
        case .int, .uint: return ["type": "integer"]
        case .double: return ["type": "number"]
        case .string: return ["type": "string"]
        case .bytes: return ["type": "string", "format": "byte"]
        case .null: return ["description": "null type - any value allowed", "x-kubernetes-preserve-unknown-fields": true]
        case .timestamp where !nested:
            return ["type": "string", "format": "date-time", "description": "Timestamp representing a creation time"]
        case .timestamp: return ["x-kubernetes-preserve-unknown-fields": true]
        case .dyn: return ["x-kubernetes-preserve-unknown-fields": true]
        case .list(let element):
            return ["type": "array", "items": schema(for: element, nested: nested, depth: depth + 1)]
        case .map(_, let value):
            return ["type": "object", "additionalProperties": schema(for: value, nested: nested, depth: depth + 1)]
        case .object(let name) where name.hasPrefix("__type_"):
            guard let declaration = types.objectType(named: name) else {
                return ["type": "object", "additionalProperties": true]
            }
            var properties = OrderedDictionary<String, JSONValue>()
            for (field, fieldType) in declaration.fields.sorted(by: { $0.key < $1.key })
            where !CELFieldName.reservedWords.contains(field) {
                properties[field] = schema(for: fieldType, nested: true, depth: depth + 1)
            }
            return ["type": "object", "properties": .object(properties)]
        default:
            return ["description": .string("unknown CEL type: \(type)"), "x-kubernetes-preserve-unknown-fields": true]
        }
    }
}
