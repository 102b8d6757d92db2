import JSON
import OrderedCollections
import YAMLSyntax

/// The schema of one status field, as the type-checking stage infers it from the field's
/// expression (cel.md §10). `schema == nil` means "not inferred (yet)" and produces
/// `{x-kubernetes-preserve-unknown-fields: true}`, the schema of a `dyn` result.
public struct StatusFieldSchema: Sendable, Hashable {
    public var path: [SchemaPathSegment]
    public var schema: JSONValue?
    public init(path: [SchemaPathSegment], schema: JSONValue?) { self.path = path; self.schema = schema }
}

/// Everything the generated CRD is made of (rgd.md §15), with the places diagnostics point at.
public struct CRDSource: Sendable {
    public var rgdName: String?
    /// `spec.schema.apiVersion`: the CRD version name.
    public var apiVersion: String
    public var kind: String { didSet { plural = Flect.pluralize(kind.lowercased()) } }
    /// nil or empty → `kro.run` (the admission default).
    public var group: String?
    /// nil or empty → `Namespaced`.
    public var scope: String?
    /// The instance spec schema (SimpleSchemaResult.schema).
    public var spec: JSONValue
    public var status: [StatusFieldSchema]
    /// `spec.schema.additionalPrinterColumns` items as written.
    public var printerColumns: [JSONValue]
    public var shortNames: [String]
    public var categories: [String]
    public var labels: OrderedDictionary<String, String>
    public var annotations: OrderedDictionary<String, String>

    public var kindRange: TextRange?
    public var groupRange: TextRange?
    public var printerColumnRanges: [TextRange]

    public init(rgdName: String? = nil, apiVersion: String, kind: String, group: String? = nil, scope: String? = nil,
                spec: JSONValue = ["type": "object", "properties": [:]], status: [StatusFieldSchema] = [],
                printerColumns: [JSONValue] = [], shortNames: [String] = [], categories: [String] = [],
                labels: OrderedDictionary<String, String> = [:], annotations: OrderedDictionary<String, String> = [:],
                kindRange: TextRange? = nil, groupRange: TextRange? = nil, printerColumnRanges: [TextRange] = []) {
        self.rgdName = rgdName; self.apiVersion = apiVersion; self.kind = kind; self.group = group
        self.plural = Flect.pluralize(kind.lowercased())
        self.scope = scope; self.spec = spec; self.status = status; self.printerColumns = printerColumns
        self.shortNames = shortNames; self.categories = categories; self.labels = labels
        self.annotations = annotations; self.kindRange = kindRange; self.groupRange = groupRange
        self.printerColumnRanges = printerColumnRanges
    }

    public var effectiveGroup: String { (group?.isEmpty ?? true) ? "kro.run" : group ?? "kro.run" }
    public var effectiveScope: String { (scope?.isEmpty ?? true) ? "Namespaced" : scope ?? "Namespaced" }
    /// flect's plural of the lower-cased kind, made once per kind (generation and the
    /// checks read it several times, and the suffix rules are many).
    public private(set) var plural: String
    public var singular: String { kind.lowercased() }
    /// `<plural>.<group>`.
    public var crdName: String { plural + "." + effectiveGroup }
}
