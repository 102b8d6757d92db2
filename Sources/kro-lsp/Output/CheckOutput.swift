import Foundation

enum CheckOutput {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("kro-lsp: \(message)\n".utf8))
    }
}
