import JSON

/// The server driven in-process over an in-memory transport (tests, benchmarks): each
/// message goes in by a call, in order, as the stdio reader would hand it over; what the
/// server sends arrives at `receive`, in order, from any thread.
public final class InMemoryConnection: Sendable {
    private let server: Server

    /// `analysisWillStart`: called with the document's URI on the thread of each analysis,
    /// before it starts; a test may block there to hold an analysis while it sends requests.
    /// `whenIdle`, `memory`: see `Server.run`.
    public init(logLevel: LogLevel = .warning, analysisWillStart: (@Sendable (String) -> Void)? = nil,
                whenIdle: IdleAction? = nil, memory: MemoryBudget? = nil, receive: @escaping @Sendable (JSONValue) -> Void) {
        server = Server(writer: FrameWriter(deliver: receive), logLevel: logLevel, analysisWillStart: analysisWillStart,
                        whenIdle: whenIdle, memory: memory)
    }

    /// How many analyses the server runs at once (the others wait for a turn, suspended).
    public var analysesAtOnce: Int { server.executor.limit }

    /// Handles one message; returns the exit code when the server stops (after `exit`).
    @discardableResult
    public func send(_ message: JSONValue) -> Int32? {
        server.handle(Message.decode(Array(message.jsonText.utf8)))
    }
}
