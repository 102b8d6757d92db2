import OrderedCollections

/// A CEL runtime value.
///
/// Errors and unknowns are not values: evaluation throws them (see `EvalError`,
/// `EvalFailure`), and the non-strict operators (`&&`, `||`, `?:`, comprehension loop
/// conditions) catch them so that their results are commutative as the cel-spec requires.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    case map(CELMap)
    /// A type value such as `int` or `google.protobuf.Timestamp` (the result of `type(x)`).
    case type(TypeValue)
    case timestamp(CELTimestamp)
    case duration(CELDuration)
    /// `optional.of(x)` is `.optional(x)`, `optional.none()` is `.optional(nil)`.
    indirect case optional(Value?)
    /// An extension value defined by a library (Quantity, IP, URL, …).
    case object(any OpaqueValue)
}

/// Values that libraries add to CEL (`kubernetes.Quantity`, `net.IP`, …).
///
/// Implementations must be immutable value types. Equality is used by `==`, `in` and map
/// values; `compare(to:)` (when not nil) by `<`, `<=`, `>`, `>=` and `sort()`.
public protocol OpaqueValue: Sendable, CustomStringConvertible {
    /// The CEL type name, e.g. `kubernetes.Quantity`; also the name `type(x)` returns.
    var typeName: String { get }
    /// Equality with another value of any extension type (false when types differ).
    func isEqual(to other: any OpaqueValue) -> Bool
    /// Ordering against another extension value: negative, zero, positive; nil when the
    /// two are not comparable (`<` then fails with "no such overload").
    func compare(to other: any OpaqueValue) -> Int?
    /// Field selection `x.name` on the value; nil means "no such field".
    func field(_ name: String) -> Value?
    /// Whether this is the zero value of its type (`optional.ofNonZeroValue`).
    var isZeroValue: Bool { get }
}

extension OpaqueValue {
    public func compare(to other: any OpaqueValue) -> Int? { nil }
    public func field(_ name: String) -> Value? { nil }
    public var isZeroValue: Bool { false }
    public var description: String { typeName }
}

/// A CEL type used as a value: `type(1) == int`.
public struct TypeValue: Hashable, Sendable, CustomStringConvertible {
    /// cel-go's name of the type: `int`, `list`, `google.protobuf.Timestamp`, `optional_type`, …
    public var name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let null = TypeValue("null_type")
    public static let bool = TypeValue("bool")
    public static let int = TypeValue("int")
    public static let uint = TypeValue("uint")
    public static let double = TypeValue("double")
    public static let string = TypeValue("string")
    public static let bytes = TypeValue("bytes")
    public static let list = TypeValue("list")
    public static let map = TypeValue("map")
    public static let type = TypeValue("type")
    public static let timestamp = TypeValue("google.protobuf.Timestamp")
    public static let duration = TypeValue("google.protobuf.Duration")
    public static let optional = TypeValue("optional_type")

    /// Type names an identifier may denote when no variable of that name exists.
    public static let builtinNames: [String: TypeValue] = {
        var names: [String: TypeValue] = [:]
        for t in [null, bool, int, uint, double, string, bytes, list, map, type, timestamp, duration, optional] {
            names[t.name] = t
        }
        return names
    }()
}

/// The coarse runtime kind of a value, used for overload dispatch.
public enum ValueKind: Hashable, Sendable, CustomStringConvertible {
    case null, bool, int, uint, double, string, bytes, list, map, type, timestamp, duration, optional
    /// An extension value with this type name.
    case object(String)

    public var description: String { typeValue.name }

    /// The type value `type(x)` returns for a value of this kind.
    public var typeValue: TypeValue {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .optional: return .optional
        case .object(let name): return TypeValue(name)
        }
    }
}

extension Value {
    public var kind: ValueKind {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .optional: return .optional
        case .object(let o): return .object(o.typeName)
        }
    }

    /// Whether the value has this kind (without building the kind of an extension value
    /// unless needed).
    @inline(__always)
    func hasKind(_ k: ValueKind) -> Bool {
        switch (self, k) {
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double), (.string, .string),
             (.bytes, .bytes), (.list, .list), (.map, .map), (.type, .type), (.timestamp, .timestamp),
             (.duration, .duration), (.optional, .optional):
            return true
        case let (.object(o), .object(name)):
            return o.typeName == name
        default:
            return false
        }
    }

    /// The value of `type(x)`.
    public var typeValue: TypeValue { kind.typeValue }

    /// Convenience constructor for a map with string keys (insertion ordered).
    public static func stringMap(_ pairs: [(String, Value)]) -> Value {
        var m = CELMap()
        for (k, v) in pairs { m[.string(k)] = v }
        return .map(m)
    }
}

/// A map key: CEL allows int, uint, bool and string keys. Numeric keys compare by
/// numeric value across int and uint (`{1: 'a'}[1u]` finds the entry), so the key is
/// normalised: a uint that fits int64 is stored as `.int`.
public enum MapKey: Hashable, Sendable {
    case bool(Bool)
    case int(Int64)
    /// Only for uint values above `Int64.max`.
    case largeUint(UInt64)
    case string(String)

    /// The key for a value, or nil when the value cannot be a map key (doubles that are
    /// not whole numbers, lists, …). A whole double maps to the numerically equal key, so
    /// lookups with `1.0` find `1` (heterogeneous equality); map literals reject doubles
    /// before calling this.
    public init?(_ value: Value) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .largeUint(u)
        case .string(let s): self = .string(s)
        case .double(let d):
            if let i = Int64(exactly: d) { self = .int(i) }
            else if let u = UInt64(exactly: d) { self = .largeUint(u) }
            else { return nil }
        default: return nil
        }
    }
}

/// A CEL map: insertion ordered, keyed by `MapKey`, keeping each key's original value
/// (so `{1u: x}.map(k, k)` yields `1u`).
public struct CELMap: Sendable {
    public private(set) var storage: OrderedDictionary<MapKey, (key: Value, value: Value)> = [:]

    public init() {}

    /// Builds a map from entries; later duplicate keys replace earlier ones.
    public init(_ entries: [(Value, Value)]) {
        for (k, v) in entries { set(k, v) }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Entries in insertion order.
    public var entries: [(key: Value, value: Value)] { Array(storage.values) }
    public var keys: [Value] { storage.values.map(\.key) }

    public subscript(key: MapKey) -> Value? {
        get { storage[key]?.value }
        set {
            if let newValue { storage[key] = (key: storage[key]?.key ?? key.value, value: newValue) }
            else { storage[key] = nil }
        }
    }

    /// Looks up a key given as a value (numeric keys match across int/uint/double).
    public func lookup(_ key: Value) -> Value? {
        guard let k = MapKey(key) else { return nil }
        return storage[k]?.value
    }

    /// Inserts or replaces; returns false when `key` is not a valid map key.
    @discardableResult
    public mutating func set(_ key: Value, _ value: Value) -> Bool {
        guard let k = MapKey(key) else { return false }
        storage[k] = (key: key, value: value)
        return true
    }

    public func contains(_ key: Value) -> Bool { lookup(key) != nil }
}

extension MapKey {
    /// The key as a CEL value.
    public var value: Value {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .largeUint(let u): return .uint(u)
        case .string(let s): return .string(s)
        }
    }
}
