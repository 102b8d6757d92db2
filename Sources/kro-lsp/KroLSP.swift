import ArgumentParser
import Foundation
import KroEngine

@main
struct KroLSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kro-lsp",
        abstract: "Language server and checker for kro ResourceGraphDefinitions.",
        discussion: """
            Without --check, kro-lsp runs as a language server over stdio.
            With --check, it checks the given files and directories and prints one line per finding.
            """,
        subcommands: [CRDCommand.self, GraphCommand.self, RenderCommand.self, InstanceCommand.self]
    )

    @Flag(help: "Check files instead of running the language server.")
    var check = false

    @Argument(help: "Files or directories to check (directories: *.yaml and *.yml, recursively; '-' reads stdin).")
    var paths: [String] = []

    @Option(name: .customLong("crd"), help: "A CRD file whose schema types resources (repeatable).")
    var crdPaths: [String] = []

    @Flag(name: .customLong("no-catalog"), help: "Do not type operator kinds (ASO, ACK, Config Connector, cert-manager, external-secrets, Argo CD) from the built-in CRD catalog.")
    var noCatalog = false

    @Option(help: "Output format of --check: text or json.")
    var format: CheckFormat = .text

    @Flag(help: "Talk LSP over stdin/stdout (the default transport).")
    var stdio = false

    @Option(help: "Server log level (error, warning, info, debug).")
    var logLevel: String?

    /// Like ArgumentParser's default, but usage errors exit with status 2 (as documented).
    static func main() {
        // Subcommands are routed by hand: the root's positional paths would swallow their names.
        if let name = CommandLine.arguments.dropFirst().first, name == CRDCommand.configuration.commandName { CRDCommand.main(Array(CommandLine.arguments.dropFirst(2))); Foundation.exit(0) }
        if let name = CommandLine.arguments.dropFirst().first, name == GraphCommand.configuration.commandName { GraphCommand.main(Array(CommandLine.arguments.dropFirst(2))); Foundation.exit(0) }
        if let name = CommandLine.arguments.dropFirst().first, name == RenderCommand.configuration.commandName { RenderCommand.main(Array(CommandLine.arguments.dropFirst(2))); Foundation.exit(0) }
        if let name = CommandLine.arguments.dropFirst().first, name == InstanceCommand.configuration.commandName { InstanceCommand.main(Array(CommandLine.arguments.dropFirst(2))); Foundation.exit(0) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    func validate() throws {
        if check && paths.isEmpty {
            throw ValidationError("--check needs at least one path ('-' for stdin).")
        }
        if !check && !paths.isEmpty {
            throw ValidationError("paths are only accepted with --check.")
        }
    }

    func run() throws {
        guard check else {
            try serveLanguageServer(logLevel: logLevel)
        }
        var options = AnalysisOptions()
        options.crdPaths = crdPaths
        options.catalogEnabled = !noCatalog
        let status = CheckRun(paths: paths, options: options, format: format).run()
        if status != 0 { throw ExitCode(status) }
    }
}
