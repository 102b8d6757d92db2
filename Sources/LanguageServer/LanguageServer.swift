/// The LSP protocol layer: JSON-RPC framing, lifecycle, document sync and features over
/// the pure `KroEngine` analysis. (Built in the language-server issue.)
public enum LanguageServerInfo {
    public static let name = "kro-lsp"
}
