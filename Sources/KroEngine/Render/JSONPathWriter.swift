import JSON
import OrderedCollections

/// Writes and removes values at template field paths, creating parents as kro's resolver
/// does (objects for named segments, arrays for indices).
enum JSONPathWriter {
    static func set(_ value: JSONValue?, at path: ArraySlice<SchemaPathSegment>, in node: inout JSONValue) {
        guard let first = path.first else {
            if let value { node = value }
            return
        }
        let rest = path.dropFirst()
        switch first {
        case .field(let key):
            var members = node.objectValue ?? [:]
            if rest.isEmpty {
                if let value { members[key] = value } else { members.removeValue(forKey: key) }
            } else {
                var child = members[key] ?? (isIndex(rest.first) ? .array([]) : .object([:]))
                set(value, at: rest, in: &child)
                members[key] = child
            }
            node = .object(members)
        case .index(let i):
            var items = node.arrayValue ?? []
            guard i >= 0, i < 1 << 20 else { return }
            while items.count <= i { items.append(.null) }
            if rest.isEmpty {
                items[i] = value ?? omitted
            } else {
                var child = items[i] == .null ? (isIndex(rest.first) ? .array([]) : .object([:])) : items[i]
                set(value, at: rest, in: &child)
                items[i] = child
            }
            node = .array(items)
        }
    }

    /// Marks an array element for removal (`omit()` in a list); `removeOmitted` drops it
    /// once every field is written, so later indices keep their places meanwhile.
    static let omitted: JSONValue = .string("\u{0}kro.omit\u{0}")

    static func removeOmitted(_ node: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 256 else { return node }
        switch node {
        case .array(let items):
            return .array(items.filter { $0 != omitted }.map { removeOmitted($0, depth: depth + 1) })
        case .object(let members):
            return .object(members.mapValues { removeOmitted($0, depth: depth + 1) })
        default:
            return node
        }
    }

    static func get(_ path: ArraySlice<SchemaPathSegment>, in node: JSONValue) -> JSONValue? {
        guard let first = path.first else { return node }
        switch first {
        case .field(let key): return node[key].flatMap { get(path.dropFirst(), in: $0) }
        case .index(let i):
            guard let items = node.arrayValue, i >= 0, i < items.count else { return nil }
            return get(path.dropFirst(), in: items[i])
        }
    }

    private static func isIndex(_ s: SchemaPathSegment?) -> Bool {
        if case .index? = s { return true }
        return false
    }
}
