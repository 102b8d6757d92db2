import FoundationEssentials
import JSON
import KroEngine
import YAMLSyntax

extension Server {
    func didOpen(_ params: JSONValue) {
        let item = params["textDocument"]
        guard let uri = item?["uri"]?.stringValue, let text = item?["text"]?.stringValue else {
            return logger.log(.warning, "didOpen without uri or text")
        }
        let refusal = withState { state in
            state.documents.open(uri: uri, languageId: item?["languageId"]?.stringValue ?? "",
                                 version: item?["version"]?.intValue ?? 0, text: text)
        }
        if let refusal {
            logger.log(.warning, refusal)
            return notify("window/showMessage", ["type": 2, "message": .string("kro-lsp: \(refusal)")])
        }
        // Nothing to coalesce yet: the first diagnostics need not wait for the edit delay.
        scheduleAnalysis(uri, afterDelay: false)
    }

    func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            return logger.log(.warning, "didChange without uri")
        }
        let version = params["textDocument"]?["version"]?.intValue
        let changes = params["contentChanges"]?.arrayValue ?? []
        let outcome = withState { state -> Result<String?, ResponseError>? in
            let next = version ?? ((state.documents[uri]?.version ?? 0) + 1)
            do {
                if state.documents[uri] == nil, state.documents.isClosedForLimit(uri) {
                    // Closed for the byte limit, open in the client: reopened by a whole text.
                    let reopened = try state.documents.changeClosed(uri: uri, version: next, changes: changes,
                                                                    conversion: state.conversion)
                    return reopened ? .success(nil) : nil
                }
                return .success(try state.documents.change(uri: uri, version: next, changes: changes,
                                                           conversion: state.conversion))
            } catch {
                return .failure((error as? ResponseError) ?? ResponseError.invalidParams("\(error)"))
            }
        }
        switch outcome {
        case nil:
            logger.log(.debug, "didChange for \(uri), closed for the open documents' byte limit: not applied")
        case .failure(let failure)?:
            logger.log(.warning, failure.message)
        case .success(let closed?)?:
            logger.log(.warning, closed)
            forget(uri) { _ in true }
            notify("window/showMessage", ["type": 2, "message": .string("kro-lsp: \(closed)")])
        case .success(nil)?:
            scheduleAnalysis(uri)
        }
    }

    /// Saving a `.kro-lsp.yaml` in the editor changes what governs the other documents
    /// (clients that do not watch files send nothing else).
    func didSave(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, Self.isProjectConfiguration(uri) else { return }
        projectConfigurationChanged()
    }

    func didClose(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
        forget(uri) { $0.documents.close(uri: uri) != nil }
    }

    /// Drops what the server holds of `uri` once `removed` (under the lock) took it out of
    /// the store: on a close, or when an edit went over the open documents' limit.
    private func forget(_ uri: String, removed: (inout State) -> Bool) {
        let (changedKinds, unanalysed) = withState { state -> (Set<String>?, Set<String>) in
            guard removed(&state) else { return (nil, []) }
            state.analyses.forget(uri)
            state.unpublishedReaders.remove(uri)
            state.unanalysedForMemory.remove(uri)
            state.openRGDs.recordReads(nil, of: uri)
            if !state.pullDiagnostics {
                notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
            }
            let defined = state.definedKindKeys(of: uri)
            let crdsChanged = state.openRGDs.record(InstanceRGDs([]), of: uri)
            return (state.instanceKinds.record([], of: uri) || crdsChanged ? defined : nil, state.unanalysedForMemory)
        }
        executor.forgetPromotion(uri)
        // What the closed document kept is freed: those the budget left out may fit now.
        if !unanalysed.isEmpty { start(withState { state in Reanalysis(unanalysed, in: &state) }) }
        // The documents that may have read what it defined, as after a publish: every
        // document again made closing 1,000 RGDs one by one take 34 s.
        if let changedKinds { reanalyze(affectedBy: changedKinds, except: uri) }
        scheduleIdleAction()  // the document's analysis is free now
    }

    /// After a configuration or CRD change: analyse every open document again (and ask a
    /// pulling client to pull again).
    func reanalyzeAll() {
        start(withState { state in Reanalysis(state.documents.documents.keys, in: &state) })
    }

    /// Runs begun again on unchanged text, to be started off the reader. Beginning them is
    /// cheap and makes a request from then on wait for them; starting 2,000 tasks is not:
    /// 100 settings changes with 2,000 documents open kept the reader busy 9.6 s.
    struct Reanalysis: Sendable {
        var runs: [(uri: String, generation: Int)]
        var refresh: Bool

        /// Begins a run of each document of `uris` (open ones), under the lock.
        init(_ uris: some Collection<String>, in state: inout State) {
            runs = uris.map { ($0, state.analyses.begin($0, textChanged: false)) }
            refresh = state.pullDiagnostics && state.refreshSupport
        }
    }

    /// After the edit delay, starts each run of `pass` that nothing superseded since (a newer
    /// change, pass or close), then asks a pulling client to pull. A storm of changes thus
    /// starts the runs of its last pass only.
    private func start(_ pass: Reanalysis) {
        guard !pass.runs.isEmpty else { return }
        Task.detached(executorPreference: reanalysisQueue) { [self] in
            let delay = withState { $0.configuration.analysisDelayMilliseconds }
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000) }
            // A few at a time: an edit or a request need not wait for the whole pass.
            var next = 0
            while next < pass.runs.count {
                let batch = pass.runs[next..<min(next + 64, pass.runs.count)]
                withState { state in
                    for run in batch { startAnalysis(run.uri, generation: run.generation, afterDelay: false, in: &state) }
                }
                next += batch.count
            }
            if pass.refresh { request("workspace/diagnostic/refresh", .null) { _ in } }
        }
    }

    /// Threads one analysis may use: every core. Read once: Foundation reads the cgroup
    /// files on each call, which an edit should not pay.
    static let analysisThreads = ProcessInfo.processInfo.activeProcessorCount

    /// Analyses the latest text of `uri` off the reader after a short delay (so bursts of
    /// edits coalesce; `afterDelay: false` for an opened document), on a thread of the
    /// analysis executor, not the cooperative pool; a newer change cancels this run (it
    /// stops between resources) or drops its result. `textChanged: false` when the text is
    /// the last run's (requests waiting on that run then wait for this one).
    func scheduleAnalysis(_ uri: String, afterDelay: Bool = true, textChanged: Bool = true) {
        withState { state in
            guard state.documents[uri] != nil else { return }
            let generation = state.analyses.begin(uri, textChanged: textChanged)
            startAnalysis(uri, generation: generation, afterDelay: afterDelay, urgent: textChanged, in: &state)
        }
    }

    /// Starts the run `generation` of `uri` begun before, unless a newer one superseded it
    /// or the document closed. `urgent`: an edit's own analysis, which goes before those it
    /// (or another edit) caused.
    private func startAnalysis(_ uri: String, generation: Int, afterDelay: Bool, urgent: Bool = false,
                               in state: inout State) {
        guard let document = state.documents[uri], state.analyses.current[uri] == generation else { return }
        let job = AnalysisJob(
            uri: uri, document: document, generation: generation,
            configuration: state.configuration, root: state.rootPath,
            converter: DiagnosticsConversion(conversion: state.conversion,
                                             documentationURL: state.configuration.diagnosticsDocumentationURL,
                                             relatedInformationSupported: state.relatedInformation),
            cache: state.analyses.cache(for: uri), chainedCache: state.analyses.chainedCache(for: uri),
            analysedBytes: state.analyses.completed[uri]?.snapshot.source.bytes.count)
        let delay = afterDelay ? state.configuration.analysisDelayMilliseconds : 0
        let task = Task.onOwnQueue("kro-lsp.schedule") { [self] in
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000) }
            guard !Task.isCancelled else { return }
            _ = await executor.run("kro-lsp.analysis", urgent: urgent, key: uri) { [self] stop in analyze(job, stop: stop) }
        }
        state.analyses.attach(task, to: uri, generation: generation)
    }

    /// What one analysis run reads, taken under the lock when it is scheduled.
    struct AnalysisJob: Sendable {
        var uri: String
        var document: OpenDocument
        var generation: Int
        var configuration: Configuration
        var root: String?
        var converter: DiagnosticsConversion
        var cache: AnalysisCache
        var chainedCache: AnalysisCache
        /// The text size of the last published analysis (`MemoryBudget.needsMeasuring`).
        var analysedBytes: Int?
    }

    /// What the other open documents define, taken under the lock when a run starts, not
    /// when it is scheduled: after one changes what it defines, the documents reading it
    /// are scheduled again, most of them superseded before they run.
    struct OpenRGDs: Sendable {
        var instanceKinds: Set<GroupVersionKind>
        var others: OpenSiblings
    }

    /// Runs `job` on the calling (analysis) thread and publishes it, unless `stop` is raised
    /// (a newer version cancelled the run).
    func analyze(_ job: AnalysisJob, stop: StopSignal) {
        analysisWillStart?(job.uri)
        guard !stop.isRaised else { return }
        let (uri, document, converter) = (job.uri, job.document, job.converter)
        if Self.isProjectConfiguration(uri) {
            // A `.kro-lsp.yaml` is not kro's file; its diagnostics are its own mistakes.
            let snapshot = DocumentSnapshot.analyze(document.source, version: document.version,
                                                    options: job.configuration.analysisOptions(root: job.root, store: schemas.bundledStore))
            let source = document.source
            return publish(uri, AnalysisTracker.Completed(generation: job.generation, snapshot: snapshot, isKroFile: false) {
                converter.lspDiagnostics(ProjectConfiguration.diagnostics(source), source: source, uri: uri)
            })
        }
        if let refusal = memoryRefusal(job) {
            return publishUnanalysed(job, refusal)
        }
        let options = documentOptions(uri, configuration: job.configuration, root: job.root)
        guard !stop.isRaised else { return }
        let open = withState { state in
            state.analyses.readsOpenRGDs(uri, generation: job.generation)
            if state.analyses.completed[uri] == nil { state.unpublishedReaders.insert(uri) }
            return OpenRGDs(instanceKinds: state.instanceKinds.known, others: state.openRGDs.others(than: uri))
        }
        // RGD chaining: kinds the other open RGDs (and this file's own) define.
        var analysisOptions = options
        // The signal, not `Task.isCancelled`: the resources are analysed on other threads too.
        analysisOptions.shouldStop = { stop.isRaised }
        analysisOptions.analysisThreads = Self.analysisThreads
        // The rounds a `--check` run over every open document would give this one.
        let chaining = RGDChaining.analyzeByRound(count: 1, siblings: open.others.chaining,
                                                  location: { _ in filePath(fromURI: uri) ?? uri },
                                                  rgds: { $0.rgds.map(\.analysis) }) { [analysisOptions] _, chained in
            var options = analysisOptions
            options.chainedKinds = chained
            // Round 0 sees no other RGD, the later rounds do: one cache each keeps both incremental.
            return DocumentSnapshot.analyze(document.source, version: document.version, options: options,
                                            cache: chained == .none ? job.cache : job.chainedCache)
        }
        let snapshot = chaining.results[0]!
        guard !stop.isRaised else { return }
        let isKroFile = KroFileDetection.isKroFile(snapshot.yaml, instanceKinds: open.instanceKinds)
        // Instance documents are admitted against the open RGDs' generated CRDs.
        let more = isKroFile ? options.policy.apply(Self.instanceFindings(snapshot, openRGDs: open.others.rgds)) : []
        publish(uri, AnalysisTracker.Completed(generation: job.generation, snapshot: snapshot, isKroFile: isKroFile) {
                    isKroFile ? converter.lspDiagnostics(snapshot, uri: uri, more: more) : JSONFragment(.array([]))
                },
                defines: Set(snapshot.rgds.compactMap { KroFileDetection.instanceKind(of: $0.rgd) }),
                rgds: InstanceRGDs(rounds: chaining.rounds[0]))
    }

    /// Why `job`'s document is not analysed now (`MemoryBudget`), or nil. The heap is
    /// measured for a document's first analysis and after its text grew.
    private func memoryRefusal(_ job: AnalysisJob) -> String? {
        guard let memory else { return nil }
        let textBytes = job.document.source.bytes.count
        guard MemoryBudget.needsMeasuring(textBytes: textBytes, analysedBytes: job.analysedBytes) else { return nil }
        return memory.refusal(textBytes: textBytes)
    }

    /// Publishes, in place of `job`'s analysis, the notice saying why there is none: its
    /// snapshot is of no text, so requests on it find nothing.
    private func publishUnanalysed(_ job: AnalysisJob, _ refusal: String) {
        logger.log(.warning, "\(job.uri): \(refusal)")
        let (uri, source, converter) = (job.uri, job.document.source, job.converter)
        let nothing = DocumentSnapshot.analyze(SourceText(""), version: job.document.version,
                                               options: job.configuration.analysisOptions(root: job.root, store: schemas.bundledStore))
        publish(uri, AnalysisTracker.Completed(generation: job.generation, snapshot: nothing, isKroFile: false) {
            converter.lspDiagnostics([MemoryBudget.notice(refusal)], source: source, uri: uri)
        }, unanalysed: true)
    }

    /// Stores a finished analysis and pushes it, under the lock so publishes keep their order.
    /// `defines`: the instance kinds of its RGDs; when they change what is known, the other
    /// open files are analysed again (an instance file may become kro's, or stop being it).
    /// `unanalysed`: the result stands for an analysis the memory budget left out.
    func publish(_ uri: String, _ result: AnalysisTracker.Completed, defines: Set<GroupVersionKind> = [],
                 rgds: InstanceRGDs = InstanceRGDs([]), unanalysed: Bool = false) {
        let (changedKinds, replaced) = withState { state -> (Set<String>?, Replaced?) in
            // Taken out to be freed after the lock: the next edit need not wait for that.
            let replaced = Replaced(result: state.analyses.completed[uri], rgds: state.openRGDs.rgdsByURI[uri])
            // A pushing server publishes the text once, now: the kept result goes without it.
            // A pulling client's reports are written around it, and a small one is kept.
            let keepsText = state.pullDiagnostics && result.diagnosticsBytes <= Self.maxKeptDiagnosticsBytes
            guard state.analyses.finish(uri, keepsText ? result : result.withoutText) else { return (nil, nil) }
            state.unpublishedReaders.remove(uri)
            if unanalysed { state.unanalysedForMemory.insert(uri) } else { state.unanalysedForMemory.remove(uri) }
            state.openRGDs.recordReads(result.snapshot, of: uri)
            if !state.pullDiagnostics {
                var params = JSONTextWriter()
                params.beginObject()
                params.key("uri")
                params.string(uri)
                params.key("version")
                params.int(result.version)
                params.key("diagnostics")
                params.fragment(result.diagnostics)
                params.endObject()
                notify("textDocument/publishDiagnostics", .text(params.finish()))
            }
            let before = state.definedKindKeys(of: uri)
            let crdsChanged = state.openRGDs.record(rgds, of: uri)
            guard state.instanceKinds.record(defines, of: uri) || crdsChanged else { return (nil, replaced) }
            return (before.union(state.definedKindKeys(of: uri)), replaced)
        }
        withExtendedLifetime(replaced) {}
        if let changedKinds { reanalyze(affectedBy: changedKinds, except: uri) }
        scheduleIdleAction()
    }

    /// After what `uri` defines changed (`kinds`: the GVK keys it defined before or does
    /// now): analyses again the documents that may read them, those whose RGDs name one of
    /// them and those holding other YAML (instance files, whose detection and admission
    /// read the open RGDs), and those not analysed yet whose run has read them, unless
    /// their next run is still to read the open RGDs (it sees the change). Every document
    /// again, and again each time, made opening 100 chained RGDs 2,900 analyses; now 150.
    /// The documents come from the index, not a pass over every open one.
    func reanalyze(affectedBy kinds: Set<String>, except skipped: String) {
        let pass = withState { state in
            let candidates = state.openRGDs.readers(of: kinds).union(state.openRGDs.withOtherYAML).union(state.unpublishedReaders)
            let uris = candidates.filter { $0 != skipped && state.documents[$0] != nil && !state.analyses.willReadOpenRGDs($0) }
            // Their next runs read the open RGDs again; until then they need no other.
            state.unpublishedReaders.subtract(uris)
            return Reanalysis(uris, in: &state)
        }
        start(pass)
    }

    /// The largest diagnostics text kept for pulls (about 200 findings); a larger one is
    /// converted again at each pull. 2,000 open documents of 1,000 findings kept 660 MB of it.
    static let maxKeptDiagnosticsBytes = 64 << 10

    /// What a publish replaces: the previous version's analysis.
    private struct Replaced {
        var result: AnalysisTracker.Completed?
        var rgds: InstanceRGDs?
    }

    /// The analysis of `generation` of `uri` (nil: the latest), waiting while it runs.
    /// A request waiting makes the run urgent: it goes before background re-analyses.
    func analysis(_ uri: String, generation: Int? = nil) async -> AnalysisTracker.Outcome {
        await withHandedContinuation { continuation in
            let ready = withState { $0.analyses.result(uri, generation: generation, orWait: continuation) }
            if let ready { continuation.resume(returning: ready) } else { executor.promote(uri) }
        }
    }

    func documentDiagnostic(_ params: JSONValue) throws(ResponseError) -> Reply {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            throw ResponseError.invalidParams("textDocument/diagnostic needs textDocument.uri")
        }
        // The request is about the text as of now: a change before the answer makes it stale.
        guard let generation = withState({ $0.analyses.current[uri] }) else {
            return .now(.tree(["kind": "full", "items": []]))
        }
        let previous = params["previousResultId"]?.stringValue
        return .later { [self] in
            switch await analysis(uri, generation: generation) {
            case .superseded:
                return .failure(Server.contentModified)
            case .done(let result):
                var writer = JSONTextWriter()
                Self.write(report: result, previousResultId: previous, to: &writer)
                return .success(.text(writer.finish()))
            }
        }
    }

    func workspaceDiagnostic(_ params: JSONValue) -> Reply {
        var previous: [String: String] = [:]
        for item in params["previousResultIds"]?.arrayValue ?? [] {
            if let uri = item["uri"]?.stringValue, let id = item["value"]?.stringValue { previous[uri] = id }
        }
        let uris = withState { $0.documents.documents.keys.sorted() }
        return .later { [self, previous] in
            var writer = JSONTextWriter()
            writer.beginObject()
            writer.key("items")
            writer.beginArray()
            var budget = WorkspaceReportBudget()
            for uri in uris {
                guard case .done(let result) = await analysis(uri) else { continue }
                let unchanged = previous[uri] == String(result.generation)
                guard budget.admits(unchanged ? 0 : result.diagnosticsBytes) else { continue }
                Self.write(report: result, previousResultId: previous[uri], uri: uri, to: &writer)
            }
            writer.endArray()
            writer.endObject()
            if budget.leftOut > 0 {
                logger.log(.info, "workspace/diagnostic: \(budget.leftOut) documents left out, past \(budget.maxBytes) bytes of diagnostics")
            }
            return .success(.text(writer.finish()))
        }
    }

    /// A document diagnostic report: "unchanged" when the client has `result`'s id, else
    /// "full" with its diagnostics; with `uri`, the workspace report's `uri` and `version`.
    static func write(report result: AnalysisTracker.Completed, previousResultId: String?, uri: String? = nil,
                      to writer: inout JSONTextWriter) {
        let resultId = String(result.generation)
        let unchanged = previousResultId == resultId
        writer.beginObject()
        writer.key("kind")
        writer.string(unchanged ? "unchanged" : "full")
        writer.key("resultId")
        writer.string(resultId)
        if !unchanged {
            writer.key("items")
            writer.fragment(result.diagnostics)
        }
        if let uri {
            writer.key("uri")
            writer.string(uri)
            writer.key("version")
            writer.int(result.version)
        }
        writer.endObject()
    }
}
