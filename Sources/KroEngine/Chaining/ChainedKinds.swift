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
        public let content: CRDContent
        public var crd: JSONValue { content.crd }
        public init(rgdName: String, location: String = "", crd: JSONValue) {
            self.init(rgdName: rgdName, location: location, content: CRDContent(crd))
        }
        public init(rgdName: String, location: String = "", content: CRDContent) {
            self.rgdName = rgdName; self.location = location; self.content = content
        }

        public static func == (a: Definition, b: Definition) -> Bool {
            a.rgdName == b.rgdName && a.location == b.location && a.content.isSame(as: b.content)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(rgdName); hasher.combine(location); hasher.combine(content.digest)
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

    public init(definitions: [Definition]) { self.init(sorted: Self.sorted(definitions)) }

    /// `sorted`: definitions in the order `sorted(_:)` gives.
    private init(sorted: [Definition]) {
        definitions = sorted
        var positions: [String: [Int]] = [:]
        for (position, definition) in sorted.enumerated() {
            for key in definition.content.kindKeys where positions[key]?.last != position {
                positions[key, default: []].append(position)
            }
        }
        self.positions = positions
        var unique: [String: (kind: KindSchema, rgdName: String)] = [:]
        var ambiguous: [String: [String]] = [:]
        for (key, found) in positions {
            let first = sorted[found[0]]
            // The same RGD seen twice (one file named twice), or copies of one, is one definition.
            if found.allSatisfy({ sorted[$0].content.isSame(as: first.content) }) {
                guard let k = first.content.kindKeys.firstIndex(of: key) else { continue }
                var kind = first.content.kinds[k]
                kind.origin = .rgd(name: first.rgdName)
                unique[key] = (kind, first.rgdName)
            } else {
                ambiguous[key] = Array(Set(found.map { sorted[$0].label })).sorted()
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
            rgd.chainingContent.map { Definition(rgdName: rgd.rgd.name?.value ?? "", location: location, content: $0) }
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
        // Every definition generates one of them (a view found by those kinds): this one.
        if kept.count == definitions.count { return self }
        return ChainedKinds(sorted: kept.map { definitions[$0] })
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
