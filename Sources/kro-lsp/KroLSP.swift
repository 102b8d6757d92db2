import ArgumentParser
import KroEngine
import LanguageServer

@main
struct KroLSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kro-lsp",
        abstract: "Language server and checker for kro ResourceGraphDefinitions.",
        discussion: """
            Without --check, kro-lsp runs as a language server over stdio.

            Commands:
              kro-lsp --check PATH…     check files and folders (exit 0 clean, 1 findings, 2 usage/I/O)
                  e.g. kro-lsp --check rgds/ --format sarif > kro.sarif
              kro-lsp crd FILE          print the CRD kro generates for each RGD
                  e.g. kro-lsp crd rgds/web-app.yaml
              kro-lsp graph FILE        print each RGD's dependency graph (dot or mermaid)
                  e.g. kro-lsp graph rgds/web-app.yaml --format mermaid
              kro-lsp render RGD --instance FILE   print the objects kro creates for an instance
                  e.g. kro-lsp render rgds/web-app.yaml --instance my-app.yaml
              kro-lsp instance RGD      print an example instance of each RGD
                  e.g. kro-lsp instance rgds/web-app.yaml -o my-app.yaml
              kro-lsp help COMMAND      show a command's options
                  e.g. kro-lsp help crd

            Configuration: the nearest .kro-lsp.yaml above each checked file (or --config).
            Suppress a finding with a comment: # kro-lsp: ignore KRO334
            """,
        version: LanguageServerInfo.version,
        subcommands: [CRDCommand.self, GraphCommand.self, RenderCommand.self, InstanceCommand.self]
    )

    @Flag(help: "Check files instead of running the language server.")
    var check = false

    @Argument(help: "Files or folders to check (folders: *.yaml and *.yml, recursively; '-' reads stdin).")
    var paths: [String] = []

    @Option(name: .customLong("crd"), help: "A CRD file or folder whose kinds type resources (repeatable).")
    var crdPaths: [String] = []

    @Flag(name: .customLong("no-catalog"), help: "Do not type operator kinds (ASO, ACK, Config Connector, cert-manager, external-secrets, Argo CD, Gateway API) from the built-in CRD catalog.")
    var noCatalog = false

    @Option(help: "Output format of --check: text, json, sarif or github.")
    var format: CheckFormat = .text

    @Option(help: "Colour and source snippets in text output: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Option(help: "The configuration file (default: the nearest .kro-lsp.yaml above each file).")
    var config: String?

    @Flag(help: "Report warnings as errors (exit 1 on any warning).")
    var warningsAsErrors = false

    @Option(help: "Exit 1 when there are more than N warnings.")
    var maxWarnings: Int?

    @Option(name: .customLong("severity"), help: "Change a code's severity: CODE=error|warning|info|off (repeatable).")
    var severities: [String] = []

    @Flag(help: "A kind without a schema (KRO905) is an error instead of an information.")
    var strictSchemas = false

    @Option(help: "kro feature gates, e.g. CELOmitFunction=true (comma-separated, repeatable).")
    var featureGates: [String] = []

    @Option(help: "Report breaking changes against the RGDs in this file or folder (the previous version).")
    var baseline: String?

    @Flag(help: "Talk LSP over stdin/stdout (the default transport).")
    var stdio = false

    @Option(help: "Server log level (error, warning, info, debug).")
    var logLevel: String?

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Subcommands are routed by hand: the root's positional paths would swallow their names.
        switch arguments.first {
        case "help"?: CommandLineRouting.help(Array(arguments.dropFirst()))
        case CRDCommand.configuration.commandName?: CommandLineRouting.run(CRDCommand.self, Array(arguments.dropFirst()))
        case GraphCommand.configuration.commandName?: CommandLineRouting.run(GraphCommand.self, Array(arguments.dropFirst()))
        case RenderCommand.configuration.commandName?: CommandLineRouting.run(RenderCommand.self, Array(arguments.dropFirst()))
        case InstanceCommand.configuration.commandName?: CommandLineRouting.run(InstanceCommand.self, Array(arguments.dropFirst()))
        default: CommandLineRouting.run(KroLSP.self, arguments)
        }
    }

    func validate() throws {
        if check && paths.isEmpty {
            throw ValidationError("--check needs at least one path ('-' for stdin).")
        }
        if !check && !paths.isEmpty {
            throw ValidationError("paths are only accepted with --check (or name a command: crd, graph, render, instance, help).")
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more.") }
        _ = try parsedSeverities()
        _ = try parsedFeatureGates()
    }

    func parsedSeverities() throws -> [String: RuleSeverity] {
        var result: [String: RuleSeverity] = [:]
        for item in severities {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].uppercased().hasPrefix("KRO"), let severity = RuleSeverity(word: parts[1]) else {
                throw ValidationError("--severity expects CODE=error|warning|info|off, got '\(item)'.")
            }
            if let unknown = DiagnosticCatalogue.embedded.unknownCode(parts[0].uppercased()) {
                throw ValidationError("--severity: \(unknown).")
            }
            result[parts[0].uppercased()] = severity
        }
        return result
    }

    func parsedFeatureGates() throws -> [String: Bool] {
        var result: [String: Bool] = [:]
        for item in featureGates.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            let value = parts.count == 2 ? parts[1].lowercased() : "true"
            guard FeatureGates.known.contains(parts[0]), value == "true" || value == "false" else {
                throw ValidationError("--feature-gates expects \(FeatureGates.known.joined(separator: ", "))=true|false, got '\(item)'.")
            }
            result[parts[0]] = value == "true"
        }
        return result
    }

    func run() throws {
        guard check else {
            try serveLanguageServer(logLevel: logLevel)
        }
        MemoryTuning.applyForOneShotRun()
        let overrides = ConfigurationCache.Overrides(
            configPath: config, crdPaths: crdPaths, severities: try parsedSeverities(),
            strictSchemas: strictSchemas, warningsAsErrors: warningsAsErrors, featureGates: try parsedFeatureGates(),
            catalogEnabled: !noCatalog)
        CheckRun(paths: paths, overrides: overrides, format: format, color: color,
                 maxWarnings: maxWarnings, baseline: baseline).runAndExit()
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension KroLSP: GathersArguments {
    static let valueOptions: Set<String> = [
        "--crd", "--format", "--color", "--config", "--max-warnings", "--severity", "--feature-gates", "--baseline", "--log-level",
    ]
    static let gatheredOptions: Set<String> = ["--crd", "--severity", "--feature-gates"]
    static let gathersPositionals = true

    mutating func receive(_ gathered: GatheredArguments) {
        paths = gathered.positionals
        crdPaths = gathered.values["--crd"] ?? []
        severities = gathered.values["--severity"] ?? []
        featureGates = gathered.values["--feature-gates"] ?? []
    }
}
