import JSON
import KroEngine
import YAMLSyntax

/// `workspace/executeCommand`: the preview commands (issue 12). Each takes one argument,
/// a document URI or `{uri, rgd?, instance?, instanceText?}` (`rgd`: the index of one RGD
/// of a file holding several, as code lenses send it), and answers `{yaml, pending}` (the
/// shape the editor integrations show in a new buffer).
extension Server {
    static let commands = ["kro.preview", "kro.generateCRD", "kro.scaffoldInstance"]

    func executeCommand(_ params: JSONValue) throws(ResponseError) -> Reply {
        guard let command = params["command"]?.stringValue else { throw ResponseError.invalidParams("the request needs a command") }
        let argument = params["arguments"]?.arrayValue?.first ?? .null
        guard let uri = argument.stringValue ?? argument["uri"]?.stringValue else {
            throw ResponseError.invalidParams("\(command) needs a document URI argument")
        }
        let chosenRGD = argument["rgd"]?.intValue
        switch command {
        case "kro.generateCRD":
            return try snapshotRequest(["textDocument": ["uri": .string(uri)]]) { (request) throws(ResponseError) -> JSONValue in
                let crds = Self.chosen(request.snapshot.rgds, chosenRGD).compactMap { $0.analysis.generatedCRD?.result.crd }
                guard !crds.isEmpty else { throw ResponseError.invalidParams("\(uri) holds no ResourceGraphDefinition with a schema kind") }
                return ["yaml": .string(crds.map(YAMLWriter.write).joined(separator: "---\n")), "pending": []]
            }
        case "kro.scaffoldInstance":
            return try snapshotRequest(["textDocument": ["uri": .string(uri)]]) { (request) throws(ResponseError) -> JSONValue in
                let scaffolds = Self.chosen(request.snapshot.rgds, chosenRGD).compactMap { InstanceScaffold.yaml(for: $0.analysis) }
                guard !scaffolds.isEmpty else { throw ResponseError.invalidParams("\(uri) holds no ResourceGraphDefinition with a schema kind") }
                return ["yaml": .string(scaffolds.joined(separator: "---\n")), "pending": []]
            }
        case "kro.preview":
            return try preview(uri: uri, argument: argument, rgd: chosenRGD)
        default:
            throw ResponseError(code: ResponseError.invalidParams, message: "unknown command \(command); known: \(Self.commands.joined(separator: ", "))")
        }
    }

    /// The RGDs of a file a command is about: all, or the one at `index`.
    static func chosen<T>(_ all: [T], _ index: Int?) -> [T] {
        guard let index else { return all }
        return all.indices.contains(index) ? [all[index]] : []
    }

    /// Renders an instance: the `uri` document is the RGD (the instance is `instanceText`,
    /// the open document `instance`, or else the RGD's scaffold) or the instance (its RGD
    /// is found among the open documents).
    private func preview(uri: String, argument: JSONValue, rgd chosenRGD: Int?) throws(ResponseError) -> Reply {
        let (own, others, notOpen) = withState { state -> (SourceText?, [SourceText], ResponseError) in
            (state.documents[uri]?.source,
             state.documents.documents.values.filter { $0.uri != uri }.map(\.source), state.documents.notOpenError(uri))
        }
        guard let own else { throw notOpen }
        var instanceText = argument["instanceText"]?.stringValue.map { SourceText($0) }
        if instanceText == nil, let instanceURI = argument["instance"]?.stringValue {
            let (instance, notOpen) = withState {
                ($0.documents[instanceURI]?.source, $0.documents.notOpenError(instanceURI, what: "instance document"))
            }
            guard let text = instance else { throw notOpen }
            instanceText = text
        }
        let fixedInstance = instanceText
        let (configuration, root) = withState { ($0.configuration, $0.rootPath) }
        return .later { [self] in
            // Rendering analyses the documents: on a thread of its own, like an analysis;
            // cancelling the request stops it between resources.
            await executor.run("kro-lsp.preview", limited: false) { [self] stop in
                render(own: own, others: others, fixedInstance: fixedInstance, rgd: chosenRGD,
                       options: documentOptions(uri, configuration: configuration, root: root), stop: stop).map(Payload.tree)
            } ?? .failure(ResponseError(code: ResponseError.requestCancelled, message: "Request cancelled"))
        }
    }

    /// The preview command's answer, computed on the calling thread.
    private func render(own: SourceText, others: [SourceText], fixedInstance: SourceText?, rgd chosenRGD: Int?,
                        options documentOptions: AnalysisOptions, stop: StopSignal) -> Result<JSONValue, ResponseError> {
        var options = documentOptions
        options.shouldStop = { stop.isRaised }
        let ownAnalysis = DocumentAnalyzer.analyze(own, options: options)
        let ownRGDs = Self.chosen(ownAnalysis.rgds, chosenRGD)
        let rgds: [RGDAnalysis]
        let instance: SourceText
        if !ownRGDs.isEmpty {
            rgds = ownRGDs
            guard let chosen = fixedInstance ?? ownRGDs.first.flatMap(InstanceScaffold.yaml(for:)).map({ SourceText($0) }) else {
                return .failure(ResponseError.invalidParams("the ResourceGraphDefinition has no schema kind"))
            }
            instance = chosen
        } else {
            // The document is an instance: its RGD is one of the open documents.
            rgds = others.filter { $0.text.contains("ResourceGraphDefinition") }.flatMap { DocumentAnalyzer.analyze($0, options: options).rgds }
            instance = own
        }
        switch Preview.render(rgds: rgds, instance: YAMLParser.parse(instance), options: .init(),
                              schemaStore: options.schemaStore) {
        case .failure(.noInstance(let message)): return .failure(ResponseError.invalidParams(message))
        case .failure(.rgdHasErrors):
            return .failure(ResponseError.invalidParams("the ResourceGraphDefinition has errors; kro would not accept it"))
        case .success(let result):
            let pending = result.nodes.flatMap { node in
                node.pending.filter { !$0.expression.isEmpty }.map { JSONValue.string("\(node.id): \($0.path) needs \($0.needs)") }
            } + result.statusPending.map { .string("instance: \($0.path) needs \($0.needs)") }
            // As many as a file's published findings: 20,000 admission errors of 2 KB each made an 80 MB answer.
            let all = result.admission.diagnostics + result.diagnostics
            let limit = DiagnosticsConversion.maxPublished
            var problems = all.prefix(limit).map { JSONValue.string("\($0.code): \($0.message)") }
            if all.count > limit {
                problems.append(.string("\(AnalysisLimits.code): kro-lsp shows the first \(limit) of the \(all.count) problems; kro-lsp render lists them all"))
            }
            return .success([
                "yaml": .string(result.admission.hasErrors ? problems.compactMap(\.stringValue).map { "# " + $0 }.joined(separator: "\n") + "\n"
                                                           : RenderOutput.yaml(result)),
                "pending": .array(pending),
                "problems": .array(problems),
                "result": RenderOutput.json(result),
            ])
        }
    }
}
