import JSON
import OrderedCollections

extension YAMLNode {
    /// The JSON value kubectl sends for this node (rgd.md §1): scalars resolved YAML 1.1
    /// style, keys stringified, aliases and merge keys expanded, duplicate keys keeping the
    /// last value. Nesting deeper than 256 levels (possible only through hostile aliases)
    /// becomes null.
    public var jsonValue: JSONValue { jsonValue(nestedAt: 0) }

    /// Nesting past which every node reads as null.
    public static let jsonNestingLimit = 256

    /// The JSON value of this node when it sits `depth` levels below its document's root
    /// (which counts towards the nesting limit).
    public func jsonValue(nestedAt depth: Int) -> JSONValue {
        guard depth < Self.jsonNestingLimit else { return .null }
        switch resolvedNode {
        case .mapping(let m)?:
            let entries = m.effectiveEntries
            // Sized once: grown key by key, the table was made again at each doubling (a
            // mapping of 3.5 million keys spent 1.5 s in that).
            var members = OrderedDictionary<String, JSONValue>(minimumCapacity: entries.count)
            YAMLMapping.forEachJSONMember(of: entries) { key, value in members[key] = value.jsonValue(nestedAt: depth + 1) }
            return .object(members)
        case .sequence(let s)?:
            return .array(s.items.map { $0.jsonValue(nestedAt: depth + 1) })
        case .scalar(let s)?:
            switch s.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .double(d)
            case .string(let v): return .string(v)
            }
        case .alias?, nil:
            return .null
        }
    }
}

extension YAMLMapping {
    /// The members of the JSON object kubectl makes of this mapping, in order: the effective
    /// entries (merge keys expanded, the last of a repeated key) whose key is a scalar,
    /// stringified.
    public func forEachJSONMember(_ body: (String, YAMLNode) -> Void) {
        Self.forEachJSONMember(of: effectiveEntries, body)
    }

    fileprivate static func forEachJSONMember(of entries: YAMLEntries, _ body: (String, YAMLNode) -> Void) {
        for entry in entries {
            if let key = entry.key.keyString { body(key, entry.value) }
        }
    }
}
