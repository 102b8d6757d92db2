import ArgumentParser

@main
struct KroLSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kro-lsp",
        abstract: "Language server and checker for kro ResourceGraphDefinitions."
    )

    func run() throws {
        throw CleanExit.helpRequest(self)
    }
}
