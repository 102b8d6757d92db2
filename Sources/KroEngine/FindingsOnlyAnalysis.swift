import YAMLSyntax

/// A `--check` run keeps every file's analysis until the run's findings are known (its
/// instance files are admitted against every RGD of the run), and an analysis held its
/// whole YAML tree: eight 8 MB files of one-letter flow lists kept 790 MB of trees for a
/// 66 MB run, seven 11 MB instance files 700 MB. What the run reads after the analysis is
/// an RGD's header (name, annotations, schema: chaining, generated CRDs, breaking
/// changes), its findings, and, for admission, the documents whose type an RGD of the run
/// defines. So every tree goes; the RGDs keep their header and each resource's range, and
/// the analysis the types of its documents (`DocumentTypes`): a file holding a document of
/// a type the run defines is parsed again to be admitted.
extension DocumentAnalysis {
    /// Lets go of the documents' trees, in place (nothing is copied when this analysis is
    /// their only holder): no document has a root, and each RGD keeps no tree below its
    /// header (its root and each resource an empty collection with the range they had).
    /// Its findings are the same. Returns the types admission would look up.
    public mutating func dropTrees() -> DocumentTypes {
        var types = DocumentTypes()
        for i in yaml.documents.indices {
            // As `Preview.instanceDiagnostics` reads them: documents without errors only.
            if yaml.documents[i].errors.isEmpty, let written = Preview.typeMeta(of: yaml.documents[i]) {
                types.types.insert(TypeMeta(apiVersion: written.apiVersion, kind: written.kind))
            }
            yaml.documents[i].root = nil
        }
        for r in rgds.indices { rgds[r].dropTrees() }
        return types
    }
}

/// The `apiVersion` and `kind` of a file's documents (those without YAML errors), kept
/// when its trees are let go (`DocumentAnalysis.dropTrees`).
public struct DocumentTypes: Sendable {
    var types: Set<TypeMeta> = []
}

extension InstanceKindIndex {
    /// Whether a document of one of `types` is an instance of an RGD of the run: only then
    /// does admission read the file (`Preview.instanceDiagnostics` finds nothing else).
    public func admitsAny(of types: DocumentTypes) -> Bool {
        types.types.contains { definesType($0) }
    }
}

extension ResourceGraphDefinition {
    /// The model without the trees below its header (see `DocumentAnalysis.dropTrees`).
    mutating func dropTrees() {
        root = YAMLMapping(entries: [], style: root.style, range: root.range)
        for i in resources.indices {
            resources[i].node = Self.emptied(resources[i].node)
            if let template = resources[i].template { resources[i].template = Self.emptied(template) }
        }
    }

    /// An empty collection with `node`'s range and style (a scalar or alias as it is).
    private static func emptied(_ node: YAMLNode) -> YAMLNode {
        switch node {
        case .mapping(let m): .mapping(YAMLMapping(entries: [], style: m.style, range: m.range))
        case .sequence(let s): .sequence(YAMLSequence(items: [], style: s.style, range: s.range))
        case .scalar, .alias: node
        }
    }
}
