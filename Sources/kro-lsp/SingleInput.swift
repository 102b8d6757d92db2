import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// The one file (or `-` for stdin) that `crd` and `graph` read; unreadable → exit 2.
enum SingleInput {
    static func read(_ file: String) throws -> (source: SourceText, displayPath: String) {
        if file == "-" {
            guard let bytes = FileBytes.read(descriptor: STDIN_FILENO) else {
                CheckOutput.printError("cannot read stdin")
                throw ExitCode(2)
            }
            return (SourceText(bytes: bytes), "<stdin>")
        }
        guard let bytes = FileBytes.read(file) else {
            CheckOutput.printError("cannot read \(file)")
            throw ExitCode(2)
        }
        return (SourceText(bytes: bytes), file)
    }
}
