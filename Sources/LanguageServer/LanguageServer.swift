/// The LSP protocol layer: JSON-RPC framing, lifecycle, document sync and features over
/// the pure `KroEngine` analysis. (Built in the language-server issue.)
public enum LanguageServerInfo {
    public static let name = "kro-lsp"
    /// The release version: `kro-lsp --version` and `serverInfo.version` in `initialize`.
    public static let version = "0.1.0"
}
