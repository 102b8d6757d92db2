/// kro's runtime library (cel.md §5.7): the `runtime` variable, `runtime.newCondition`
/// (after the parse-time macro has turned bare keys into strings) and
/// `runtime.condition(obj, type)`.
public struct KroRuntimeLibrary: RuntimeLibrary {
    public init() {}

    public static let variableName = "runtime"
    /// The value to bind to `runtime`.
    public static let runtimeValue = Value.object(KroRuntimeValue())

    static let statuses: Set<String> = ["True", "False", "Unknown"]

    /// The runtime half of `runtime.newCondition`: values must be strings, `type` non-empty,
    /// `status` one of True, False, Unknown.
    public static func newCondition(_ fields: CELMap) throws(LibraryError) -> KroCondition {
        var c = KroCondition()
        for (k, v) in fields.entries {
            let key: String
            if case .string(let s) = k { key = s } else { key = "" }
            guard case .string(let text) = v else {
                throw LibraryError("runtime.newCondition: \(key) must be a string, got \(v.kind)")
            }
            switch key {
            case "type":
                if text.isEmpty { throw LibraryError("runtime.newCondition: type must not be empty") }
                c.type = text
            case "status":
                guard statuses.contains(text) else {
                    throw LibraryError("runtime.newCondition: status must be one of True, False, Unknown (got \(GoQuote.quote(text)))")
                }
                c.status = text
            case "reason": c.reason = text
            case "message": c.message = text
            default: break
            }
        }
        return c
    }

    /// The first condition of `obj.status.conditions` with this type; an empty Condition
    /// when there is none.
    public static func condition(in obj: Value, type wanted: String) throws(LibraryError) -> KroCondition {
        guard case .map(let object) = obj else {
            throw LibraryError("runtime.condition: obj must be an object, got \(obj.kind)")
        }
        guard let status = object.lookup(.string("status")) else { return KroCondition() }
        guard case .map(let statusMap) = status else { throw LibraryError("runtime.condition: obj.status must be an object") }
        guard let conditions = statusMap.lookup(.string("conditions")) else { return KroCondition() }
        guard case .list(let items) = conditions else {
            throw LibraryError("runtime.condition: obj.status.conditions must be a list")
        }
        var parsed: [KroCondition] = []
        for item in items {
            switch item {
            case .object(let o as KroCondition): parsed.append(o)
            case .map(let m):
                func read(_ key: String) -> String {
                    if case .string(let s)? = m.lookup(.string(key)) { return s }
                    return ""
                }
                parsed.append(KroCondition(type: read("type"), status: read("status"), reason: read("reason"), message: read("message")))
            default:
                throw LibraryError("runtime.condition: unexpected condition element type \(item.kind)")
            }
        }
        return parsed.first { $0.type == wanted } ?? KroCondition()
    }

    public func register(into t: inout FunctionTable) {
        let runtimeKind = ValueKind.object(KroRuntimeValue.typeName)
        t.register("newCondition", [Overload("runtime_newCondition_map", member: true, [runtimeKind, .map]) { a in
            .object(try Self.newCondition(a[1].asMap))
        }])
        t.register("condition", [Overload("runtime_condition_dyn_string", member: true, [runtimeKind, nil, .string]) { a in
            .object(try Self.condition(in: a[1], type: a[2].asString))
        }])
    }
}

/// The value of the `runtime` variable (type `kro.run.Runtime`, methods only).
public struct KroRuntimeValue: OpaqueValue, Hashable {
    public static let typeName = "kro.run.Runtime"
    public init() {}
    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { other is KroRuntimeValue }
}

/// `kro.run.Condition`: four string fields.
public struct KroCondition: OpaqueValue, Hashable {
    public static let typeName = "kro.run.Condition"
    public static let fieldNames = ["type", "status", "reason", "message"]

    public var type = ""
    public var status = ""
    public var reason = ""
    public var message = ""

    public init(type: String = "", status: String = "", reason: String = "", message: String = "") {
        self.type = type; self.status = status; self.reason = reason; self.message = message
    }

    public var typeName: String { Self.typeName }
    public func isEqual(to other: any OpaqueValue) -> Bool { (other as? KroCondition) == self }

    public func field(_ name: String) -> Value? {
        switch name {
        case "type": return .string(type)
        case "status": return .string(status)
        case "reason": return .string(reason)
        case "message": return .string(message)
        default: return nil
        }
    }

    /// The condition as a map, as kro writes it into a status.
    public var asMap: Value {
        .stringMap([("type", .string(type)), ("status", .string(status)), ("reason", .string(reason)), ("message", .string(message))])
    }
}
