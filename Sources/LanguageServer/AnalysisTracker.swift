import JSON
import KroEngine

/// The analysis of each open document: which run is current, its latest result, and who
/// waits for it. A newer run supersedes older ones (they are cancelled or their result is
/// dropped), so work never queues up behind stale versions.
struct AnalysisTracker {
    struct Completed: Sendable {
        var generation: Int
        var version: Int { snapshot.version }
        /// What every request on this version reads.
        var snapshot: DocumentSnapshot
        /// False for YAML that is not kro's: no diagnostics, no features (KroFileDetection).
        var isKroFile: Bool
        /// The snapshot's diagnostics as the text of an LSP `Diagnostic[]`, converted once
        /// for the push or the pulls. The server lets a large one go (and a pushed one) and
        /// converts again when asked (`Server.maxKeptDiagnosticsBytes`).
        var diagnostics: JSONFragment { kept ?? convert() }
        /// The size of that text, known without converting it again.
        let diagnosticsBytes: Int
        private var kept: JSONFragment?
        private let convert: @Sendable () -> JSONFragment

        init(generation: Int, snapshot: DocumentSnapshot, isKroFile: Bool = true,
             diagnostics convert: @escaping @Sendable () -> JSONFragment) {
            self.generation = generation; self.snapshot = snapshot; self.isKroFile = isKroFile
            self.convert = convert
            let text = convert()
            kept = text
            diagnosticsBytes = text.count
        }

        /// This result without its text, converted again when asked.
        var withoutText: Completed {
            var copy = self
            copy.kept = nil
            return copy
        }
    }

    enum Outcome: Sendable {
        case done(Completed)
        /// A newer run replaced the awaited one, or the document closed.
        case superseded
    }

    private var nextGeneration = 0
    private(set) var current: [String: Int] = [:]
    /// Per document, the generation whose run first saw its current text. Runs after it
    /// (a CRD or configuration change) analyse the same text again, so a request made on
    /// any generation since then still has its answer: the newest run's.
    private var textSince: [String: Int] = [:]
    private(set) var completed: [String: Completed] = [:]
    /// Per document, the generation whose run has read what the other open documents
    /// define (`Server.OpenRGDs`): a later change to them needs a new run only then.
    private var readOpenRGDs: [String: Int] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]
    /// Documents whose current run has begun but has no task yet (`Server.Reanalysis`).
    private var unstarted: Set<String> = []
    private var waiters: [String: [HandedContinuation<Outcome>]] = [:]
    /// Per open document, what its analyses reuse (unchanged resources, the YAML tree).
    private var caches: [String: AnalysisCache] = [:]

    /// The analysis cache of `uri`, created on first use.
    mutating func cache(for uri: String) -> AnalysisCache { Self.cache(in: &caches, uri) }

    /// Per open document that names another RGD's kind, the cache of its analyses with
    /// those kinds (RGD chaining's later rounds), apart from the one of its first round.
    private var chainedCaches: [String: AnalysisCache] = [:]

    /// The chained-rounds analysis cache of `uri`, created on first use.
    mutating func chainedCache(for uri: String) -> AnalysisCache { Self.cache(in: &chainedCaches, uri) }

    private static func cache(in caches: inout [String: AnalysisCache], _ uri: String) -> AnalysisCache {
        if let cache = caches[uri] { return cache }
        let cache = AnalysisCache()
        caches[uri] = cache
        return cache
    }

    /// After the schema store changed: cached results were typed against the old one.
    mutating func dropCaches() { caches = [:]; chainedCaches = [:] }

    /// Starts a new generation for `uri`; the caller starts its task and `attach`es it.
    /// `textChanged: false` analyses the same text again: who waits for the replaced run
    /// waits on for this one instead of being told the document changed.
    mutating func begin(_ uri: String, textChanged: Bool = true) -> Int {
        nextGeneration += 1
        current[uri] = nextGeneration
        tasks.removeValue(forKey: uri)?.cancel()
        unstarted.insert(uri)
        if textChanged || textSince[uri] == nil {
            textSince[uri] = nextGeneration
            resumeWaiters(uri, with: .superseded)
        }
        return nextGeneration
    }

    /// The generation of the run begun last (of any document).
    var latestGeneration: Int { nextGeneration }

    /// True when no run is scheduled or going on (a finished or superseded run leaves `tasks`).
    var isIdle: Bool { tasks.isEmpty && unstarted.isEmpty }

    /// True while the text `generation` analysed is still the document's.
    func hasText(of generation: Int, _ uri: String) -> Bool {
        guard let since = textSince[uri] else { return false }
        return generation >= since
    }

    mutating func attach(_ task: Task<Void, Never>, to uri: String, generation: Int) {
        if current[uri] == generation { tasks[uri] = task; unstarted.remove(uri) } else { task.cancel() }
    }

    /// The run of `generation` reads what the other open documents define now.
    mutating func readsOpenRGDs(_ uri: String, generation: Int) { readOpenRGDs[uri] = generation }

    /// True while the current run of `uri` has yet to read the other open documents: it
    /// will see a change made to them now without being scheduled again.
    func willReadOpenRGDs(_ uri: String) -> Bool {
        guard let generation = current[uri] else { return false }
        return readOpenRGDs[uri] != generation && completed[uri]?.generation != generation
    }

    /// Records a finished run; false when it is no longer current.
    mutating func finish(_ uri: String, _ result: Completed) -> Bool {
        guard current[uri] == result.generation else { return false }
        completed[uri] = result
        tasks.removeValue(forKey: uri)
        unstarted.remove(uri)
        resumeWaiters(uri, with: .done(result))
        return true
    }

    /// The result of the newest run on the text of `generation` (nil: the current one), or
    /// nil after registering `continuation` to receive it.
    mutating func result(_ uri: String, generation wanted: Int?,
                         orWait continuation: HandedContinuation<Outcome>) -> Outcome? {
        guard let generation = current[uri], wanted.map({ hasText(of: $0, uri) }) ?? true else { return .superseded }
        if let done = completed[uri], done.generation == generation { return .done(done) }
        waiters[uri, default: []].append(continuation)
        return nil
    }

    mutating func forget(_ uri: String) {
        caches.removeValue(forKey: uri)
        chainedCaches.removeValue(forKey: uri)
        current.removeValue(forKey: uri)
        textSince.removeValue(forKey: uri)
        completed.removeValue(forKey: uri)
        readOpenRGDs.removeValue(forKey: uri)
        tasks.removeValue(forKey: uri)?.cancel()
        unstarted.remove(uri)
        resumeWaiters(uri, with: .superseded)
    }

    private mutating func resumeWaiters(_ uri: String, with outcome: Outcome) {
        for waiter in waiters.removeValue(forKey: uri) ?? [] { waiter.resume(returning: outcome) }
    }
}
