import Foundation
import JSON
import LanguageServer
import YAMLSyntax

/// A failed wait or an unexpected answer in an LSP test.
public struct LSPClientError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Drives the server in-process over `InMemoryConnection`, like an editor: requests and
/// notifications in, responses and notifications out. Every wait has a timeout, so a broken
/// server fails a test instead of hanging it. Waits suspend instead of blocking, so the
/// server's tasks get the cooperative threads even when many tests run at once. Positions
/// are UTF-16 (the LSP default).
public final class InProcessLSPClient: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [JSONValue] = []
    private var consumed: Set<Int> = []
    private var nextID: Int64 = 1
    private var connection: InMemoryConnection!
    /// Generous: under a full parallel test run (sanitized, on a loaded machine), long
    /// synchronous tests can hold the few cooperative threads a test's own waits resume on
    /// for minutes (the server's tasks run on queues of their own).
    public static let timeout: TimeInterval = 300

    /// `analysisWillStart`, `whenIdle`, `memory`: see `InMemoryConnection.init`.
    public init(analysisWillStart: (@Sendable (String) -> Void)? = nil, whenIdle: IdleAction? = nil,
                memory: MemoryBudget? = nil) {
        connection = InMemoryConnection(analysisWillStart: analysisWillStart, whenIdle: whenIdle,
                                        memory: memory) { [weak self] message in
            self?.record(message)
        }
    }

    /// How many analyses the server runs at once.
    public var analysesAtOnce: Int { connection.analysesAtOnce }

    private func record(_ message: JSONValue) {
        lock.lock()
        received.append(message)
        lock.unlock()
        // Server requests (configuration, registration) get an empty answer.
        if let id = message["id"], message["method"] != nil {
            connection.send(["jsonrpc": "2.0", "id": id, "result": .null])
        }
    }

    // MARK: sending

    public func notify(_ method: String, _ params: JSONValue = [:]) {
        connection.send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its response message (with `result` or `error`).
    public func request(_ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
        let id = lock.withLock {
            defer { nextID += 1 }
            return JSONValue.int(nextID)
        }
        connection.send(["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params])
        return try await wait(for: "response to \(method)") { $0["id"] == id && $0["method"] == nil }
    }

    /// The result of a request; throws when the server answered with an error.
    public func result(_ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
        let response = try await request(method, params)
        guard let result = response["result"] else { throw LSPClientError("\(method) failed: \(response.jsonText)") }
        return result
    }

    // MARK: waiting

    /// The first unconsumed message matching `predicate`, waiting up to `timeout`.
    public func wait(for what: String, timeout: TimeInterval = InProcessLSPClient.timeout,
                     _ predicate: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let found = take(predicate) { return found }
            if Date() > deadline { throw LSPClientError("timed out after \(timeout)s waiting for \(what)") }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
    }

    private func take(_ predicate: (JSONValue) -> Bool) -> JSONValue? {
        lock.lock()
        defer { lock.unlock() }
        guard let k = received.indices.first(where: { !consumed.contains($0) && predicate(received[$0]) }) else { return nil }
        consumed.insert(k)
        return received[k]
    }

    /// The next `publishDiagnostics` for `uri`.
    public func diagnostics(for uri: String) async throws -> JSONValue {
        try await wait(for: "diagnostics of \(uri)") {
            $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri
        }["params"] ?? .null
    }

    // MARK: conveniences

    /// `initialize` + `initialized`; returns the initialize result.
    @discardableResult
    public func initialize(capabilities: JSONValue = [:], options: JSONValue = .null) async throws -> JSONValue {
        let result = try await result("initialize", ["processId": .null, "rootUri": .null, "capabilities": capabilities,
                                               "initializationOptions": options])
        notify("initialized")
        return result
    }

    /// Opens a document and waits until its first analysis is published.
    public func open(_ uri: String, _ text: String, version: Int64 = 1) async throws {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                         "version": .int(version), "text": .string(text)]])
        _ = try await diagnostics(for: uri)
    }

    public func change(_ uri: String, version: Int64, _ changes: [JSONValue]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)],
                                          "contentChanges": .array(changes)])
    }

    /// `{textDocument, position}` for the byte `offset` of `text` (UTF-16 columns).
    public static func positionParams(_ uri: String, _ text: String, _ offset: Int) -> JSONValue {
        ["textDocument": ["uri": .string(uri)], "position": lspPosition(text, offset)]
    }
}

/// The LSP position (UTF-16 columns) of a byte offset.
public func lspPosition(_ text: String, _ offset: Int) -> JSONValue {
    let p = SourceText(text).position(of: offset, encoding: .utf16)
    return ["line": .int(Int64(p.line)), "character": .int(Int64(p.column))]
}

/// The LSP range (UTF-16 columns) of a byte range.
public func lspRange(_ text: String, _ range: TextRange) -> JSONValue {
    ["start": lspPosition(text, range.start), "end": lspPosition(text, range.end)]
}
