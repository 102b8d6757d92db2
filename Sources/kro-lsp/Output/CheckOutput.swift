import KroEngine

enum CheckOutput {
    static func printError(_ message: String) {
        StandardStreams.writeError("kro-lsp: \(message)\n")
    }
}
