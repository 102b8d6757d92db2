import JSON
import KroEngine

/// `.kro-lsp.yaml` in the editor: each document is analysed with the nearest one in its
/// folder or above (as `--check` does), layered over the editor's `kro` settings; the
/// file's own mistakes are diagnostics on it when it is open, and a message otherwise.
extension Server {
    /// Whether `uri` names a configuration file.
    static func isProjectConfiguration(_ uri: String) -> Bool {
        filePath(fromURI: uri).map { FilePaths.lastComponent($0) == ProjectConfiguration.fileName } ?? false
    }

    /// The options `uri` is analysed with: the editor's settings (`configuration`), then the
    /// governing `.kro-lsp.yaml`, then the schema store for the resulting CRDs and catalog
    /// choice. Reads the file system (cached): call it off the reader.
    func documentOptions(_ uri: String, configuration: Configuration, root: String?) -> AnalysisOptions {
        var options = configuration.analysisOptions(root: root, store: schemas.bundledStore)
        if let path = filePath(fromURI: uri),
           let configPath = projects.path(governing: FilePaths.deletingLastComponent(path)) {
            let loaded = projects.load(configPath)
            options.adopt(loaded)
            reportProblems(of: loaded)
        }
        options.schemaStore = schemas.store(for: options.crdPaths, catalog: options.catalogEnabled) { logger.log(.warning, $0) }
        return options
    }

    /// A malformed configuration governing an open document is shown once per version of
    /// the file (the rest of the file applies).
    private func reportProblems(of loaded: LoadedProjectConfiguration) {
        let messages = loaded.messages
        guard !messages.isEmpty else { return }
        let fresh = withState { $0.reportedConfigurations.insert(loaded.path).inserted }
        guard fresh else { return }
        for message in messages { logger.log(.warning, message) }
        let more = messages.count > 1 ? " (and \(messages.count - 1) more)" : ""
        notify("window/showMessage", ["type": 1, "message": .string("kro-lsp: \(messages[0])\(more); the rest of the file applies")])
    }

    /// After a configuration file changed on disk: forget what was read and analyse every
    /// open document again.
    func projectConfigurationChanged() {
        projects.invalidate()
        withState { $0.reportedConfigurations = [] }
        schemasChanged()
        reanalyzeAll()
    }

}
