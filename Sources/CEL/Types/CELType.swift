/// A CEL type as the checker sees it. Object types are nominal: their fields come from a
/// `TypeProvider` (kro builds them from OpenAPI schemas, named by path, cel.md §6.1).
public indirect enum CELType: Hashable, Sendable {
    case dyn
    case null
    case bool
    case int
    case uint
    case double
    case string
    case bytes
    case timestamp
    case duration
    case error
    case list(CELType)
    case map(CELType, CELType)
    /// `optional_type(T)`.
    case optional(CELType)
    /// `type(T)`: the type of a type value.
    case type(CELType)
    /// A type parameter in an overload signature (`A` in `list(A)`).
    case typeParam(String)
    /// An abstract type with parameters (`kubernetes.URL`, `net.IP`, `kro.run.Runtime`).
    case opaque(String, [CELType])
    /// A nominal object (message) type, resolved through a `TypeProvider`.
    case object(String)
}

extension CELType: CustomStringConvertible {
    /// cel-go's spelling, used in every message (cel.md §8).
    public var description: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .error: return "*error*"
        case .list(let e): return "list(\(e))"
        case .map(let k, let v): return "map(\(k), \(v))"
        case .optional(let t): return "optional_type(\(t))"
        case .type(let t): return "type(\(t))"
        case .typeParam(let n): return n
        case .opaque(let n, let ps): return ps.isEmpty ? n : "\(n)(\(ps.map(\.description).joined(separator: ", ")))"
        case .object(let n): return n
        }
    }
}

/// The fields of a nominal object type.
public struct ObjectTypeDescription: Sendable, Equatable {
    public var name: String
    /// Declared fields (CEL-escaped names, cel.md §6) and their types.
    public var fields: [String: CELType]
    /// `x-kubernetes-preserve-unknown-fields`: any other field name resolves to `dyn`.
    public var allowsUnknownFields: Bool
    public init(name: String, fields: [String: CELType], allowsUnknownFields: Bool = false) {
        self.name = name; self.fields = fields; self.allowsUnknownFields = allowsUnknownFields
    }
}

/// Resolves nominal object types for the checker.
public protocol TypeProvider: Sendable {
    func objectType(named name: String) -> ObjectTypeDescription?
    /// False when `objectType(named:)` answers nil for every ASCII name `root.…` (whose text
    /// before its first `.` is `root`): the checker then skips looking up a field selection
    /// `root.a.b` as a type name. A provider that cannot tell answers true.
    func mayNameTypes(under root: String) -> Bool
    /// The type of `field` (as named in `ObjectTypeDescription.fields`) of the object type
    /// `name`: `.some(nil)` when the type has no such field, nil when `objectType(named:)`
    /// is nil. The checker's question at every selection; a provider may answer it without
    /// describing the whole type.
    func fieldType(_ field: String, ofObjectNamed name: String) -> CELType??
}

extension TypeProvider {
    public func mayNameTypes(under root: String) -> Bool { true }

    public func fieldType(_ field: String, ofObjectNamed name: String) -> CELType?? {
        objectType(named: name).map { $0.fields[field] }
    }
}

/// The text of a dotted name before its first `.` (nil without one), by bytes: a `.`
/// scalar always ends the segment.
func dottedRoot(of name: String) -> Substring? {
    guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
    return name[..<dot]
}
