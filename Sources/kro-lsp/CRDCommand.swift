import ArgumentParser
import KroEngine
import YAMLSyntax

/// `kro-lsp crd FILE`: prints the CustomResourceDefinition kro would create for each RGD
/// of the file (one YAML document per RGD). Errors go to stderr in the --check format
/// and make the exit status 1; warnings are printed too but do not stop the output.
struct CRDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crd",
        abstract: "Print the CRD kro would generate for each ResourceGraphDefinition in FILE."
    )

    @Argument(help: "A YAML file holding one or more ResourceGraphDefinitions ('-' reads stdin).")
    var file: String

    @Option(name: .customLong("crd"), help: "A CRD file or folder whose kinds type resources (repeatable).")
    var crdPaths: [String] = []

    func run() throws {
        guard var loaded = CRDOptions.load(crdPaths) else { throw ExitCode(2) }
        loaded.retention = .findings  // the model, instance and status schemas are all it reads
        let options = loaded
        let (source, path) = try SingleInput.read(file)
        // An RGD whose resource is another RGD's instance kind of the same file is typed from
        // that RGD's CRD (chaining), as kro types it from the installed CRD: its status
        // fields get the CRD's types.
        let chained = RGDChaining.analyze(count: 1, location: { _ in path }, rgds: { (a: DocumentAnalysis) in a.rgds }) {
            _, kinds -> DocumentAnalysis? in
            var chainedOptions = options
            chainedOptions.chainedKinds = kinds
            return DocumentAnalyzer.analyze(source, options: chainedOptions)
        }
        // The closure answers for its one input, so the result is there (no second analysis).
        let analysis = chained[0]!
        // Status schemas come from the type-checked status expressions (cel.md §10).
        let generated = analysis.rgds.compactMap {
            RGDCRDReader.generate(rgd: $0.rgd, simpleSchema: $0.instanceSchema, status: $0.statusSchemas)
        }

        var diagnostics = analysis.diagnostics + generated.flatMap(\.diagnostics)
            + CRDGenerator.duplicateNames(generated.map(\.source))
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        diagnostics.sort { ($0.range.start, $0.range.end, $0.code) < ($1.range.start, $1.range.end, $1.code) }

        let file = CheckedFile(path: path, source: source)  // once: it counts the lines of the file
        let findings = diagnostics.map { CheckFinding(file: file, diagnostic: $0) }
        if !findings.isEmpty {
            StandardStreams.writeError(findings.map { $0.textLine + "\n" }.joined())
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        if generated.isEmpty {
            CheckOutput.printError("no ResourceGraphDefinition with spec.schema.kind and apiVersion in \(path)")
            throw ExitCode(1)
        }
        let documents = generated.map { YAMLWriter.write($0.result.crd) }
        StandardStreams.writeOutput(documents.joined(separator: "---\n"))
    }
}

extension CRDCommand: GathersArguments {
    static let valueOptions: Set<String> = ["--crd"]
    static let gatheredOptions: Set<String> = ["--crd"]

    mutating func receive(_ gathered: GatheredArguments) {
        crdPaths = gathered.values["--crd"] ?? []
    }
}
