import Foundation
import LanguageServer

/// Runs the language server over stdin/stdout until `exit`; never returns.
func serveLanguageServer(logLevel: String?) throws -> Never {
    let level: LogLevel
    if let logLevel {
        guard let parsed = LogLevel(name: logLevel) else {
            throw ValidationErrorMessage("unknown --log-level '\(logLevel)' (error, warning, info, debug)")
        }
        level = parsed
    } else {
        level = .warning
    }
    exit(Server.run(logLevel: level))
}

struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
