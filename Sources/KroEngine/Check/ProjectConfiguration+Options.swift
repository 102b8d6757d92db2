extension AnalysisOptions {
    /// Layers a `.kro-lsp.yaml` over these options: its CRDs come first (before the
    /// caller's), and every setting the file states replaces the caller's (severities per
    /// code, strict schemas, feature gates, the catalog). The server calls this over the
    /// editor's settings, so the editor checks as CI does; `--check` applies its command
    /// line after it, so flags win.
    /// `configCRDPaths`: the file's `crds` resolved (`ProjectConfigurationLoader.crdPaths(of:)`).
    public mutating func adopt(_ config: ProjectConfiguration, crdPaths configCRDPaths: [String]) {
        crdPaths = configCRDPaths + crdPaths
        policy.severities.merge(config.severities) { $1 }
        if let strict = config.strictSchemas { policy.strictSchemas = strict }
        if let omit = config.featureGates[FeatureGates.omitFunction] { omitFunctionEnabled = omit }
        if let catalog = config.catalog { catalogEnabled = catalog }
    }

    /// Layers a file read from disk (its CRD globs were expanded once, when it was read).
    public mutating func adopt(_ loaded: LoadedProjectConfiguration) {
        adopt(loaded.configuration, crdPaths: loaded.crdPaths)
    }
}
