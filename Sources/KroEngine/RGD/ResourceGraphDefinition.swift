import YAMLSyntax

/// A string field of the RGD with where it was written: the value's range and the key's.
public struct LocatedString: Sendable, Hashable {
    public var value: String
    /// The value scalar's range (quotes included).
    public var range: TextRange
    /// The range of the key naming the field (for list items: the item itself).
    public var keyRange: TextRange
    public init(value: String, range: TextRange, keyRange: TextRange) {
        self.value = value; self.range = range; self.keyRange = keyRange
    }
}

/// A key/value pair of a string map (labels, annotations).
public struct LocatedEntry: Sendable, Hashable {
    public var key: LocatedString
    public var value: YAMLNode
}

/// `spec.schema` (rgd.md §3), admission defaults applied in the `effective…` accessors.
public struct RGDSchema: Sendable {
    public var node: YAMLMapping
    /// The `schema` key.
    public var keyRange: TextRange
    public var apiVersion: LocatedString?
    public var kind: LocatedString?
    public var group: LocatedString?
    public var scope: LocatedString?
    public var spec: YAMLNode?
    public var types: YAMLNode?
    public var status: YAMLNode?
    /// The `status` key, when present.
    public var statusKeyRange: TextRange?
    public var additionalPrinterColumns: [YAMLNode]
    public var shortNames: [LocatedString]
    public var categories: [LocatedString]
    public var labels: [LocatedEntry]
    public var annotations: [LocatedEntry]

    /// `group`, defaulted to `kro.run` as admission does.
    public var effectiveGroup: String {
        guard let g = group?.value, !g.isEmpty else { return "kro.run" }
        return g
    }
    /// `scope`, defaulted to `Namespaced` as admission does.
    public var effectiveScope: ResourceScope {
        scope?.value == ResourceScope.cluster.rawValue ? .cluster : .namespaced
    }
}

/// How kro classifies a resource (rgd.md §4.1).
public enum RGDNodeType: String, Sendable, Hashable {
    case resource = "Resource"
    case collection = "Collection"
    case external = "External"
    case externalCollection = "ExternalCollection"

    /// Whether other expressions see this node as a list.
    public var isCollection: Bool { self == .collection || self == .externalCollection }
}

/// `spec.resources[].externalRef` (rgd.md §13).
public struct RGDExternalRef: Sendable {
    public var node: YAMLNode
    public var keyRange: TextRange
    public var apiVersion: LocatedString?
    public var kind: LocatedString?
    public var metadata: YAMLNode?
    public var metadataKeyRange: TextRange?
    public var name: LocatedString?
    public var namespace: LocatedString?
    public var selector: YAMLNode?
}

/// One `forEach` dimension: `- <name>: "${expr}"`.
public struct RGDForEachDimension: Sendable {
    /// The iterator name (the key) and its range.
    public var name: LocatedString
    /// The value (a string scalar when well-formed).
    public var value: YAMLNode
}

/// A list of standalone-expression strings (`includeWhen`, `readyWhen`).
public struct RGDConditionList: Sendable {
    public var keyRange: TextRange
    public var items: [YAMLNode]
}

/// One entry of `spec.resources`. Its fields live in one shared object (copy on write):
/// every edit copies each unchanged resource into the new RGD, which is then one retain
/// instead of one per field.
public struct RGDResource: Sendable {
    /// The fields most resources leave empty; externalRef (~260 bytes inline) out of line
    /// again, so a resource with only readyWhen or includeWhen does not pay for it.
    struct Rare {
        var externalRef: RGDExternalRef? {
            get { externalRefStorage.first }
            set { externalRefStorage = newValue.map { [$0] } ?? [] }
        }
        var externalRefStorage: [RGDExternalRef] = []
        var includeWhen: RGDConditionList?
        var readyWhen: RGDConditionList?
        var forEach: [RGDForEachDimension] = []
        var forEachKeyRange: TextRange?
        var isEmpty: Bool {
            externalRef == nil && includeWhen == nil && readyWhen == nil && forEach.isEmpty && forEachKeyRange == nil
        }
    }

    // One per resource, so its size counts at scale (200,000 resources): the nodes (32
    // bytes each, stored inline) first, then the optionals, with the rare fields out of
    // line; the getters read a rare field in place, without copying `Rare`.
    private final class Storage: @unchecked Sendable {  // mutated only while uniquely referenced
        var node: YAMLNode
        var template: YAMLNode?
        var index: Int
        /// The rare fields, kept out of line (an empty array allocates nothing).
        var rareStorage: [Rare] = []
        var id: LocatedString?
        var templateKeyRange: TextRange?

        init(index: Int, node: YAMLNode) {
            self.index = index; self.node = node
        }

