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
/// errors (computed on JSON) point at the instance file. A path is followed down the tree
/// when an error asks for it: most instances have no error, and a table of every path took
/// the square of the depth and most of the time of admitting a large instance. Both a
/// key's range and its value's range are answered: "Required value" points at the parent,
/// "Invalid value" at the value.
struct FieldLocator {
    private let root: YAMLNode?
    let documentRange: TextRange
    /// The file's text; nil: no fixes.
    let source: SourceText?
    /// An instance of 100,000 unknown fields asks for each of them in one mapping.
    private let lookup = YAMLEntryLookup()

    init(root: YAMLNode?, documentRange: TextRange, source: SourceText? = nil) {
        self.root = root
        self.documentRange = documentRange
        self.source = source
    }

    /// Edits adding `name: value` to the mapping written at `path` (first: required fields
    /// read first); nil when it is not
    /// written as a mapping there (a default supplied it) or without the text.
    func insertion(_ name: String, value: JSONValue, into path: APIFieldPath) -> [SourceEdit]? {
        let found = follow(path)
        guard let source, found.depth == path.segments.count, let mapping = found.node?.mapping,
              mapping.entry(forKey: name) == nil else { return nil }  // written as null: left to the author
        return MappingEdits.insertFirst(key: name, value: value, into: mapping, source: source)
    }

    /// The value written at `path`, or the nearest written ancestor.
    func valueRange(_ path: APIFieldPath) -> TextRange { follow(path).node?.range ?? documentRange }

    /// The key naming `path` (the value for list items), or the nearest written ancestor's.
    func keyRange(_ path: APIFieldPath) -> TextRange { follow(path).key ?? documentRange }

    /// The node at the longest written prefix of `path`, how many segments it took, and
    /// the key naming it (nil at the root). Map keys are looked up as fields: only the
    /// schema knows which a mapping key is.
    private func follow(_ path: APIFieldPath) -> (node: YAMLNode?, depth: Int, key: TextRange?) {
        guard var node = root else { return (nil, 0, nil) }
        var key: TextRange?
        var depth = 0
        for segment in path.segments {
            let next: (node: YAMLNode, key: TextRange)?
            switch (segment, node.resolvedNode) {
            case (.field(let name), .mapping(let m)?), (.key(let name), .mapping(let m)?):
                next = lookup.entry(name, in: m).map { ($0.value, $0.key.range) }
            case (.index(let i), .sequence(let s)?):
                next = s.items.indices.contains(i) ? (s.items[i], s.items[i].range) : nil
            default:
                next = nil
            }
            guard let next else { break }
            (node, key) = next
            depth += 1
        }
        return (node, depth, key)
    }
}
