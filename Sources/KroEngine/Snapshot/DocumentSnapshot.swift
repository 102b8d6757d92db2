import CEL
import YAMLSyntax

/// Everything the engine knows about one version of one document, immutable and shared by
/// every request on that version: the text, the YAML tree, each RGD with its expressions,
/// types, symbols and graph, and the diagnostics. IDE features are functions of
/// (snapshot, byte offset); start from `lookup(at:)`.
public struct DocumentSnapshot: Sendable {
    /// The document version the snapshot describes (the LSP version; 0 for files).
    public let version: Int
    public let source: SourceText
    public let yaml: YAMLFile
    /// Sorted by position, then by code.
    public let diagnostics: [Diagnostic]
    /// One per RGD document without YAML errors, in document order.
    public let rgds: [RGDSnapshot]

    public init(analysis: DocumentAnalysis, version: Int) {
        self.version = version
        self.source = analysis.source
        self.yaml = analysis.yaml
        self.diagnostics = analysis.diagnostics
        let documents = analysis.yaml.documents
        self.rgds = analysis.rgds.map { rgd in
            let start = rgd.rgd.root.range.start
            let range = documents.first { $0.range.start <= start && start < $0.range.end }?.range ?? rgd.rgd.root.range
            return RGDSnapshot(analysis: rgd, documentRange: range, source: analysis.source)
        }
    }

    /// Analyses `source` (the one analysis the server and `--check` share); `cache`: see
    /// `DocumentAnalyzer.analyze(_:options:cache:)`.
    public static func analyze(_ source: SourceText, version: Int = 0, options: AnalysisOptions,
                               cache: AnalysisCache? = nil) -> DocumentSnapshot {
        DocumentSnapshot(analysis: DocumentAnalyzer.analyze(source, options: options, cache: cache), version: version)
    }

    /// The YAML document holding `offset` (a cursor at the very end counts as in the last).
    public func document(at offset: Int) -> YAMLDocument? {
        yaml.documents.first { $0.range.contains(offset) } ?? yaml.documents.last { $0.range.end == offset }
    }

    /// The RGD whose document holds `offset`.
    public func rgd(at offset: Int) -> RGDSnapshot? {
        rgds.first { $0.documentRange.contains(offset) } ?? rgds.last { $0.documentRange.end == offset }
    }

    /// What is at `offset`: YAML path, expression, CEL node and its type, symbol.
    public func lookup(at offset: Int) -> SnapshotLookup { SnapshotLookup(snapshot: self, offset: offset) }
}
