/// A type provider backed by a dictionary of descriptions.
public struct ObjectTypeRegistry: TypeProvider {
    public var types: [String: ObjectTypeDescription]
    public init(_ types: [ObjectTypeDescription] = []) {
        self.types = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }
    public func objectType(named name: String) -> ObjectTypeDescription? { types[name] }
}

/// Asks each provider in turn; the first that knows a name wins.
public struct LayeredTypeProvider: TypeProvider {
    public let layers: [any TypeProvider]
    public init(_ layers: [any TypeProvider]) { self.layers = layers }
    public func objectType(named name: String) -> ObjectTypeDescription? {
        for layer in layers {
            if let found = layer.objectType(named: name) { return found }
        }
        return nil
    }
}
