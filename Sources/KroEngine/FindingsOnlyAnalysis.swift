import YAMLSyntax

/// A `--check` run keeps every file's analysis until the run's findings are known (its
/// instance files are admitted against every RGD of the run), and an analysis held its
/// whole YAML tree: eight 8 MB files of one-letter flow lists kept 790 MB of trees for a
/// 66 MB run. What the run reads after the analysis is an RGD's header (name, annotations,
/// schema: chaining, generated CRDs, breaking changes), its findings, and the trees of the
/// documents instance admission may read. So the trees of the RGD documents go, and the
/// RGDs keep their header and each resource's range.
extension DocumentAnalysis {
    /// Lets go of the RGD documents' trees, in place (nothing is copied when this analysis
    /// is their only holder): a document read as an RGD (`isRGDType`) has no root, and each
    /// RGD keeps no tree below its header (its root and each resource an empty collection
    /// with the range they had). Its findings are the same.
    public mutating func dropRGDTrees() {
        for i in yaml.documents.indices {
            guard let written = Preview.typeMeta(of: yaml.documents[i]),
                  Self.isRGDType(TypeMeta(apiVersion: written.apiVersion, kind: written.kind)) else { continue }
            yaml.documents[i].root = nil
        }
        for r in rgds.indices { rgds[r].dropTrees() }
    }

    /// Whether instance admission, looking up a document of this type, reads an RGD
    /// document: only when an RGD of the run defines a kind named like kro's own.
    static func isRGDType(_ type: TypeMeta) -> Bool {
        type.kind == "ResourceGraphDefinition" && type.apiVersion.hasPrefix("kro.run/")
    }
}

extension InstanceKindIndex {
    /// Whether an RGD of the run defines a kind documents read as RGDs have
    /// (`DocumentAnalysis.isRGDType`): then the documents `dropRGDTrees` let go are
    /// instances too, and must be parsed again to be admitted.
    public var admitsRGDDocuments: Bool { definedTypes.contains(where: DocumentAnalysis.isRGDType) }
}

extension ResourceGraphDefinition {
    /// The model without the trees below its header (see `DocumentAnalysis.dropRGDTrees`).
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
