import JSON
import OrderedCollections

/// The curated CRD schemas of the operators kro composes (ASO, ACK, Config Connector,
/// cert-manager, external-secrets, Argo CD, Gateway API), written by `scripts/update-crd-catalog.py`.
/// Layout: magic, index length, JSON index, then one zlib stream per API group (the
/// script's docstring has the details). Nothing is read until the first lookup: then the
/// index, and each group's stream the first time one of its kinds is asked for.
public final class CRDCatalog: @unchecked Sendable {
    /// Where one family's schemas come from, for attribution and for diagnostics.
    public struct Source: Sendable, Hashable {
        public var family: String
        public var source: String
        public var version: String
        public var licence: String
    }

    static let magic: [UInt8] = Array("KROCRDC1".utf8)

    private struct Group {
        var range: Range<Int>
        var size: Int
        var source: Int
        var kinds: [String]
    }

    private struct Index {
        var sources: [Source] = []
        var groups: [String: Group] = [:]
        var chunksStart = 0
    }

    private let bytes: @Sendable () -> ByteBlob?
    private let lock = Lock()
    private var loaded: (bytes: ByteBlob, index: Index)??
    private var groupKinds: [String: [String: (scope: ResourceScope, schema: OpenAPISchema)]] = [:]

    /// A catalog over the bytes `load` returns when first needed (nil: no catalog).
    public init(load: @escaping @Sendable () -> [UInt8]?) { self.bytes = { load().map(ByteBlob.init) } }

    /// A catalog over bytes read in place (the embedded blob; nil: no catalog).
    public init(blob: ByteBlob?) { self.bytes = { blob } }

    private var readProblem: String?

    /// Why the catalog could not be read, if it could not (after a lookup tried).
    public var problem: String? {
        lock.lock()
        defer { lock.unlock() }
        return readProblem
    }

    /// The schema of `gvk`, or nil when the catalog has no such kind.
    public func lookup(_ gvk: GroupVersionKind) -> KindSchema? {
        lock.lock()
        defer { lock.unlock() }
        guard let (data, index) = loadedIndex(), let group = index.groups[gvk.group] else { return nil }
        let key = "\(gvk.version)/\(gvk.kind)"
        guard group.kinds.contains(key) else { return nil }
        let kinds: [String: (scope: ResourceScope, schema: OpenAPISchema)]
        if let cached = groupKinds[gvk.group] {
            kinds = cached
        } else {
            guard let read = readGroup(gvk.group, group, data, index) else { return nil }
            groupKinds[gvk.group] = read
            kinds = read
        }
        guard let entry = kinds[key] else { return nil }
        return KindSchema(gvk: gvk, scope: entry.scope, root: CRDSchemas.withStandardObjectFields(entry.schema),
                          origin: .catalog(index.sources[group.source]))
    }

    /// Every kind key (`cert-manager.io/v1/Certificate`), for completion.
    public var allKindKeys: [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let (_, index) = loadedIndex() else { return [] }
        return index.groups.flatMap { group, entry in entry.kinds.map { "\(group)/\($0)" } }.sorted()
    }

    /// The families the catalog covers, in the order the script writes them.
    public var sources: [Source] {
        lock.lock()
        defer { lock.unlock() }
        return loadedIndex()?.1.sources ?? []
    }

    private func loadedIndex() -> (ByteBlob, Index)? {
        if let loaded { return loaded.map { ($0.bytes, $0.index) } }
        guard let data = bytes() else {
            loaded = .some(nil)
            return nil
        }
        do {
            let index = try Self.readIndex(data)
            loaded = .some((data, index))
            return (data, index)
        } catch {
            readProblem = "the CRD catalog could not be read: \(error.message)"
            loaded = .some(nil)
            return nil
        }
    }

    struct FormatError: Error { var message: String }

    private static func readIndex(_ blob: ByteBlob) throws(FormatError) -> Index {
        try blob.withBytes { (data) throws(FormatError) in try readIndex(data) }
    }

    private static func readIndex(_ data: UnsafeBufferPointer<UInt8>) throws(FormatError) -> Index {
        let headerEnd = magic.count + 4
        guard data.count >= headerEnd, data[0..<magic.count].elementsEqual(magic) else {
            throw FormatError(message: "not a catalog file (bad magic)")
        }
        let length = (0..<4).reduce(0) { $0 | Int(data[magic.count + $1]) << (8 * $1) }
        guard headerEnd + length <= data.count else { throw FormatError(message: "truncated index") }
        let json: JSONValue
        do { json = try JSONParser().parse(UnsafeBufferPointer(rebasing: data[headerEnd..<(headerEnd + length)])) } catch {
            throw FormatError(message: "index: \(error)")
        }
        var index = Index(chunksStart: headerEnd + length)
        for source in json["sources"]?.arrayValue ?? [] {
            index.sources.append(Source(family: source["family"]?.stringValue ?? "?", source: source["source"]?.stringValue ?? "?",
                                        version: source["version"]?.stringValue ?? "?", licence: source["licence"]?.stringValue ?? "?"))
        }
        for (name, group) in json["groups"]?.objectValue ?? [:] {
            guard case .int(let offset)? = group["offset"], case .int(let count)? = group["length"],
                  case .int(let size)? = group["size"], case .int(let source)? = group["source"],
                  offset >= 0, count >= 0, index.chunksStart + Int(offset) + Int(count) <= data.count,
                  source >= 0, Int(source) < index.sources.count
            else { throw FormatError(message: "group \(name): bad entry") }
            let start = index.chunksStart + Int(offset)
            index.groups[name] = Group(range: start..<(start + Int(count)), size: Int(size), source: Int(source),
                                       kinds: group["kinds"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        return index
    }

    private func readGroup(_ name: String, _ group: Group, _ data: ByteBlob, _ index: Index)
        -> [String: (scope: ResourceScope, schema: OpenAPISchema)]? {
        let inflated = data.withBytes { Zlib.inflate(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0[group.range])), size: group.size) }
        guard let inflated, let json = try? JSONParser.parse(inflated), let members = json.objectValue else {
            readProblem = "the CRD catalog's group \(name) could not be read"
            return nil
        }
        var kinds: [String: (scope: ResourceScope, schema: OpenAPISchema)] = [:]
        for (key, entry) in members {
            guard let schema = entry["schema"].flatMap({ OpenAPISchema(json: $0) }) else { continue }
            let scope = ResourceScope(rawValue: entry["scope"]?.stringValue ?? "") ?? .namespaced
            kinds[key] = (scope, schema)
        }
        return kinds
    }
}
