#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON
import KroEngine
import YAMLSyntax

/// The language server: decodes messages in order on the reader, applies document changes
/// in order, and runs analyses and read-only requests off the reader.
///
/// Mutable state sits behind one lock; handlers never block while holding it.
public final class Server: @unchecked Sendable {
    enum Phase { case uninitialized, running, shutDown }

    /// What the handlers share.
    struct State {
        var phase = Phase.uninitialized
        var conversion = PositionConversion(encoding: .utf16)
        var pullDiagnostics = false
        /// The client expands completion snippets (`${1:x}`).
        var snippetSupport = false
        var relatedInformation = true
        var configurationRequests = false
        var refreshSupport = false
        var watchedFilesRegistration = false
        var rootPath: String?
        /// Problems of the initialization options, shown once the client is ready.
        var configurationProblems: [String] = []
        var configuration = Configuration()
        var documents = DocumentStore()
        var analyses = AnalysisTracker()
        /// The instance kinds the open RGD files define (see Server+KroFiles.swift).
        var instanceKinds = OpenInstanceKinds()
        /// The RGDs of each open document, with their generated CRDs (instance documents are
        /// admitted against them), indexed by the kinds they define and read.
        var openRGDs = OpenRGDIndex()
        /// Open documents never published whose running analysis has read the open RGDs:
        /// any change to those may concern them (the others will read it). Only those: the
        /// documents waiting for a first analysis were each looked at on every publish.
        var unpublishedReaders: Set<String> = []
        /// Open documents left unanalysed for the memory budget: analysed again when
        /// another closes.
        var unanalysedForMemory: Set<String> = []
        /// `.kro-lsp.yaml` files whose problems were shown (once per version of the file).
        var reportedConfigurations: Set<String> = []
        /// Requests received and not yet answered (cancellable).
        var inFlight: [RequestID: Task<Void, Never>?] = [:]
        var nextOutgoingID = 0
        var outgoing: [RequestID: @Sendable (Result<JSONValue, ResponseError>) -> Void] = [:]
        /// Publishes and closes that found the analyses idle (Server+Idle.swift).
        var idleEvents = 0
    }

    let writer: FrameWriter
    let logger: Logger
    let schemas = SchemaCache()
    /// The `.kro-lsp.yaml` files governing open documents (Server+ProjectConfiguration.swift).
    let projects = ProjectConfigurationCache()
    let lock = Lock()
    var state = State()
    /// Runs analyses and previews off the cooperative pool (AnalysisExecutor.swift): as many
    /// analyses at once as cores, at least two.
    let executor = AnalysisExecutor(limit: max(2, Server.analysisThreads))
    /// Starts the runs of re-analysis passes (Server+Documents.swift), one pass at a time and
    /// in order: a pass waiting behind another finds most of its runs superseded.
    let reanalysisQueue = QueueTaskExecutor("kro-lsp.reanalysis")
    /// Called on an analysis's thread before it starts (tests hold analyses there).
    let analysisWillStart: (@Sendable (_ uri: String) -> Void)?
    /// What to do in each pause after analyses or a close (Server+Idle.swift): the
    /// executable hands the allocator's free memory back.
    let whenIdle: IdleAction?
    /// The heap analyses may take (MemoryBudget.swift); nil: not measured.
    let memory: MemoryBudget?

    init(writer: FrameWriter, logLevel: LogLevel, analysisWillStart: (@Sendable (String) -> Void)? = nil,
         whenIdle: IdleAction? = nil, memory: MemoryBudget? = nil) {
        self.writer = writer
        self.logger = Logger(level: logLevel, writer: writer)
        self.analysisWillStart = analysisWillStart
        self.whenIdle = whenIdle
        self.memory = memory
    }

