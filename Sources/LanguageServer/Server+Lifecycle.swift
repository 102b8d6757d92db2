import KroEngine
import JSON
import YAMLSyntax

extension Server {
    func initialize(_ params: JSONValue) -> JSONValue {
        let capabilities = params["capabilities"] ?? .null
        let offered = capabilities["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let encoding: PositionEncoding = offered.contains("utf-8") ? .utf8 : .utf16
        let pull = capabilities["textDocument"]?["diagnostic"].map { $0 != .null } ?? false
        let root = params["workspaceFolders"]?.arrayValue?.first?["uri"]?.stringValue.flatMap(filePath(fromURI:))
            ?? params["rootUri"]?.stringValue.flatMap(filePath(fromURI:))
            ?? params["rootPath"]?.stringValue
        withState { state in
            state.phase = .running
            state.conversion = PositionConversion(encoding: encoding)
            state.pullDiagnostics = pull
            state.snippetSupport =
                capabilities["textDocument"]?["completion"]?["completionItem"]?["snippetSupport"]?.boolValue ?? false
            state.relatedInformation = capabilities["textDocument"]?["publishDiagnostics"]?["relatedInformation"]?.boolValue ?? true
            state.configurationRequests = capabilities["workspace"]?["configuration"]?.boolValue ?? false
            state.refreshSupport = capabilities["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue ?? false
            state.watchedFilesRegistration =
                capabilities["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
            state.rootPath = root
            state.configurationProblems = state.configuration.update(from: params["initializationOptions"])
        }
        var serverCapabilities: JSONValue = [
            "positionEncoding": .string(PositionConversion(encoding: encoding).name),
            "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
            "executeCommandProvider": ["commands": .array(Server.commands.map { .string($0) })],
        ]
        for (name, value) in Self.featureCapabilities { serverCapabilities.set(name, value) }
        for (name, value) in Self.editorCapabilities { serverCapabilities.set(name, value) }
        if pull {
            serverCapabilities.set("diagnosticProvider",
                                   ["identifier": "kro", "interFileDependencies": false, "workspaceDiagnostics": true])
        }
        return ["capabilities": serverCapabilities, "serverInfo": [
            "name": .string(LanguageServerInfo.name), "version": .string(LanguageServerInfo.version),
        ]]
    }

    func initialized() {
        logger.clientIsReady()
        let problems = withState { state in
            defer { state.configurationProblems = [] }
            return state.configurationProblems
        }
        problems.forEach(showConfigurationProblem)
        // Without the bundle every built-in kind is `dyn`: say so loudly, once.
        if let problem = schemas.bundleProblem {
            logger.log(.error, problem)
            notify("window/showMessage", ["type": 1, "message": .string("kro-lsp: \(problem)")])
        }
        let (watch, configure) = withState { ($0.watchedFilesRegistration, $0.configurationRequests) }
        if watch {
            // CRD files, and `.kro-lsp.yaml` (named: some clients' `*` skips dot files).
            let globs = ["**/*.yaml", "**/*.yml", "**/*.json", "**/\(ProjectConfiguration.fileName)"]
            let watchers: JSONValue = .array(globs.map { ["globPattern": .string($0)] })
            request("client/registerCapability", ["registrations": [[
                "id": "kro-crd-watch", "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": watchers],
            ]]]) { _ in }
        }
        if configure { fetchConfiguration() }
    }

    /// Asks the client for the `kro` section and re-analyses when it changed.
    func fetchConfiguration() {
        request("workspace/configuration", ["items": [["section": "kro"]]]) { [self] result in
            guard case .success(let value) = result, let section = value.arrayValue?.first else { return }
            applyConfiguration(section)
        }
    }

    func applyConfiguration(_ settings: JSONValue) {
        let (changed, problems) = withState { state -> (Bool, [String]) in
            let old = state.configuration
            let problems = state.configuration.update(from: settings)
            return (old != state.configuration, problems)
        }
        problems.forEach(showConfigurationProblem)
        if changed {
            schemasChanged()
            reanalyzeAll()
        }
    }

    func didChangeConfiguration(_ params: JSONValue) {
        if let settings = params["settings"], settings != .null { applyConfiguration(settings) }
        if withState({ $0.configurationRequests }) { fetchConfiguration() }
    }

    func didChangeWatchedFiles(_ params: JSONValue) {
        let uris = params["changes"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        if uris.contains(where: Self.isProjectConfiguration) { return projectConfigurationChanged() }
        let paths = uris.compactMap(filePath(fromURI:))
        let configured = withState { $0.configuration.crdFiles(root: $0.rootPath) }
        let used = schemas.usedPaths()
        let relevant = paths.contains { configured.contains($0) || used.contains($0) }
        if relevant {
            schemasChanged()
            reanalyzeAll()
        }
    }

    /// The schema store must be loaded again; results typed against the old one are dropped.
    func schemasChanged() {
        schemas.invalidate()
        withState { $0.analyses.dropCaches() }
    }

    /// A settings problem, shown to the user and logged.
    func showConfigurationProblem(_ problem: String) {
        logger.log(.warning, problem)
        notify("window/showMessage", ["type": 2, "message": .string("kro-lsp: \(problem)")])
    }
}
