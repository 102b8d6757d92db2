/// A type provider backed by a dictionary of descriptions.
public struct ObjectTypeRegistry: TypeProvider {
    public var types: [String: ObjectTypeDescription] {
        didSet { dottedRoots = Self.dottedRoots(of: types) }
    }
    /// The first segments of the dotted type names (`google` of `google.protobuf.Any`).
    private var dottedRoots: Set<Substring>
    public init(_ types: [ObjectTypeDescription] = []) {
        self.types = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.dottedRoots = Self.dottedRoots(of: self.types)
    }
    public func objectType(named name: String) -> ObjectTypeDescription? { types[name] }
    public func mayNameTypes(under root: String) -> Bool { dottedRoots.contains(Substring(root)) }

    private static func dottedRoots(of types: [String: ObjectTypeDescription]) -> Set<Substring> {
        Set(types.keys.compactMap { dottedRoot(of: $0) })
    }
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
    public func mayNameTypes(under root: String) -> Bool { layers.contains { $0.mayNameTypes(under: root) } }
    public func fieldType(_ field: String, ofObjectNamed name: String) -> CELType?? {
        for layer in layers {
            if let found = layer.fieldType(field, ofObjectNamed: name) { return found }
        }
        return nil
    }
}
