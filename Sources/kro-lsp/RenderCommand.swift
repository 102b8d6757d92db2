import ArgumentParser
import JSON
import KroEngine
import YAMLSyntax

enum RenderFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// `kro-lsp render RGD --instance FILE`: admits the instance against the RGD's generated
/// CRD and prints the objects kro would create, then the instance with its status.
/// Findings go to stderr in the --check format; exit status as for --check.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the objects kro would create for an instance of a ResourceGraphDefinition."
    )

    @Argument(help: "A YAML file holding the ResourceGraphDefinition(s).")
    var rgd: String

    @Option(help: "The instance YAML file ('-' reads stdin).")
    var instance: String

    @Option(name: .shortAndLong, help: "Output format: yaml or json.")
    var output: RenderFormat = .yaml

    @Option(name: .customLong("external"), help: "A YAML file of objects the cluster holds, for externalRefs (repeatable).")
    var externals: [String] = []

    @Option(help: "The namespace of a namespaced instance that names none.")
    var namespace: String = "default"

    @Option(name: .customLong("crd"), help: "A CRD file or folder whose kinds type resources (repeatable).")
    var crdPaths: [String] = []

    @Flag(help: "Enable kro's CELOmitFunction feature gate (omit()).")
    var omit = false

    func run() throws {
        guard var analysisOptions = CRDOptions.load(crdPaths) else { throw ExitCode(2) }
        analysisOptions.omitFunctionEnabled = omit
        let (rgdSource, rgdPath) = try SingleInput.read(rgd)
        let (instanceSource, instancePath) = try SingleInput.read(instance)
        var options = RenderOptions()
        options.namespace = namespace
        options.omitFunctionEnabled = omit
        for file in externals {
            let (source, _) = try SingleInput.read(file)
            options.externals += YAMLParser.parse(source).documents.compactMap { $0.root?.jsonValue }.filter { $0 != .null }
        }

        let analysis = DocumentAnalyzer.analyze(rgdSource, options: analysisOptions)
        let instanceYAML = YAMLParser.parse(instanceSource)
        var status: Int32 = 0
        func report(_ diagnostics: [Diagnostic], _ source: SourceText, _ path: String) {
            let file = CheckedFile(path: path, source: source)  // once: it counts the lines of the file
            let lines = diagnostics.map { CheckFinding(file: file, diagnostic: $0).textLine + "\n" }
            StandardStreams.writeError(lines.joined())
            if diagnostics.contains(where: { $0.severity == .error }) { status = 1 }
        }
        // The RGD's own infos (kinds typed dyn offline) are --check's business.
        report(analysis.diagnostics.filter { $0.severity <= .warning }, rgdSource, rgdPath)
        report(DocumentAnalyzer.yamlDiagnostics(instanceYAML), instanceSource, instancePath)

        switch Preview.render(rgds: analysis.rgds, instance: instanceYAML, options: options,
                              schemaStore: analysisOptions.schemaStore) {
        case .failure(.noInstance(let message)):
            CheckOutput.printError(message)
            throw ExitCode(1)
        case .failure(.rgdHasErrors):
            CheckOutput.printError("the ResourceGraphDefinition has errors; kro would not accept it")
            throw ExitCode(1)
        case .success(let result):
            // One instance per run: the others are not rendered, and the user is told so.
            let instances = Preview.instanceCount(rgds: analysis.rgds, instance: instanceYAML)
            if instances > 1 {
                CheckOutput.printError("\(instancePath) holds \(instances) instances; only the first is rendered "
                                       + "(give each instance a file of its own to render it)")
            }
            report(result.admission.diagnostics, instanceSource, instancePath)
            report(result.diagnostics, rgdSource, rgdPath)
            if !result.admission.hasErrors {
                switch output {
                case .yaml:
                    // Printed as it is made, in blocks of 64 KB.
                    var block = ""
                    RenderOutput.yaml(result) { piece in
                        block += piece
                        if block.utf8.count >= 1 << 16 { StandardStreams.writeOutput(block); block = "" }
                    }
                    StandardStreams.writeOutput(block)
                case .json: print((try? JSONSerializer(options: .init(indent: "  ")).string(RenderOutput.json(result))) ?? "{}")
                }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

extension RenderCommand: GathersArguments {
    static let valueOptions: Set<String> = ["--instance", "-o", "--output", "--external", "--namespace", "--crd"]
    static let gatheredOptions: Set<String> = ["--external", "--crd"]

    mutating func receive(_ gathered: GatheredArguments) {
        externals = gathered.values["--external"] ?? []
        crdPaths = gathered.values["--crd"] ?? []
    }
}
