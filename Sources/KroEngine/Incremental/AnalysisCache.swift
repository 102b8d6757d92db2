import Foundation
import YAMLSyntax

/// What one document's analyses keep for the next one: per RGD document, the typing
/// environment and each resource's results (`ResourceAnalysis`), so an edit inside one
/// resource re-analyses only that resource. The server owns one per open document and
/// passes it to every analysis of that document; `--check` passes none. A cache belongs to
/// one schema store: the caller drops it when the store changes (other options are checked).
/// Safe to share between concurrent runs (the last to finish wins; every entry is valid).
public final class AnalysisCache: @unchecked Sendable {
    private let lock = NSLock()
    private var options: OptionsKey?
    private var documents: [Int: RGDCacheEntry] = [:]
    /// The tree of the last text analysed: the next text is parsed against it
    /// (`YAMLParser.reparse`: only the edited list item when the structure holds).
    private var yaml: YAMLFile?

    public init() {}

    /// `source` parsed, reusing the previous tree where the edit allows.
    func parse(_ source: SourceText) -> YAMLFile {
        let previous = lock.withLock { yaml }
        let file = previous.map { YAMLParser.reparse(source, previous: $0) } ?? YAMLParser.parse(source)
        lock.withLock { yaml = file }
        return file
    }

    /// The options that change results apart from the store.
    struct OptionsKey: Equatable {
        var crdPaths: [String]
        var catalogEnabled: Bool
        var omitFunctionEnabled: Bool
        var chainedKinds: ChainedKinds
        init(_ o: AnalysisOptions) {
            crdPaths = o.crdPaths; catalogEnabled = o.catalogEnabled; omitFunctionEnabled = o.omitFunctionEnabled
            chainedKinds = o.chainedKinds
        }
    }

    /// The entry of the `document`-th YAML document (empty after an options change).
    func entry(document: Int, options: AnalysisOptions) -> RGDCacheEntry {
        lock.withLock {
            let key = OptionsKey(options)
            if self.options != key { self.options = key; documents = [:] }
            return documents[document] ?? RGDCacheEntry()
        }
    }

    func store(_ entry: RGDCacheEntry, document: Int, options: AnalysisOptions) {
        lock.withLock {
            guard self.options == OptionsKey(options) else { return }
            documents[document] = entry
        }
    }

    /// Keeps only the first `count` documents' entries (documents were removed).
    func keepDocuments(below count: Int) {
        lock.withLock { documents = documents.filter { $0.key < count } }
    }

    /// How many resources the last analyses took from the cache and computed (for tests
    /// and the benchmark's sanity checks).
    public var statistics: (reused: Int, computed: Int) {
        lock.withLock { documents.values.reduce((0, 0)) { ($0.0 + $1.reused, $0.1 + $1.computed) } }
    }

    /// Every document's entry (tests compare caches filled in different ways).
    var entries: [Int: RGDCacheEntry] { lock.withLock { documents } }

    /// How many items the last analyses did not read again (admission kept).
    public var admissionsReused: Int { lock.withLock { documents.values.reduce(0) { $0 + $1.admissionsReused } } }
}

/// The cache of one RGD document: a value, copied out at the start of an analysis and
/// stored back at its end.
struct RGDCacheEntry {
    /// `referencedKinds`: the GVK keys the resources name (a function of the key).
    var environment: (key: RGDEnvironmentKey, value: TypeEnvironment, referencedKinds: Set<String>)?
    /// Bumped whenever the environment is rebuilt; resources computed in an older one are stale.
    var generation = 0
    /// By resource index (position in `spec.resources`).
    var resources: [CachedResource?] = []
    var reused = 0
    var computed = 0
    /// Items whose admission read was taken from the cache in the last analysis.
    var admissionsReused = 0
    /// The last graph and what it was built from.
    var graph: (inputs: [RGDAnalyzer.GraphInput], graph: DependencyGraph)?
}

/// A resource's results with what they were computed from. A class: the cache, the
/// analysis and the next version share one, an edit elsewhere copies no field.
final class CachedResource: Sendable {
    /// The item's text, where it started and its column (YAML reads the same text at
    /// another column differently).
    let text: [UInt8]
    let start: Int
    let column: Int
    let generation: Int
    let analysis: ResourceAnalysis
    /// Admission's read of the item (nil when it read other items), valid in any environment.
    let admitted: AdmittedResource?
    /// The item's part of the environment key.
    let keyPart: RGDEnvironmentKey.Resource?

    init(text: [UInt8], start: Int, column: Int, generation: Int, analysis: ResourceAnalysis,
         admitted: AdmittedResource?, keyPart: RGDEnvironmentKey.Resource?) {
        self.text = text; self.start = start; self.column = column; self.generation = generation
        self.analysis = analysis; self.admitted = admitted; self.keyPart = keyPart
    }

    /// Whether the item at `place` has this text at this column.
    func matches(_ place: (range: TextRange, column: Int), in source: SourceText) -> Bool {
        guard column == place.column, text.count == place.range.length,
              place.range.start >= 0, place.range.end <= source.bytes.count else { return false }
        return text.withUnsafeBytes { cached in
            source.bytes.withUnsafeBytes { all in
                cached.count == 0 || memcmp(cached.baseAddress!, all.baseAddress! + place.range.start, cached.count) == 0
            }
        }
    }
}
