import KroEngine
import YAMLSyntax

/// One entry of the outline.
public struct DocumentSymbol: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case rgd, namespace, field, resource, type }
    public var name: String
    public var detail: String?
    public var kind: Kind
    /// The whole entry, and the name within it.
    public var range: TextRange
    public var selectionRange: TextRange
    public var children: [DocumentSymbol]
}

/// The outline of a file: per RGD, its schema fields as a tree, its custom types, and its
/// resources with their kinds. Workspace symbols search the same entries across files.
public enum DocumentSymbols {
    public static func outline(_ snapshot: DocumentSnapshot) -> [DocumentSymbol] {
        snapshot.rgds.map { rgd in
            let name = rgd.rgd.name?.value ?? "ResourceGraphDefinition"
            var children: [DocumentSymbol] = []
            let spec = fields(rgd.instanceSchema.fields.filter { $0.block == .spec }, depth: 0)
            if let schema = rgd.rgd.schema {
                let kind = schema.kind?.value
                // Key and value: LSP clients require the selection (the key) inside the range.
                let range = TextRange(start: min(schema.keyRange.start, schema.node.range.start),
                                      end: max(schema.keyRange.end, schema.node.range.end))
                children.append(DocumentSymbol(name: "schema", detail: kind, kind: .namespace, range: range,
                                               selectionRange: schema.keyRange, children: spec))
            }
            let types = fields(rgd.instanceSchema.fields.filter { $0.block == .types }, depth: 0, kind: .type)
            children += types
            for r in rgd.rgd.resources {
                guard let id = r.id else { continue }
                children.append(DocumentSymbol(name: id.value, detail: ResourceDocs.kindText(r), kind: .resource,
                                               range: r.node.range, selectionRange: id.range, children: []))
            }
            let selection = rgd.rgd.name?.range ?? rgd.rgd.root.range
            return DocumentSymbol(name: name, detail: rgd.rgd.schema?.kind?.value, kind: .rgd, range: rgd.documentRange,
                                  selectionRange: selection, children: children)
        }
    }

    /// Fields whose path has `depth + 1` elements, each with its nested fields. The nested
    /// ones are grouped under their ancestor's path in one pass (a search of every field for
    /// each field took 20 s for 19,000 of them).
    private static func fields(_ all: [SimpleSchemaField], depth: Int, kind: DocumentSymbol.Kind = .field) -> [DocumentSymbol] {
        var here: [SimpleSchemaField] = []
        var nested: [ArraySlice<String>: [SimpleSchemaField]] = [:]
        for field in all {
            if field.path.count == depth + 1 {
                here.append(field)
            } else if field.path.count > depth + 1 {
                nested[field.path.prefix(depth + 1), default: []].append(field)
            }
        }
        return here.compactMap { field in
            guard let key = field.keyRange else { return nil }
            let range = TextRange(start: key.start, end: max(key.end, field.valueRange.end))
            return DocumentSymbol(name: field.path[depth], detail: field.typeText, kind: depth == 0 ? kind : .field,
                                  range: range, selectionRange: key,
                                  children: fields(nested[field.path[...]] ?? [], depth: depth + 1))
        }
    }

    /// Symbols a workspace search answers at most: an editor asks again as the query
    /// grows, and every symbol of 2,000 open files was a 38 MB answer taking 2.3 s.
    public static let maxWorkspaceSymbols = 1_000

    /// The symbols across files whose name contains `query` (case-insensitive), flattened,
    /// with the file each is in: the first `limit`, in the order of the files and outlines
    /// (the files after the limit are not outlined).
    public static func workspace(_ files: [(uri: String, snapshot: DocumentSnapshot)], query: String,
                                 limit: Int = maxWorkspaceSymbols)
        -> [(uri: String, symbol: DocumentSymbol, container: String?)]
    {
        var out: [(uri: String, symbol: DocumentSymbol, container: String?)] = []
        let lowered = query.lowercased()
        let loweredBytes = lowered.utf8.count
        func visit(_ s: DocumentSymbol, container: String?, uri: String) {
            guard out.count < limit else { return }
            // A name shorter than the query cannot hold it: not searched (a search costs the
            // query's length, and a query of 1 MB against 30,000 names took minutes).
            if query.isEmpty || Self.name(s.name.lowercased(), holds: lowered, of: loweredBytes) {
                out.append((uri, s, container))
            }
            for c in s.children { visit(c, container: s.name, uri: uri) }
        }
        for file in files {
            guard out.count < limit else { break }
            for s in outline(file.snapshot) { visit(s, container: nil, uri: file.uri) }
        }
        return out
    }

    private static func name(_ name: String, holds query: String, of queryBytes: Int) -> Bool {
        name.utf8.count >= queryBytes && name.contains(query)
    }
}
