#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// What one document's analyses keep for the next one: per RGD document, the typing
/// environment and each resource's results (`ResourceAnalysis`), so an edit inside one
/// resource re-analyses only that resource. The server owns one per open document and
/// passes it to every analysis of that document; `--check` passes none. A cache belongs to
/// one schema store: the caller drops it when the store changes (other options are checked).
/// Safe to share between concurrent runs (the last to finish wins; every entry is valid).
public final class AnalysisCache: @unchecked Sendable {
    private let lock = Lock()
    private var options: OptionsKey?
    /// Boxed: an entry is large (over a kilobyte), and a file of many documents would
    /// otherwise hold that for each slot of the table, used or not.
    private var documents: [Int: CopyOnWriteBox<RGDCacheEntry>] = [:]
    /// The tree of the last text analysed: the next text is parsed against it
    /// (`YAMLParser.reparse`: only the edited list item when the structure holds).
    private var yaml: YAMLFile?
    /// How many texts were parsed: the number of the last one.
    private var parsedTexts = 0

    public init() {}

    /// A parsed text, numbered, with how it differs from the text numbered `changedFrom`.
    struct Parsed {
        var yaml: YAMLFile
        /// nil: not parsed by a cache.
        var text: Int?
        var change: (from: Int, change: TextChange)?
    }

    /// `source` parsed, reusing the previous tree where the edit allows; a full parse on
    /// up to `threads` threads.
    func parse(_ source: SourceText, limits: YAMLLimits = .default, threads: Int = 1) -> Parsed {
        let (previous, previousText) = lock.withLock { (yaml, parsedTexts) }
        var change: (from: Int, change: TextChange)?
        let file: YAMLFile
        if let previous {
            let reparsed = YAMLParser.reparseReportingChange(source, previous: previous, limits: limits, threads: threads)
            file = reparsed.file
            change = (previousText, reparsed.change)
        } else {
            file = YAMLParser.parse(source, limits: limits, threads: threads)
        }
        let text = lock.withLock {
            yaml = file
            parsedTexts += 1
            return parsedTexts
        }
        return Parsed(yaml: file, text: text, change: change)
    }

    /// The options that change results apart from the store.
    struct OptionsKey: Equatable {
        var crdPaths: [String]
        var catalogEnabled: Bool
        var omitFunctionEnabled: Bool
        var chainedKinds: ChainedKinds
        /// A result cut at one limit is not the answer under another.
        var limits: AnalysisLimits
        init(_ o: AnalysisOptions) {
            crdPaths = o.crdPaths; catalogEnabled = o.catalogEnabled; omitFunctionEnabled = o.omitFunctionEnabled
            chainedKinds = o.chainedKinds; limits = o.limits
        }
    }

    /// The entry of the `document`-th YAML document (empty after an options change).
    func entry(document: Int, options: AnalysisOptions) -> RGDCacheEntry {
        lock.withLock {
            let key = OptionsKey(options)
            if self.options != key { self.options = key; documents = [:] }
            return documents[document]?.value ?? RGDCacheEntry()
        }
    }

    func store(_ entry: RGDCacheEntry, document: Int, options: AnalysisOptions) {
        lock.withLock {
            guard self.options == OptionsKey(options) else { return }
            // An entry that keeps nothing (a document that is not an RGD) is not stored.
            documents[document] = entry.isEmpty ? nil : CopyOnWriteBox(entry)
        }
    }

    /// Keeps only the first `count` documents' entries (documents were removed).
    func keepDocuments(below count: Int) {
        lock.withLock { documents = documents.filter { $0.key < count } }
    }

    /// How many resources the last analyses took from the cache and computed (for tests
    /// and the benchmark's sanity checks).
    public var statistics: (reused: Int, computed: Int) {
        lock.withLock { documents.values.reduce((0, 0)) { ($0.0 + $1.value.reused, $0.1 + $1.value.computed) } }
    }

    /// Every document's entry (tests compare caches filled in different ways).
    var entries: [Int: RGDCacheEntry] { lock.withLock { documents.mapValues(\.value) } }

    /// How many items the last analyses did not read again (admission kept).
    public var admissionsReused: Int { lock.withLock { documents.values.reduce(0) { $0 + $1.value.admissionsReused } } }
}

