import FoundationEssentials
import JSON

/// kro's JSON library (cel.md §5.2).
public struct KroJSONLibrary: RuntimeLibrary {
    public init() {}

    /// `json.unmarshal`: all numbers become doubles.
    public static func unmarshal(_ text: String) throws(LibraryError) -> Value {
        do { return value(from: try GoJSONText.decode(text)) } catch {
            throw LibraryError("json.unmarshal failed to parse JSON: " + error.message)
        }
    }

    static func value(from json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .double(Double(i))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(value(from:)))
        case .object(let members): return .stringMap(members.map { ($0.key, value(from: $0.value)) })
        }
    }

    /// `json.marshal`: Go `encoding/json` text of the value's Go form (kro's
    /// `GoNativeType`), keys sorted, HTML-safe escaping.
    public static func marshal(_ v: Value) throws(LibraryError) -> String {
        let native: GoNative
        do { native = try GoNative(v) } catch { throw LibraryError("json.marshal failed to convert value: " + error.message) }
        var out = ""
        do { try native.encode(into: &out) } catch { throw LibraryError("json.marshal failed to encode value: " + error.message) }
        return out
    }

    public func register(into t: inout FunctionTable) {
        t.register("json.unmarshal", [Overload("json.unmarshal_string", [.string]) { a in try Self.unmarshal(a[0].asString) }])
        t.register("json.marshal", [Overload("json.marshal_dyn", [nil]) { a in .string(try Self.marshal(a[0])) }])
    }
}

/// A CEL value converted to what Go's JSON encoder receives.
enum GoNative {
    case null, bool(Bool), int(Int64), uint(UInt64), double(Double), string(String)
    case array([GoNative])
    case object([(String, GoNative)])

    /// kro's `conversion.GoNativeType`.
    init(_ v: Value) throws(LibraryError) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .string(Data(b).base64EncodedString())
        case .duration(let d): self = .string(d.goDescription)
        case .timestamp(let ts):
            // metav1.Time: the zero time is null, otherwise RFC 3339 in UTC, whole seconds.
            if ts.seconds == CELTimestamp.minSeconds && ts.nanos == 0 { self = .null; return }
            self = .string(CivilTime(epochSeconds: ts.seconds).dateTimeText + "Z")
        case .list(let items):
            var out: [GoNative] = []
            for item in items { out.append(try GoNative(item)) }
            self = .array(out)
        case .map(let m):
            var out: [(String, GoNative)] = []
            for (k, val) in m.entries {
                guard case .string(let key) = k else {
                    let goType: String
                    switch k {
                    case .int: goType = "int64"
                    case .uint: goType = "uint64"
                    case .bool: goType = "bool"
                    default: goType = k.kind.description
                    }
                    throw LibraryError("map key must be string, got \(goType)")
                }
                out.append((key, try GoNative(val)))
            }
            self = .object(out)
        case .optional(let inner):
            self = try inner.map { v throws(LibraryError) in try GoNative(v) } ?? .null
        case .object(let o) where o is OmitValue:
            // The sentinel is an empty Go struct: `{}`.
            self = .object([])
        case .object, .type:
            throw LibraryError("unsupported type: \(v.kind)")
        }
    }

    func encode(into out: inout String) throws(LibraryError) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d): out += try GoJSONText.formatDouble(d)
        case .string(let s): out += GoJSONText.quote(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                try item.encode(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let sorted = members.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            for (i, (k, v)) in sorted.enumerated() {
                if i > 0 { out += "," }
                out += GoJSONText.quote(k) + ":"
                try v.encode(into: &out)
            }
            out += "}"
        }
    }
}

extension Value {
    /// The CEL value of a JSON value, as `json.unmarshal` converts it (numbers become doubles).
    public init(json: JSONValue) { self = KroJSONLibrary.value(from: json) }
}
