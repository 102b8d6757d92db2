import JSON
import KroEngine

/// How much the server logs (`--log-level`).
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case error = 1, warning, info, debug

    public init?(name: String) {
        switch name.lowercased() {
        case "error": self = .error
        case "warning", "warn": self = .warning
        case "info": self = .info
        case "debug", "log", "trace": self = .debug
        default: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Logs to stderr and, once the client is initialised, as `window/logMessage`.
final class Logger: @unchecked Sendable {
    let level: LogLevel
    private let writer: FrameWriter
    private let lock = Lock()
    private var clientReady = false

    init(level: LogLevel, writer: FrameWriter) { self.level = level; self.writer = writer }

    func clientIsReady() { lock.withLock { clientReady = true } }

    func log(_ messageLevel: LogLevel, _ message: String) {
        guard messageLevel <= level else { return }
        StandardStreams.writeError("kro-lsp [\(messageLevel)] \(message)\n")
        if lock.withLock({ clientReady }) {
            writer.send(OutgoingMessage.notification("window/logMessage",
                .tree(["type": .int(Int64(messageLevel.rawValue)), "message": .string(message)])))
        }
    }
}