/// The cache of one RGD document: a value, copied out at the start of an analysis and
/// stored back at its end.
struct RGDCacheEntry {
    var environment: (key: RGDEnvironmentKey, value: KeptEnvironment)?
    /// The instance schema (SimpleSchema) and the `spec.schema` it was built from.
    var instance: (schemaStart: Int?, schemaText: [UInt8], schemaColumn: Int, result: SimpleSchemaResult)?
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
    /// The number of the text (`AnalysisCache.parse`) `resources` were last computed from;
    /// nil when unknown (the text was not parsed by the cache).
    var text: Int?
    /// The text `resources` were computed from: their ranges are in it (it shares its bytes
    /// with the snapshot of that text; the entries keep no copy of their items).
    var source: SourceText?

    /// Keeps nothing a later analysis could use, nor a count to report.
    var isEmpty: Bool {
        environment == nil && instance == nil && resources.isEmpty && graph == nil
            && reused == 0 && computed == 0 && admissionsReused == 0
    }
}

/// The typing environment and what else is a function of the environment key alone, built
/// once per key instead of once per edit (each reads every resource).
struct KeptEnvironment {
    var types: TypeEnvironment
    /// The GVK keys the resources name.
    var referencedKinds: Set<String>
    /// The ids as the reference rules read them.
    var resourceIDs: ReferenceRules.ResourceIDs
    /// The scope of each resource's kind, by resource index.
    var resourceScopes: [Int: ResourceScope]

    /// `gvks`: `RGDAnalyzer.objectGVK` of each resource, in order.
    init(_ rgd: ResourceGraphDefinition, gvks: [GroupVersionKind?], types: TypeEnvironment) {
        self.types = types
        referencedKinds = Set(gvks.compactMap { $0?.bundleKey })
        resourceIDs = ReferenceRules.ResourceIDs(rgd)
        resourceScopes = types.kinds.mapValues(\.scope)
    }
}

/// A resource's results with what they were computed from. A class: the cache, the
/// analysis and the next version share one, an edit elsewhere copies no field.
final class CachedResource: Sendable {
    /// Where the item was in the text the entry was computed from (`RGDCacheEntry.source`),
    /// and its column (YAML reads the same text at another column differently).
    let start: Int
    let end: Int
    let column: Int
    let generation: Int
    let analysis: ResourceAnalysis
    /// Admission's read of the item (nil when it read other items), valid in any environment.
    let admitted: AdmittedResource?
    /// The item's part of the environment key.
    let keyPart: RGDEnvironmentKey.Resource?

    init(range: TextRange, column: Int, generation: Int, analysis: ResourceAnalysis,
         admitted: AdmittedResource?, keyPart: RGDEnvironmentKey.Resource?) {
        self.start = range.start; self.end = range.end; self.column = column; self.generation = generation
        self.analysis = analysis; self.admitted = admitted; self.keyPart = keyPart
    }

    /// Whether the item at `range` in `source` has this entry's text (in `previous`, the
    /// text it was computed from) at this column. `change`: how `source` differs from
    /// `previous`, when known — then an item outside the change is found without reading it.
    func matches(_ range: TextRange, in source: SourceText, previous: SourceText, change: TextChange?) -> Bool {
        let was = TextRange(start: start, end: end)
        guard let change, change.keeps(was) else {
            return matches(RGDAnalyzer.place(of: range, in: source), in: source, previous: previous)
        }
        guard change.moved(was) == range else { return false }
        // Before the change, or on a line whose line break is after it: the bytes before
        // it on its line are the same too.
        if was.end <= change.old.start || start - column > change.old.end { return true }
        return column == RGDAnalyzer.place(of: range, in: source).column
    }

    /// Whether the item at `place` has this entry's text (in `previous`) at this column.
    func matches(_ place: (range: TextRange, column: Int), in source: SourceText, previous: SourceText) -> Bool {
        let length = end - start
        guard column == place.column, length == place.range.length, start >= 0, end <= previous.bytes.count,
              place.range.start >= 0, place.range.end <= source.bytes.count else { return false }
        return previous.bytes.withUnsafeBytes { was in
            source.bytes.withUnsafeBytes { all in
                length == 0 || memcmp(was.baseAddress! + start, all.baseAddress! + place.range.start, length) == 0
            }
        }
    }
}
