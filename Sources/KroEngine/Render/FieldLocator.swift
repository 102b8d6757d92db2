import JSON
import YAMLSyntax

/// A field path as the API server prints it in field errors (`field.Path`):
/// `spec.ports[0].name`, map keys in brackets (`spec.labels[app]`).
public struct APIFieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case field(String)
        case key(String)
        case index(Int)
    }
    public var segments: [Segment] = []
    public init(_ segments: [Segment] = []) { self.segments = segments }

    public func child(_ name: String) -> APIFieldPath { APIFieldPath(segments + [.field(name)]) }
    public func key(_ key: String) -> APIFieldPath { APIFieldPath(segments + [.key(key)]) }
    public func index(_ i: Int) -> APIFieldPath { APIFieldPath(segments + [.index(i)]) }
    public var parent: APIFieldPath? { segments.isEmpty ? nil : APIFieldPath(Array(segments.dropLast())) }

    public var description: String {
        var out = ""
        for s in segments {
            switch s {
            case .field(let f): out += out.isEmpty ? f : "." + f
            case .key(let k): out += "[" + k + "]"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

/// Where each field of a YAML document was written, by API field path, so admission
/// errors (computed on JSON) point at the instance file. Both a key's range and its
/// value's range are kept: "Required value" points at the parent, "Invalid value" at
/// the value.
struct FieldLocator {
    private var values: [APIFieldPath: TextRange] = [:]
    private var keys: [APIFieldPath: TextRange] = [:]
    let documentRange: TextRange

    init(root: YAMLNode?, documentRange: TextRange) {
        self.documentRange = documentRange
        if let root { walk(root, APIFieldPath(), depth: 0) }
    }

    /// Map keys are recorded as fields; lookups spell `[key]` the same way (only the
    /// schema knows which a mapping key is).
    private static func normalized(_ path: APIFieldPath) -> APIFieldPath {
        APIFieldPath(path.segments.map { if case .key(let k) = $0 { .field(k) } else { $0 } })
    }

    private mutating func walk(_ node: YAMLNode, _ path: APIFieldPath, depth: Int) {
        guard depth < 200 else { return }
        values[path] = node.range
        switch node.resolvedNode {
        case .mapping(let m)?:
            for entry in m.effectiveEntries {
                guard let key = entry.key.keyString else { continue }
                keys[path.child(key)] = entry.key.range
                walk(entry.value, path.child(key), depth: depth + 1)
            }
        case .sequence(let s)?:
            for (i, item) in s.items.enumerated() {
                keys[path.index(i)] = item.range
                walk(item, path.index(i), depth: depth + 1)
            }
        default:
            break
        }
    }

    /// The value written at `path`, or the nearest written ancestor.
    func valueRange(_ path: APIFieldPath) -> TextRange { nearest(values, path) }

    /// The key naming `path` (the value for list items), or the nearest written ancestor's.
    func keyRange(_ path: APIFieldPath) -> TextRange { nearest(keys, path) }

    private func nearest(_ table: [APIFieldPath: TextRange], _ path: APIFieldPath) -> TextRange {
        var p: APIFieldPath? = Self.normalized(path)
        while let cur = p {
            if let r = table[cur] { return r }
            p = cur.parent
        }
        return documentRange
    }
}
