import ArgumentParser
import KroEngine
import YAMLSyntax

extension GraphFormat: ExpressibleByArgument {}

/// `kro-lsp graph FILE [--format dot|mermaid]`: prints each RGD's dependency graph.
/// Findings go to stderr in the --check format; errors make the exit status 1.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the dependency graph of each ResourceGraphDefinition in FILE."
    )

    @Argument(help: "A YAML file holding one or more ResourceGraphDefinitions ('-' reads stdin).")
    var file: String

    @Option(name: .customLong("crd"), help: "A CRD file or folder whose kinds type resources (repeatable).")
    var crdPaths: [String] = []

    @Option(help: "Output format: dot or mermaid.")
    var format: GraphFormat = .dot

    func run() throws {
        guard var options = CRDOptions.load(crdPaths) else { throw ExitCode(2) }
        options.retention = .findings  // the graph and the model are all it reads
        let (source, path) = try SingleInput.read(file)
        let analysis = DocumentAnalyzer.analyze(source, options: options)
        let file = CheckedFile(path: path, source: source)  // once: it counts the lines of the file
        let findings = analysis.diagnostics.map { CheckFinding(file: file, diagnostic: $0) }
        if !findings.isEmpty {
            StandardStreams.writeError(findings.map { $0.textLine + "\n" }.joined())
        }
        if analysis.rgds.isEmpty {
            CheckOutput.printError("no ResourceGraphDefinition in \(path)")
            throw ExitCode(1)
        }
        StandardStreams.writeOutput(analysis.rgds.map { $0.renderGraph(format) }.joined(separator: "\n"))
        if analysis.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

extension GraphCommand: GathersArguments {
    static let valueOptions: Set<String> = ["--crd", "--format"]
    static let gatheredOptions: Set<String> = ["--crd"]

    mutating func receive(_ gathered: GatheredArguments) {
        crdPaths = gathered.values["--crd"] ?? []
    }
}
