//! Starts kro-lsp for Zed: the binary from `lsp.kro-lsp.binary.path` or PATH, and the
//! `lsp.kro-lsp.settings` object as the workspace configuration (its `kro` section).
use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct KroExtension;

impl zed::Extension for KroExtension {
    fn new() -> Self {
        KroExtension
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let configured = LspSettings::for_worktree("kro-lsp", worktree).ok().and_then(|s| s.binary).and_then(|b| b.path);
        let command = configured
            .or_else(|| worktree.which("kro-lsp"))
            .ok_or_else(|| "kro-lsp is not on PATH: install it or set lsp.kro-lsp.binary.path".to_string())?;
        Ok(zed::Command { command, args: vec![], env: Default::default() })
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree("kro-lsp", worktree).ok().and_then(|s| s.settings))
    }
}

zed::register_extension!(KroExtension);
