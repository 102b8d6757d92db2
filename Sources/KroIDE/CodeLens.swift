import KroEngine
import YAMLSyntax

/// A line of text shown above `range`, and what clicking it does.
public struct CodeLens: Sendable, Hashable {
    /// The server commands a lens can run on its RGD (issue 12's editor commands).
    public enum Action: Sendable, Hashable {
        /// Render the RGD's scaffolded instance (`kro.preview`).
        case preview
        /// The CRD the RGD generates (`kro.generateCRD`).
        case generateCRD
        /// An example instance (`kro.scaffoldInstance`).
        case scaffoldInstance
        /// Nothing to run: the title is the information.
        case none
    }

    public var range: TextRange
    public var title: String
    public var action: Action
    /// Which RGD of the file the action is about (index into `DocumentSnapshot.rgds`).
    public var rgdIndex: Int
}

/// The lenses of a file: on each RGD, "Preview", "Generate CRD" and "Scaffold instance"
/// (when kro would accept it and it has a schema kind) and its creation order; on each
/// resource, how many resources depend on it and which.
public enum CodeLenses {
    /// How many ids a title names before "+N more" (a lens is one line).
    static let namedInTitle = 5

    public static func lenses(_ snapshot: DocumentSnapshot) -> [CodeLens] {
        snapshot.rgds.enumerated().flatMap { index, rgd in lenses(rgd, index: index) }
    }

    static func lenses(_ rgd: RGDSnapshot, index: Int) -> [CodeLens] {
        let model = rgd.rgd
        let top = model.root.entries.first?.key.range ?? model.root.range
        var out: [CodeLens] = []
        if model.schema?.kind != nil, rgd.analysis.generatedCRD != nil {
            if !rgd.analysis.hasErrors {
                out.append(CodeLens(range: top, title: "Preview", action: .preview, rgdIndex: index))
                out.append(CodeLens(range: top, title: "Scaffold instance", action: .scaffoldInstance, rgdIndex: index))
            }
            out.append(CodeLens(range: top, title: "Generate CRD", action: .generateCRD, rgdIndex: index))
        }
        if let order = rgd.graph.topologicalOrder, !order.isEmpty {
            out.append(CodeLens(range: top, title: "Creation order: " + named(order, separator: " → "), action: .none,
                                rgdIndex: index))
        }
        let dependents = dependentsByID(rgd.graph)
        for resource in model.resources {
            guard let id = resource.id else { continue }
            let users = dependents[id.value] ?? []
            let title = switch users.count {
            case 0: "no dependents"
            case 1: "1 dependent: " + users[0]
            default: "\(users.count) dependents: " + named(users, separator: ", ")
            }
            out.append(CodeLens(range: id.keyRange, title: title, action: .none, rgdIndex: index))
        }
        return out
    }

    /// For each id, the resources whose expressions read it, in graph order.
    static func dependentsByID(_ graph: DependencyGraph) -> [String: [String]] {
        let ids = Set(graph.nodes)
        var out: [String: [String]] = [:]
        for node in graph.nodes {
            var seen: Set<String> = [node]  // a readyWhen reading its own resource is no dependent
            for edge in graph.edges[node] ?? [] where ids.contains(edge.to) && seen.insert(edge.to).inserted {
                out[edge.to, default: []].append(node)
            }
        }
        return out
    }

    /// `a, b, c, d, e +3 more`.
    static func named(_ ids: [String], separator: String) -> String {
        let shown = ids.prefix(namedInTitle).joined(separator: separator)
        return ids.count > namedInTitle ? shown + " +\(ids.count - namedInTitle) more" : shown
    }
}
