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
    /// The mappings written, for fixes that add a field to one.
    private var mappings: [APIFieldPath: YAMLMapping] = [:]
    let documentRange: TextRange
    /// The file's text; nil: no fixes.
    let source: SourceText?

    init(root: YAMLNode?, documentRange: TextRange, source: SourceText? = nil) {
        self.documentRange = documentRange
        self.source = source
        if let root { walk(root, APIFieldPath(), depth: 0) }
    }

    /// Edits adding `name: value` to the mapping written at `path` (first: required fields
    /// read first); nil when it is not
    /// written as a mapping there (a default supplied it) or without the text.
    func insertion(_ name: String, value: JSONValue, into path: APIFieldPath) -> [SourceEdit]? {
        guard let source, let mapping = mappings[Self.normalized(path)],
              mapping.entry(forKey: name) == nil else { return nil }  // written as null: left to the author
        return MappingEdits.insertFirst(key: name, value: value, into: mapping, source: source)
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
            mappings[path] = m
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
