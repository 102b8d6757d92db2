import YAMLSyntax

/// What a symbol of an RGD is.
public enum SymbolKind: Sendable, Hashable {
    /// A resource id (`spec.resources[].id`), read as a CEL variable.
    case resource
    /// A `forEach` iterator variable of one collection resource.
    case iterator
    /// A field of `spec.schema.spec` or of a custom type, read through `schema.spec.…`.
    case schemaField
    /// A custom type of `spec.schema.types`, named in field type strings.
    case customType
}

/// Names a symbol uniquely within one RGD.
public struct SymbolID: Sendable, Hashable, CustomStringConvertible {
    public var kind: SymbolKind
    /// resource: the id; iterator: `<resource id>.<iterator>`; schemaField: `spec.a.b` or
    /// `types.T.a`; customType: the type name.
    public var qualifiedName: String
    public init(kind: SymbolKind, qualifiedName: String) { self.kind = kind; self.qualifiedName = qualifiedName }
    public var description: String { "\(kind):\(qualifiedName)" }
}

/// One place a symbol is written.
public struct SymbolOccurrence: Sendable, Hashable {
    public var symbol: SymbolID
    /// The name itself (for a definition: the key or id value; for a use: the identifier
    /// or field name), so rename replaces exactly this range.
    public var range: TextRange
    public var isDefinition: Bool
    /// The expression holding a use (index into `RGDSnapshot.expressions`).
    public var expressionIndex: Int?
}

/// A symbol with its definition and every use.
public struct Symbol: Sendable {
    public var id: SymbolID
    public var kind: SymbolKind { id.kind }
    /// The name as written (the last path element for schema fields).
    public var name: String
    /// The name at the definition (nil when the symbol is used but not defined, e.g. a
    /// schema field path that SimpleSchema does not declare).
    public var definition: TextRange?
    /// Uses in document order (definitions excluded).
    public var uses: [SymbolOccurrence]
}
