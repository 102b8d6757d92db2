import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LanguageServer

/// Runs the language server over stdin/stdout until `exit`; never returns.
func serveLanguageServer(logLevel: String?) throws -> Never {
    var level = LogLevel.warning
    if let logLevel {
        guard let parsed = LogLevel(name: logLevel) else {
            throw ValidationError("unknown --log-level '\(logLevel)' (error, warning, info, debug)")
        }
        level = parsed
    }
    MemoryTuning.applyForServer()
    let memory = MemoryTuning.heapInUse() == nil ? nil : MemoryBudget { MemoryTuning.heapInUse() ?? 0 }
    exit(Server.run(logLevel: level, whenIdle: IdleAction { MemoryTuning.releaseFreeMemory() }, memory: memory))
}
