extension AnalysisOptions {
    /// Layers a `.kro-lsp.yaml` over these options: its CRDs come first (before the
    /// caller's), and every setting the file states replaces the caller's (severities per
    /// code, strict schemas, feature gates, the catalog). The server calls this over the
    /// editor's settings, so the editor checks as CI does; `--check` applies its command
    /// line after it, so flags win.
    public mutating func adopt(_ config: ProjectConfiguration) {
        crdPaths = ProjectConfigurationLoader.crdPaths(of: config) + crdPaths
        policy.severities.merge(config.severities) { $1 }
        if let strict = config.strictSchemas { policy.strictSchemas = strict }
        if let omit = config.featureGates[FeatureGates.omitFunction] { omitFunctionEnabled = omit }
        if let catalog = config.catalog { catalogEnabled = catalog }
    }
}
