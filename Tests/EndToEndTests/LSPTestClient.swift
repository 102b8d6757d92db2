import Foundation
import JSON
import LanguageServer

/// A test failure with a message (a wait that timed out, an unexpected answer).
struct LSPTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Drives the built `kro-lsp` over pipes like an editor: frames out, frames in. Every wait
/// has a timeout, so a broken server fails a test instead of hanging it.
final class LSPTestClient: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let condition = NSCondition()
    private var received: [JSONValue] = []
    private var consumed: Set<Int> = []
    private var stderrText = ""
    private var readerDone = false
    /// Far from the small ids the fuzz test sends.
    private var nextID: Int64 = 1_000_001
    /// Answers to the server's `workspace/configuration` requests.
    var configuration: JSONValue = .null
    static let timeout: TimeInterval = 30

    init(arguments: [String] = []) throws {
        process.executableURL = BinaryLocator.kroLSP
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading, err = errors.fileHandleForReading
        Thread.detachNewThread { [self] in readFrames(out) }
        Thread.detachNewThread { [self] in
            while true {
                let data = err.availableData
                if data.isEmpty { return }
                condition.lock(); stderrText += String(decoding: data, as: UTF8.self); condition.unlock()
            }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    private func readFrames(_ handle: FileHandle) {
        var frames = FrameReader()
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            frames.append(data)
            while let event = frames.next() {
                guard case .frame(let body) = event, let message = try? JSONParser.parse(body) else {
                    record(["invalid-frame-from-server": .string(String(decoding: Array(data), as: UTF8.self))])
                    continue
                }
                // Answer first: once a test sees a server request, its answer is on the way.
                answerServerRequest(message)
                record(message)
            }
        }
        condition.lock(); readerDone = true; condition.broadcast(); condition.unlock()
    }

    private func record(_ message: JSONValue) {
        condition.lock()
        received.append(message)
        condition.broadcast()
        condition.unlock()
    }

    private func answerServerRequest(_ message: JSONValue) {
        guard let id = message["id"], let method = message["method"]?.stringValue else { return }
        let result: JSONValue = method == "workspace/configuration" ? [configuration] : .null
        send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    // MARK: sending

    func sendRaw(_ bytes: [UInt8]) {
        try? input.fileHandleForWriting.write(contentsOf: bytes)
    }

    func send(_ message: JSONValue) {
        sendRaw(encodeFrame(Array(message.jsonText.utf8)))
    }

    /// Sends a request and returns its id.
    @discardableResult
    func sendRequest(_ method: String, _ params: JSONValue = [:]) -> JSONValue {
        condition.lock()
        let id = JSONValue.int(nextID)
        nextID += 1
        condition.unlock()
        send(["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params])
        return id
    }

    func notify(_ method: String, _ params: JSONValue = [:]) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its response message.
    func request(_ method: String, _ params: JSONValue = [:]) throws -> JSONValue {
        try response(to: sendRequest(method, params))
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    // MARK: waiting

    /// The first unconsumed message matching `predicate`, waiting up to `timeout`.
    func wait(for what: String, timeout: TimeInterval = LSPTestClient.timeout,
              _ predicate: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let k = received.indices.first(where: { !consumed.contains($0) && predicate(received[$0]) }) {
                consumed.insert(k)
                return received[k]
            }
            if readerDone {
                throw LSPTestError("server closed its output while waiting for \(what); stderr: \(stderrText.suffix(2000))")
            }
            if !condition.wait(until: deadline) {
                throw LSPTestError("timed out after \(timeout)s waiting for \(what); stderr: \(stderrText.suffix(2000))")
            }
        }
    }

    func response(to id: JSONValue, timeout: TimeInterval = LSPTestClient.timeout) throws -> JSONValue {
        try wait(for: "response to \(id.jsonText)", timeout: timeout) { $0["id"] == id && $0["method"] == nil }
    }

    func notification(_ method: String, timeout: TimeInterval = LSPTestClient.timeout,
                      where predicate: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        try wait(for: "notification \(method)", timeout: timeout) {
            $0["method"]?.stringValue == method && $0["id"] == nil && predicate($0["params"] ?? .null)
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    func diagnostics(for uri: String) throws -> JSONValue {
        try notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri }["params"] ?? .null
    }

    /// Every message received so far.
    var messages: [JSONValue] {
        condition.lock(); defer { condition.unlock() }
        return received
    }

    func waitForExit(timeout: TimeInterval = LSPTestClient.timeout) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw LSPTestError("server did not exit within \(timeout)s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return process.terminationStatus
    }

    // MARK: conveniences

    /// `initialize` + `initialized`; returns the initialize result.
    @discardableResult
    func initialize(capabilities: JSONValue = [:], options: JSONValue = .null,
                    rootURI: JSONValue = .null) throws -> JSONValue {
        let response = try request("initialize", ["processId": .null, "rootUri": rootURI, "capabilities": capabilities,
                                                  "initializationOptions": options])
        guard let result = response["result"] else { throw LSPTestError("initialize failed: \(response.jsonText)") }
        notify("initialized")
        return result
    }

    func open(_ uri: String, _ text: String, version: Int64 = 1, languageId: String = "yaml") {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": .string(languageId),
                                                         "version": .int(version), "text": .string(text)]])
    }

    func change(_ uri: String, version: Int64, _ changes: [JSONValue]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)],
                                          "contentChanges": .array(changes)])
    }

    /// Ends the session politely and returns the exit code.
    func shutdownAndExit() throws -> Int32 {
        let response = try request("shutdown")
        guard response["result"] == .null, response["error"] == nil else {
            throw LSPTestError("shutdown failed: \(response.jsonText)")
        }
        notify("exit")
        return try waitForExit()
    }
}

/// An LSP range object.
func lspRange(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int) -> JSONValue {
    ["start": ["line": .int(Int64(startLine)), "character": .int(Int64(startCharacter))],
     "end": ["line": .int(Int64(endLine)), "character": .int(Int64(endCharacter))]]
}
