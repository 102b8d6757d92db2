import ArgumentParser
import Foundation
import YAMLSyntax

/// The one file (or `-` for stdin) that `crd` and `graph` read; unreadable → exit 2.
enum SingleInput {
    static func read(_ file: String) throws -> (source: SourceText, displayPath: String) {
        if file == "-" {
            return (SourceText(bytes: Array(FileHandle.standardInput.readDataToEndOfFile())), "<stdin>")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            CheckOutput.printError("cannot read \(file)")
            throw ExitCode(2)
        }
        return (SourceText(bytes: Array(data)), file)
    }
}