    func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    /// Serves until `exit` or end of input; returns the process exit code. `whenIdle` runs
    /// in each pause after analyses (Server+Idle.swift); `memory` bounds what they keep.
    public static func run(input: Int32 = 0, output: Int32 = 1, logLevel: LogLevel = .warning,
                           whenIdle: IdleAction? = nil, memory: MemoryBudget? = nil) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let server = Server(writer: FrameWriter(fd: output), logLevel: logLevel, whenIdle: whenIdle, memory: memory)
        let source = ByteSource(fd: input)
        var frames = FrameReader()
        while let chunk = source.read() {
            frames.append(chunk)
            while let message = server.nextMessage(&frames) {
                if let code = server.handle(message) { return code }
            }
        }
        server.logger.log(.info, "input closed")
        return server.withState { $0.phase == .shutDown } ? 0 : 1
    }

    /// The next frame's message; malformed frames are reported on the way. The frame's body
    /// is freed when this returns, before the message is handled (a didOpen's body may be
    /// 50 MB, and its text is then in the message and in the document).
    func nextMessage(_ frames: inout FrameReader) -> Result<Message, DecodeFailure>? {
        while let event = frames.next() {
            switch event {
            case .malformed(let problem):
                reportMalformed(problem)
            case .frame(let body):
                let message = Message.decode(body)
                if case .failure = message, frames.rewindIntoBody(body) {
                    reportMalformed("truncated frame (a header starts inside its body)")
                    continue
                }
                return message
            }
        }
        return nil
    }

    func reportMalformed(_ problem: String) {
        logger.log(.error, "malformed frame: \(problem)")
        send(response: nil, .failure(ResponseError(code: ResponseError.parseError, message: "Malformed frame: \(problem)")))
    }

    /// Handles one decoded frame; returns an exit code when the server must stop.
    func handle(_ message: Result<Message, DecodeFailure>) -> Int32? {
        switch message {
        case .failure(let failure):
            logger.log(.warning, failure.error.message)
            send(response: failure.id, .failure(failure.error))
        case .success(.request(let id, let method, let params)):
            handleRequest(id: id, method: method, params: params)
        case .success(.notification(let method, let params)):
            if method == "exit" { return withState { $0.phase == .shutDown } ? 0 : 1 }
            handleNotification(method: method, params: params)
        case .success(.response(let id, let result)):
            let handler = withState { $0.outgoing.removeValue(forKey: id) }
            handler?(result)
        }
        return nil
    }

    // MARK: requests

    /// How a request is answered: now, on the reader, or later off it.
    enum Reply {
        case now(Payload)
        case later(@Sendable () async -> Result<Payload, ResponseError>)
    }

    func handleRequest(id: RequestID, method: String, params: JSONValue) {
        let phase = withState { $0.phase }
        switch (phase, method) {
        case (.uninitialized, "initialize"): break
        case (.uninitialized, _):
            return send(response: id, .failure(ResponseError(code: ResponseError.serverNotInitialized,
                                                              message: "Server not initialized: send initialize first")))
        case (.shutDown, _):
            return send(response: id, .failure(ResponseError(code: ResponseError.invalidRequest,
                                                              message: "Invalid request: the server is shut down")))
        case (.running, "initialize"):
            return send(response: id, .failure(ResponseError(code: ResponseError.invalidRequest,
                                                              message: "Invalid request: initialize was already received")))
        default: break
        }
        let accepted = withState { state -> Bool in
            guard state.inFlight[id] == nil else { return false }
            state.inFlight[id] = .some(nil)
            return true
        }
        guard accepted else {
            return send(response: id, .failure(ResponseError(code: ResponseError.invalidRequest,
                                                              message: "Invalid request: id \(id) is already in use")))
        }
        let reply: Reply
        do {
            reply = try dispatch(method: method, params: params)
        } catch {
            return answer(id, .failure(error))
        }
        switch reply {
        case .now(let result): answer(id, .success(result))
        case .later(let work):
            let task = Task.onOwnQueue("kro-lsp.request") { [self] in answer(id, await work()) }
            withState { state in
                if state.inFlight[id] != nil { state.inFlight[id] = .some(task) }
            }
        }
    }

    func dispatch(method: String, params: JSONValue) throws(ResponseError) -> Reply {
        switch method {
        case "initialize": return .now(.tree(initialize(params)))
        case "shutdown":
            withState { $0.phase = .shutDown }
            return .now(.tree(.null))
        case "textDocument/diagnostic": return try documentDiagnostic(params)
        case "workspace/diagnostic": return workspaceDiagnostic(params)
        case "workspace/executeCommand": return try executeCommand(params)
        default:
            if let reply = try featureRequest(method, params) { return reply }
            if let reply = try editorRequest(method, params) { return reply }
            throw ResponseError(code: ResponseError.methodNotFound, message: "Method not found: \(method)")
        }
    }

    /// Sends a request's only response, unless it was cancelled meanwhile.
    func answer(_ id: RequestID, _ result: Result<Payload, ResponseError>) {
        let pending = withState { $0.inFlight.removeValue(forKey: id) != nil }
        if pending { send(response: id, result) }
    }

    func cancel(_ params: JSONValue) {
        guard let raw = params["id"], let id = RequestID(raw) else { return }
        let task = withState { $0.inFlight.removeValue(forKey: id) }
        guard let task else { return }  // unknown or already answered: nothing to do
        task?.cancel()
        send(response: id, .failure(ResponseError(code: ResponseError.requestCancelled, message: "Request cancelled")))
    }

    // MARK: notifications

    func handleNotification(method: String, params: JSONValue) {
        guard withState({ $0.phase }) != .uninitialized else { return }
        switch method {
        case "initialized": initialized()
        case "$/cancelRequest": cancel(params)
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        case "workspace/didChangeConfiguration": didChangeConfiguration(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        default: logger.log(.debug, "ignored notification \(method)")
        }
    }

    // MARK: output

    func send(response id: RequestID?, _ result: Result<Payload, ResponseError>) {
        writer.send(OutgoingMessage.response(id: id, result: result))
    }

    func notify(_ method: String, _ params: JSONValue) { notify(method, .tree(params)) }

    func notify(_ method: String, _ params: Payload) {
        writer.send(OutgoingMessage.notification(method, params))
    }

    /// Sends a request to the client; `handler` runs when its response arrives.
    func request(_ method: String, _ params: JSONValue,
                 handler: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void) {
        let id = withState { state -> RequestID in
            state.nextOutgoingID += 1
            let id = RequestID.string("kro-\(state.nextOutgoingID)")
            state.outgoing[id] = handler
            return id
        }
        writer.send(OutgoingMessage.request(id: id, method, params))
    }
}
