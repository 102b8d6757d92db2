import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KroEngine
import YAMLSyntax

/// The one file (or `-` for stdin) that `crd` and `graph` read; unreadable → exit 2.
enum SingleInput {
    static func read(_ file: String) throws -> (source: SourceText, displayPath: String) {
        if file == "-" {
            switch FileBytes.read(descriptor: STDIN_FILENO) {
            case .success(let bytes): return (SourceText(bytes: bytes), "<stdin>")
            case .failure(let failure):
                CheckOutput.printError(failure.message("stdin"))
                throw ExitCode(2)
            }
        }
        switch FileBytes.read(file) {
        case .success(let bytes): return (SourceText(bytes: bytes), file)
        case .failure(let failure):
            CheckOutput.printError(failure.message(file))
            throw ExitCode(2)
        }
    }
}
