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
    private final class Storage: @unchecked Sendable {  // mutated only while uniquely referenced
        var index: Int
        var node: YAMLNode
        var id: LocatedString?
        var template: YAMLNode?
        var templateKeyRange: TextRange?
        /// Rare and ~260 bytes inline: kept out of line (an empty array allocates nothing).
        var externalRefStorage: [RGDExternalRef] = []
        /// Rare, kept out of line like `externalRef`: includeWhen, readyWhen.
        var conditionStorage: [RGDConditionList?] = []
        var forEach: [RGDForEachDimension]
        var forEachKeyRange: TextRange?

        init(index: Int, node: YAMLNode, forEach: [RGDForEachDimension]) {
            self.index = index; self.node = node; self.forEach = forEach
        }

        func copy() -> Storage {
            let c = Storage(index: index, node: node, forEach: forEach)
            c.id = id; c.template = template; c.templateKeyRange = templateKeyRange
            c.externalRefStorage = externalRefStorage; c.conditionStorage = conditionStorage
            c.forEachKeyRange = forEachKeyRange
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
        get { storage.externalRefStorage.first }
        set { unique.externalRefStorage = newValue.map { [$0] } ?? [] }
    }
    public var includeWhen: RGDConditionList? {
        get { storage.conditionStorage.first ?? nil }
        set { setConditions(include: newValue, ready: readyWhen) }
    }
    public var readyWhen: RGDConditionList? {
        get { storage.conditionStorage.count > 1 ? storage.conditionStorage[1] : nil }
        set { setConditions(include: includeWhen, ready: newValue) }
    }
    private mutating func setConditions(include: RGDConditionList?, ready: RGDConditionList?) {
        unique.conditionStorage = include == nil && ready == nil ? [] : [include, ready]
    }
    public var forEach: [RGDForEachDimension] {
        get { storage.forEach }
        set { unique.forEach = newValue }
    }
    public var forEachKeyRange: TextRange? {
        get { storage.forEachKeyRange }
        set { unique.forEachKeyRange = newValue }
    }

    init(index: Int, node: YAMLNode, forEach: [RGDForEachDimension]) {
        storage = Storage(index: index, node: node, forEach: forEach)
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
