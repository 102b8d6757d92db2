/// One signature of a function. Receiver-style overloads (`s.size()`) list the receiver
/// as their first parameter, as cel-go does.
public struct OverloadDecl: Hashable, Sendable {
    /// cel-go's overload id (`add_int64`, `size_string`, `string_to_url`, …).
    public var id: String
    /// Names of the type parameters used in `params`/`result` (`A` in `list(A)`).
    public var typeParams: [String]
    public var params: [CELType]
    public var result: CELType
    public var isMemberFunction: Bool

    public init(id: String, typeParams: [String] = [], params: [CELType], result: CELType, isMemberFunction: Bool = false) {
        self.id = id; self.typeParams = typeParams; self.params = params
        self.result = result; self.isMemberFunction = isMemberFunction
    }

    /// A global overload; type parameters are collected from the signature.
    public static func global(_ id: String, _ params: [CELType], _ result: CELType) -> OverloadDecl {
        OverloadDecl(id: id, typeParams: typeParameters(in: params + [result]), params: params, result: result)
    }

    /// A receiver-style overload; `params[0]` is the receiver.
    public static func member(_ id: String, _ params: [CELType], _ result: CELType) -> OverloadDecl {
        OverloadDecl(id: id, typeParams: typeParameters(in: params + [result]), params: params, result: result, isMemberFunction: true)
    }

    private static func typeParameters(in types: [CELType]) -> [String] {
        var seen: [String] = []
        func walk(_ t: CELType) {
            switch t {
            case .typeParam(let n): if !seen.contains(n) { seen.append(n) }
            case .list(let e), .optional(let e), .type(let e): walk(e)
            case .map(let k, let v): walk(k); walk(v)
            case .opaque(_, let ps): ps.forEach(walk)
            default: break
            }
        }
        types.forEach(walk)
        return seen
    }
}

public struct FunctionDecl: Hashable, Sendable {
    public var name: String
    public var overloads: [OverloadDecl]
    public init(name: String, overloads: [OverloadDecl]) { self.name = name; self.overloads = overloads }
    public init(_ name: String, _ overloads: OverloadDecl...) { self.init(name: name, overloads: overloads) }
}

public struct VariableDecl: Hashable, Sendable {
    public var name: String
    public var type: CELType
    public init(name: String, type: CELType) { self.name = name; self.type = type }
}

/// Shorthands for signatures.
extension CELType {
    static let paramA = CELType.typeParam("A")
    static let paramB = CELType.typeParam("B")
}
