import ArgumentParser
import FoundationEssentials
import KroEngine

/// `kro-lsp instance RGD [-o FILE]`: an example instance of each RGD in the file that
/// admits and renders without errors (required fields filled, defaults as comments).
struct InstanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance",
        abstract: "Print an example instance of each ResourceGraphDefinition in RGD."
    )

    @Argument(help: "A YAML file holding the ResourceGraphDefinition(s) ('-' reads stdin).")
    var rgd: String

    @Option(name: .shortAndLong, help: "Write the instance to this file instead of stdout.")
    var output: String?

    func run() throws {
        // The scaffold needs only the schema; operator kinds need not be typed.
        guard let options = CRDOptions.load([], catalog: false) else { throw ExitCode(2) }
        let (source, path) = try SingleInput.read(rgd)
        let analysis = DocumentAnalyzer.analyze(source, options: options)
        let documents = analysis.rgds.compactMap(InstanceScaffold.yaml(for:))
        guard !documents.isEmpty else {
            CheckOutput.printError("no ResourceGraphDefinition with spec.schema.kind and apiVersion in \(path)")
            throw ExitCode(1)
        }
        let text = documents.joined(separator: "---\n")
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                CheckOutput.printError("cannot write \(output)")
                throw ExitCode(2)
            }
        } else {
            StandardStreams.writeOutput(text)
        }
    }
}
