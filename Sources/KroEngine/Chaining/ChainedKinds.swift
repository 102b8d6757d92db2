import JSON

/// The instance kinds of the other RGDs checked together (RGD chaining): a resource
/// whose apiVersion/kind is the kind another RGD defines is typed from that RGD's
/// generated CRD, as kro types it once the RGD is installed. An input of analysis, like
/// the schema store: the caller collects the sibling RGDs (`--check` run, open documents).
public struct ChainedKinds: Sendable, Hashable {
    /// One RGD's generated CRD.
    public struct Definition: Sendable, Hashable {
        /// `metadata.name` of the RGD (empty when it has none).
        public var rgdName: String
        /// Where the RGD is (a path or URI; empty when unknown), to tell copies apart.
        public var location: String
        public var crd: JSONValue
        public init(rgdName: String, location: String = "", crd: JSONValue) {
            self.rgdName = rgdName; self.location = location; self.crd = crd
        }

        /// `"name" (path)`, as messages name the RGD.
        public var label: String { "\"\(rgdName)\"" + (location.isEmpty ? "" : " (\(location))") }
    }

    /// Every definition, sorted, so equality and the fingerprint ignore the order the
    /// RGDs were found in.
    public let definitions: [Definition]
    /// Kinds exactly one CRD content defines, by GVK key (`kro.run/v1alpha1/WebApp`).
    private let unique: [String: (kind: KindSchema, rgdName: String)]
    /// Kinds several RGDs define differently: the RGDs' labels, sorted. They stay untyped.
    public let ambiguous: [String: [String]]
    /// The positions in `definitions` of the CRDs defining each GVK key, ascending.
    private let positions: [String: [Int]]
    /// Shared by this value's copies and by no other value: two views with one identity
    /// are equal without comparing their definitions (not part of equality).
    private let token = Token()
    private final class Token: Sendable {}

    /// The same for this value and its copies, different for any value made apart.
    public var identity: ObjectIdentifier { ObjectIdentifier(token) }

    public static let none = ChainedKinds(definitions: [])

    public init(definitions: [Definition]) {
        let sorted = Self.sorted(definitions)
        self.definitions = sorted
        var byKey: [String: [(kind: KindSchema, definition: Definition)]] = [:]
        var positions: [String: [Int]] = [:]
        for (position, definition) in sorted.enumerated() {
            for kind in CRDSchemas.kinds(in: definition.crd, path: "") {
                var kind = kind
                kind.origin = .rgd(name: definition.rgdName)
                byKey[kind.gvk.bundleKey, default: []].append((kind, definition))
                if positions[kind.gvk.bundleKey]?.last != position { positions[kind.gvk.bundleKey, default: []].append(position) }
            }
        }
        self.positions = positions
        var unique: [String: (kind: KindSchema, rgdName: String)] = [:]
        var ambiguous: [String: [String]] = [:]
        for (key, entries) in byKey {
            // The same RGD seen twice (one file named twice) is one definition.
            if let first = entries.first, entries.allSatisfy({ $0.definition.crd == first.definition.crd }) {
                unique[key] = (first.kind, first.definition.rgdName)
            } else {
                ambiguous[key] = Array(Set(entries.map(\.definition.label))).sorted()
            }
        }
        self.unique = unique
        self.ambiguous = ambiguous
    }

    /// By RGD name and location, then by CRD text: the text is made only to order two of
    /// one name and location (one file named twice), not for every definition.
    private static func sorted(_ definitions: [Definition]) -> [Definition] {
        let text = { (d: Definition) in (try? JSONSerializer().string(d.crd)) ?? "" }
        return definitions.sorted { a, b in
            (a.rgdName, a.location) != (b.rgdName, b.location) ? (a.rgdName, a.location) < (b.rgdName, b.location)
                : text(a) < text(b)
        }
    }

    /// The definitions of `rgds` found at their locations (those without a generatable
    /// CRD are left out).
    public init(rgds: [(rgd: RGDAnalysis, location: String)]) {
        self.init(definitions: rgds.compactMap { rgd, location in
            rgd.generatedCRD.map { Definition(rgdName: rgd.rgd.name?.value ?? "", location: location, crd: $0.result.crd) }
        })
    }

    /// The kind `gvk` typed from the RGD that alone defines it; nil when no RGD or several
    /// do, or when the only one is `own` (an RGD does not type its own instances).
    public func lookup(_ gvk: GroupVersionKind, own: GroupVersionKind?) -> KindSchema? {
        guard gvk != own, let entry = unique[gvk.bundleKey] else { return nil }
        return entry.kind
    }

    /// The RGDs (`"name" (location)`) that define `gvk` differently (empty unless ambiguous).
    public func definers(ofAmbiguous gvk: GroupVersionKind) -> [String] { ambiguous[gvk.bundleKey] ?? [] }

    /// Whether an RGD of this set defines `gvk` (uniquely or not).
    public func defines(_ gvk: GroupVersionKind) -> Bool {
        unique[gvk.bundleKey] != nil || ambiguous[gvk.bundleKey] != nil
    }

    public static func == (a: ChainedKinds, b: ChainedKinds) -> Bool { a.definitions == b.definitions }
    public func hash(into hasher: inout Hasher) { hasher.combine(definitions) }
}

extension ChainedKinds {
    /// Only the definitions that generate one of `keys` (GVK keys): what an RGD reading
    /// those kinds depends on, so an unrelated RGD's edit does not re-analyse it. Found by
    /// key: reading every definition's CRD for each RGD made a `--check` of 2,000 chained
    /// RGDs take 47 s.
    public func restricted(to keys: Set<String>) -> ChainedKinds {
        let kept = Set(keys.flatMap { positions[$0] ?? [] }).sorted()
        return ChainedKinds(definitions: kept.map { definitions[$0] })
    }

    /// The GVK key of the kind `rgd`'s generated CRD defines (nil when it has no CRD),
    /// read from its schema as `RGDCRDReader.generate` writes it, without generating it.
    /// Read through the optional in place: binding the schema copied it (a retain per
    /// field), and chaining asks this of every open RGD on each analysis.
    public static func instanceKey(of rgd: RGDAnalysis) -> String? {
        guard let version = rgd.rgd.schema?.apiVersion?.value, let kind = rgd.rgd.schema?.kind?.value,
              let group = rgd.rgd.schema?.effectiveGroup else { return nil }
        return GroupVersionKind(group: group, version: version, kind: kind).bundleKey
    }

    /// The GVK keys the resources of `rgds` name (`kro.run/v1alpha1/WebApp`).
    public static func referencedKeys(of rgds: [RGDAnalysis]) -> Set<String> {
        rgds.reduce(into: []) { $0.formUnion($1.referencedKindKeys) }
    }
}
