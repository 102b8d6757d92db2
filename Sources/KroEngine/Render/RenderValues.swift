import CEL
import JSON
import OrderedCollections

/// Conversions between the JSON of Kubernetes objects and CEL values (cel.md, rgd.md
/// §18d; kro: `conversion.GoNativeType` + `EnsureJSONSafe`).
public enum RenderValues {
    /// The CEL value of a JSON document, as kro's unstructured wrapping reads it: integral
    /// numbers are ints, others doubles; a `number` field of `schema` holding an integer
    /// reads as a double.
    public static func cel(_ json: JSONValue, schema: JSONValue? = nil) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return schema?["type"]?.stringValue == "number" ? .double(Double(i)) : .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items):
            let itemSchema = schema?["items"]
            return .list(items.map { cel($0, schema: itemSchema) })
        case .object(let members):
            var m = CELMap()
            for (k, v) in members { m[.string(k)] = cel(v, schema: propertySchema(schema, k)) }
            return .map(m)
        }
    }

    /// The schema of property `key` of an object schema (its `properties` entry, else a
    /// schema-valued `additionalProperties`).
    static func propertySchema(_ schema: JSONValue?, _ key: String) -> JSONValue? {
        guard let schema else { return nil }
        if let p = schema["properties"]?[key] { return p }
        if case .object = schema["additionalProperties"] { return schema["additionalProperties"] }
        return nil
    }

    /// Why a CEL result cannot be written into an object.
    public struct ConversionError: Error, Sendable, Hashable {
        public var message: String
        /// KRO604 (bytes) or KRO605 (uint overflow); KRO603 otherwise.
        public var code: String
    }

    /// The JSON written for a CEL result; nil when the value is `omit()` (the field is
    /// removed). `omit()` nested inside lists and maps is dropped, as kro's resolver
    /// removes every sentinel left in the object.
    public static func json(_ value: Value) throws(ConversionError) -> JSONValue? {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u):
            guard u <= UInt64(Int64.max) else {
                throw ConversionError(message: "unsupported type: uint value \(u) overflows int64; convert it explicitly, e.g. string(...)", code: "KRO605")
            }
            return .int(Int64(u))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes:
            throw ConversionError(message: "unsupported type: bytes value cannot be used directly in a resource template or status field; encode it explicitly, e.g. base64.encode(...)", code: "KRO604")
        case .timestamp(let t):
            // metav1.Time: RFC 3339 in UTC, whole seconds.
            return .string(CELTimestamp(seconds: t.seconds)?.description ?? t.description)
        case .duration(let d): return .string(d.goDescription)
        case .optional(let inner):
            guard let inner else { return .null }
            return try json(inner)
        case .list(let items):
            var out: [JSONValue] = []
            for item in items { if let j = try json(item) { out.append(j) } }
            return .array(out)
        case .map(let m):
            var out = JSONObject()
            for (k, v) in m.entries {
                guard case .string(let key) = k else {
                    throw ConversionError(message: "map key must be string, got \(k.kind)", code: "KRO603")
                }
                if let j = try json(v) { out[key] = j }
            }
            return .object(out)
        case .type(let t): return .string(t.name)
        case .object(let o):
            if o is OmitValue { return nil }
            if let c = o as? KroCondition {
                var out: JSONObject = ["type": .string(c.type), "status": .string(c.status)]
                if !c.reason.isEmpty { out["reason"] = .string(c.reason) }
                if !c.message.isEmpty { out["message"] = .string(c.message) }
                return .object(out)
            }
            throw ConversionError(message: "unsupported type: \(o.typeName)", code: "KRO603")
        }
    }
}
