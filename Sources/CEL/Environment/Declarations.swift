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
    /// Expressions that call this overload (cel-go's `OverloadExamples`): shown by
    /// completion, hover and signature help, and type-checked by a test.
    public var examples: [String] = []

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

    /// This overload with these examples.
    public func examples(_ examples: String...) -> OverloadDecl {
        var copy = self
        copy.examples = examples
        return copy
    }

    /// The signature as authors write the call: `string.contains(string) -> bool`,
    /// `size(list(A)) -> int`, `a + b` forms for operators.
    public func signature(name: String) -> String {
        let types = params.map(\.description)
        if let pattern = OperatorSyntax.pattern(name), !isMemberFunction {
            var text = pattern
            for t in types { if let r = text.firstRange(of: "_") { text.replaceSubrange(r, with: t) } }
            return "\(text) -> \(result)"
        }
        if isMemberFunction, let receiver = types.first {
            return "\(receiver).\(name)(\(types.dropFirst().joined(separator: ", "))) -> \(result)"
        }
        return "\(name)(\(types.joined(separator: ", "))) -> \(result)"
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
    /// What the function does (cel-go's `FunctionDocs`), in Markdown; completion, hover and
    /// signature help all show this text.
    public var doc: String
    public init(name: String, doc: String = "", overloads: [OverloadDecl]) {
        self.name = name; self.doc = doc; self.overloads = overloads
    }
    public init(_ name: String, doc: String = "", _ overloads: OverloadDecl...) {
        self.init(name: name, doc: doc, overloads: overloads)
    }
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
