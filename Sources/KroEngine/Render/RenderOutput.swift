import JSON
import OrderedCollections
import YAMLSyntax

/// The printed forms of a preview: `---`-separated YAML with comments for what is
/// pending or skipped, or one JSON object.
public enum RenderOutput {
    /// YAML: a header listing skipped, pending and failed nodes, then each created object
    /// headed by its id (creation order), then the instance with its status.
    public static func yaml(_ result: RenderResult) -> String {
        var text = ""
        yaml(result) { text += $0 }
        return text
    }

    /// The same text in pieces, in order, handed to `write` as each document is made: a
    /// caller that prints them never holds the whole text (with the list of documents and
    /// their join, 65 MB of the 217 MB a render of 50,000 objects peaked at).
    public static func yaml(_ result: RenderResult, write: (String) -> Void) {
        var first = true
        func append(document: String) {
            if !first { write("---\n") }
            first = false
            write(document)
        }
        var header: [String] = []
        for node in result.nodes {
            switch node.outcome {
            case .skipped(let reason): header.append("# skipped \(node.id): \(oneLine(reason))")
            case .pending(let reason): header.append("# pending \(node.id): \(oneLine(reason))")
            case .failed(let reason): header.append("# error \(node.id): \(oneLine(reason))")
            case .rendered where node.objects.isEmpty: header.append("# \(node.id): empty collection, nothing created")
            case .rendered, .read: break
            }
        }
        // Labels only the controller knows (the same on every object) are listed once.
        var controllerLabels: [String] = []
        for p in result.nodes.flatMap(\.pending) where p.expression.isEmpty && !controllerLabels.contains(p.path) {
            controllerLabels.append(p.path)
            header.append("# every object also gets \(p.path) (needs \(p.needs))")
        }
        if !header.isEmpty { append(document: header.map(commentLine).joined(separator: "\n") + "\n") }
        for node in result.nodes where !node.objects.isEmpty {
            guard node.outcome == .rendered || node.outcome == .read else { continue }
            for (i, object) in node.objects.enumerated() {
                var lines: [String] = []
                let what = node.outcome == .read ? "external \(node.id) (read, not created)" : "resource \(node.id)"
                lines.append("# " + what + (node.objects.count > 1 || isCollection(node) ? " [\(i)]" : "") + describe(object))
                for w in node.waitsFor where i == 0 { lines.append("# waits for \(oneLine(w))") }
                if i == 0, let why = node.notReady { lines.append("# not ready offline: \(oneLine(why))") }
                for p in node.pending where !p.expression.isEmpty && appliesTo(p, item: i, of: node) {
                    lines.append("# pending: \(stripItem(p.path)) = \(oneLine(p.expression)) (needs \(p.needs))")
                }
                append(document: lines.map(commentLine).joined(separator: "\n") + "\n" + YAMLWriter.write(object))
            }
        }
        if let instance = result.instance {
            var lines = ["# instance" + describe(instance)]
            for p in result.statusPending {
                lines.append("# pending: \(p.path) = \(oneLine(p.expression)) (needs \(p.needs))")
            }
            append(document: lines.map(commentLine).joined(separator: "\n") + "\n" + YAMLWriter.write(instance))
        }
    }

    /// JSON: `{resources, skipped, pending, failed, externals, instance, status, statusPending}`.
    public static func json(_ result: RenderResult) -> JSONValue {
        var resources: [JSONValue] = []
        var externals: [JSONValue] = []
        var skipped: [JSONValue] = []
        var pending: [JSONValue] = []
        var failed: [JSONValue] = []
        for node in result.nodes {
            switch node.outcome {
            case .rendered:
                for (i, object) in node.objects.enumerated() {
                    var entry: JSONObject = ["id": .string(node.id), "object": object]
                    if isCollection(node) { entry["index"] = .int(Int64(i)) }
                    entry["pending"] = .array(node.pending.filter { appliesTo($0, item: i, of: node) }.map {
                        var p = pendingJSON($0)
                        p["path"] = .string(stripItem($0.path))
                        return .object(p)
                    })
                    entry["waitsFor"] = .array(node.waitsFor.map { .string($0) })
                    if let why = node.notReady { entry["notReady"] = .string(why) }
                    resources.append(.object(entry))
                }
            case .read:
                externals.append(["id": .string(node.id), "objects": .array(node.objects)])
            case .skipped(let reason): skipped.append(["id": .string(node.id), "reason": .string(reason)])
            case .pending(let reason): pending.append(["id": .string(node.id), "reason": .string(reason)])
            case .failed(let reason): failed.append(["id": .string(node.id), "reason": .string(reason)])
            }
        }
        var out: JSONObject = [
            "resources": .array(resources), "skipped": .array(skipped), "pending": .array(pending),
            "failed": .array(failed), "externals": .array(externals),
        ]
        if let instance = result.instance {
            out["instance"] = instance
            out["status"] = instance["status"] ?? .object([:])
        }
        out["statusPending"] = .array(result.statusPending.map { .object(pendingJSON($0)) })
        return .object(out)
    }

    /// A comment line with each line break a space: a name, id or path holding one (an
    /// instance's `name: "a\nb: x"`) ended the comment and put the rest into the object.
    /// `Character.isNewline` holds every break YAML ends a comment at (NEL, LS and PS too).
    static func commentLine(_ line: String) -> String {
        guard line.contains(where: \.isNewline) else { return line }
        return String(line.map { $0.isNewline ? " " : $0 })
    }

    /// Text fit for one comment line: whitespace runs folded, long text shortened.
    static func oneLine(_ text: String) -> String {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return folded.count > 160 ? String(folded.prefix(157)) + "..." : folded
    }

    private static func pendingJSON(_ p: PendingField) -> JSONObject {
        var o: JSONObject = ["path": .string(p.path), "needs": .string(p.needs)]
        if !p.expression.isEmpty { o["expression"] = .string(p.expression) }
        return o
    }

    private static func isCollection(_ node: RenderedNode) -> Bool {
        node.objects.count > 1 || node.objects.first?["metadata"]?["labels"]?["kro.run/collection-index"] != nil
    }

    /// Collection pending paths are written `[i].path`; label paths apply to every item.
    private static func appliesTo(_ p: PendingField, item: Int, of node: RenderedNode) -> Bool {
        guard p.path.hasPrefix("["), let close = p.path.firstIndex(of: "]"),
              let i = Int(p.path[p.path.index(after: p.path.startIndex)..<close]) else { return true }
        return i == item
    }

    private static func stripItem(_ path: String) -> String {
        guard path.hasPrefix("["), let dot = path.firstIndex(of: "."), path[..<dot].hasSuffix("]") else { return path }
        return String(path[path.index(after: dot)...])
    }

    /// ` (Kind namespace/name)`.
    private static func describe(_ object: JSONValue) -> String {
        let kind = object["kind"]?.stringValue ?? "?"
        let name = object["metadata"]?["name"]?.stringValue ?? "?"
        let ns = object["metadata"]?["namespace"]?.stringValue
        return " (\(kind) \(ns.map { "\($0)/" } ?? "")\(name))"
    }
}