        var rare: Rare { rareStorage.first ?? Rare() }

        func updateRare(_ change: (inout Rare) -> Void) {
            var fields = rare
            change(&fields)
            rareStorage = fields.isEmpty ? [] : [fields]
        }

        func copy() -> Storage {
            let c = Storage(index: index, node: node)
            c.id = id; c.template = template; c.templateKeyRange = templateKeyRange
            c.rareStorage = rareStorage
            return c
        }
    }

    private var storage: Storage

    /// The storage, copied first when shared.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// Position in `spec.resources` (drives topological tie-breaking).
    public var index: Int {
        get { storage.index }
        set { unique.index = newValue }
    }
    /// The list item.
    public var node: YAMLNode {
        get { storage.node }
        set { unique.node = newValue }
    }
    public var id: LocatedString? {
        get { storage.id }
        set { unique.id = newValue }
    }
    public var template: YAMLNode? {
        get { storage.template }
        set { unique.template = newValue }
    }
    public var templateKeyRange: TextRange? {
        get { storage.templateKeyRange }
        set { unique.templateKeyRange = newValue }
    }
    public var externalRef: RGDExternalRef? {
        get { storage.rareStorage.isEmpty ? nil : storage.rareStorage[0].externalRefStorage.first }
        set { unique.updateRare { $0.externalRef = newValue } }
    }
    public var includeWhen: RGDConditionList? {
        get { storage.rareStorage.isEmpty ? nil : storage.rareStorage[0].includeWhen }
        set { unique.updateRare { $0.includeWhen = newValue } }
    }
    public var readyWhen: RGDConditionList? {
        get { storage.rareStorage.isEmpty ? nil : storage.rareStorage[0].readyWhen }
        set { unique.updateRare { $0.readyWhen = newValue } }
    }
    public var forEach: [RGDForEachDimension] {
        get { storage.rareStorage.isEmpty ? [] : storage.rareStorage[0].forEach }
        set { unique.updateRare { $0.forEach = newValue } }
    }
    public var forEachKeyRange: TextRange? {
        get { storage.rareStorage.isEmpty ? nil : storage.rareStorage[0].forEachKeyRange }
        set { unique.updateRare { $0.forEachKeyRange = newValue } }
    }

    init(index: Int, node: YAMLNode, forEach: [RGDForEachDimension]) {
        storage = Storage(index: index, node: node)
        if !forEach.isEmpty { storage.updateRare { $0.forEach = forEach } }
    }

    public var nodeType: RGDNodeType {
        if let ref = externalRef, template == nil {
            return ref.selector != nil ? .externalCollection : .external
        }
        return forEach.isEmpty ? .resource : .collection
    }

    /// The node whose `apiVersion`/`kind`/`metadata` describe the object: the template,
    /// or the externalRef.
    public var objectNode: YAMLNode? { template ?? externalRef?.node }

    /// The range that stands for the resource when nothing more precise exists.
    public var anchorRange: TextRange { id?.range ?? node.range }
}

/// A `kro.run/v1alpha1` `ResourceGraphDefinition` document with the places every field
/// was written.
public struct ResourceGraphDefinition: Sendable {
    public var root: YAMLMapping
    public var name: LocatedString?
    public var annotations: [LocatedEntry]
    /// The `spec` key, when present.
    public var specKeyRange: TextRange?
    public var schema: RGDSchema?
    public var resources: [RGDResource]

    /// Resources with a valid-looking id, by id (the first occurrence wins).
    public func resource(withID id: String) -> RGDResource? {
        resources.first { $0.id?.value == id }
    }

    public var resourceIDs: [String] { resources.compactMap { $0.id?.value } }

    /// `resource(withID:)` for every id at once, for a caller that looks up many (a search
    /// each was quadratic in 10,000 resources). Not kept in the model: building it on
    /// each edit cost more than the few lookups an edit makes.
    public func resourcesByID() -> [String: RGDResource] {
        var byID: [String: RGDResource] = [:]
        byID.reserveCapacity(resources.count)
        for r in resources { if let id = r.id?.value, byID[id] == nil { byID[id] = r } }
        return byID
    }

    /// The resource at `index` in `spec.resources` (nil when that item was not a
    /// resource). Resources are kept in index order, so a binary search finds it.
    public func resource(atIndex index: Int) -> RGDResource? {
        if index < resources.count, resources[index].index == index { return resources[index] }
        var (low, high) = (0, resources.count)
        while low < high {
            let mid = (low + high) / 2
            if resources[mid].index < index { low = mid + 1 } else { high = mid }
        }
        return low < resources.count && resources[low].index == index ? resources[low] : nil
    }
}
