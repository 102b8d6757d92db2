#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JSON

/// A synchronous LSP client over the server's stdio: writes frames, reads frames until
/// the one it waits for, with a deadline on every wait.
final class LSPClient {
    let process: Subprocess
    private var frames = Frames()
    private var nextID: Int64 = 0
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(executable: String) throws {
        process = try Subprocess(executable, [], pipeIO: true)
    }

    func send(_ message: JSONValue) throws {
        try writeFrame(Self.frame(message))
    }

    /// A message's frame, encoded ahead of a timed `writeFrame` (the client's encoding of a
    /// large didOpen is not the server's latency).
    static func frame(_ message: JSONValue) -> [UInt8] {
        Frames.encode(Array(message.jsonText.utf8))
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    func writeFrame(_ frame: [UInt8]) throws {
        var written = 0
        try frame.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(process.stdinFD, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; throw BenchError("write to server failed") }
                written += n
            }
        }
    }

    func notify(_ method: String, _ params: JSONValue) throws {
        try send(Self.notification(method, params))
    }

    /// Sends a request and returns its result; `other` sees the messages that come before it.
    func request(_ method: String, _ params: JSONValue, timeout: Double,
                 other: (JSONValue) -> Void = { _ in }) throws -> JSONValue {
        nextID += 1
        let id = nextID
        try send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        let response = try waitFor(timeout: timeout) { message in
            if message["id"] == .int(id) && message["method"] == nil { return true }
            other(message)
            return false
        }
        if let error = response["error"] { throw BenchError("\(method) failed: \(error.jsonText)") }
        return response["result"] ?? .null
    }

    /// Reads messages until one satisfies `match`; others are dropped.
    func waitFor(timeout: Double, _ match: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let body = try frames.next() {
                guard let message = try? JSONParser.parse(body) else {
                    throw BenchError("malformed frame from the server")
                }
                if match(message) { return message }
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw BenchError("timed out after \(timeout) s") }
            var poller = pollfd(fd: process.stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000)) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let n = read(process.stdoutFD, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BenchError("the server closed its output") }
            frames.append(buffer[0..<n])
        }
    }

    /// The diagnostics published for `version` of `uri`.
    func diagnostics(uri: String, version: Int, timeout: Double) throws -> [JSONValue] {
        let message = try waitFor(timeout: timeout) {
            $0["method"]?.stringValue == "textDocument/publishDiagnostics"
                && $0["params"]?["uri"]?.stringValue == uri && $0["params"]?["version"] == .int(Int64(version))
        }
        return message["params"]?["diagnostics"]?.arrayValue ?? []
    }

    /// shutdown + exit; the exit status.
    func stop() -> Int32 {
        _ = try? request("shutdown", .null, timeout: 30)
        try? notify("exit", .null)
        return process.wait().status
    }
}
