/// Text renderings of an RGD's dependency graph for `kro-lsp graph`: Graphviz DOT and
/// Mermaid. An edge `a -> b` reads "a depends on b" (as in kro's cycle messages); nodes
/// show their type and `includeWhen` conditions.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, mermaid
}

extension RGDAnalysis {
    public func renderGraph(_ format: GraphFormat) -> String {
        let name = rgd.name?.value ?? rgd.schema?.kind?.value ?? "rgd"
        let resources = rgd.resourcesByID()
        let nodes = graph.nodes.compactMap { id in resources[id].map { (id, $0) } }
        func label(_ id: String, _ r: RGDResource) -> [String] {
            var lines = [id, r.nodeType.rawValue]
            if let kind = r.objectNode?.mapping?.value(forKey: "kind")?.scalar?.value { lines[1] += " \(kind)" }
            for item in r.includeWhen?.items ?? [] {
                if let s = item.scalar?.value { lines.append("includeWhen: \(s)") }
            }
            return lines
        }
        switch format {
        case .dot:
            var out = "// a -> b: a depends on b\ndigraph \(dotQuote(name)) {\n  rankdir=BT;\n  node [shape=box];\n"
            for (id, r) in nodes {
                let style = r.includeWhen?.items.isEmpty == false ? ", style=dashed" : ""
                out += "  \(dotQuote(id)) [label=\(dotQuote(label(id, r).joined(separator: "\n")))\(style)];\n"
            }
            for id in graph.nodes {
                for edge in graph.edges[id] ?? [] { out += "  \(dotQuote(edge.from)) -> \(dotQuote(edge.to));\n" }
            }
            return out + "}\n"
        case .mermaid:
            var out = "%% a --> b: a depends on b\nflowchart BT\n"
            for (i, (id, r)) in nodes.enumerated() {
                let text = label(id, r).map(mermaidEscape).joined(separator: "<br/>")
                out += "  n\(i)[\"\(text)\"]\n"
            }
            let index = Dictionary(graph.nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for id in graph.nodes {
                for edge in graph.edges[id] ?? [] {
                    guard let a = index[edge.from], let b = index[edge.to] else { continue }
                    out += "  n\(a) --> n\(b)\n"
                }
            }
            return out
        }
    }

    private func dotQuote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// Text inside a quoted Mermaid label: a line break ended the node's statement (a
    /// description or id with one broke the diagram), and `#` starts an entity code.
    private func mermaidEscape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case _ where c.isNewline: out += "<br/>"
            default: out.append(c)
            }
        }
        return out
    }
}
