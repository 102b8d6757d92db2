/// A CEL-like rendering of values for messages and debugging (not a conversion).
extension Value: CustomStringConvertible {
    public var description: String { debugText }

    public var debugText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return DoubleFormat.shortest(d)
        case .string(let s): return StringQuoting.quote(s)
        case .bytes(let b): return "b" + StringQuoting.quote(String(decoding: b, as: UTF8.self))
        case .list(let l): return "[" + l.map(\.debugText).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0.key.debugText): \($0.value.debugText)" }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return "timestamp(\"\(t)\")"
        case .duration(let d): return "duration(\"\(d)\")"
        case .optional(let o): return o.map { "optional.of(\($0.debugText))" } ?? "optional.none()"
        case .object(let o): return o.description
        }
    }
}
