-- Neovim >= 0.11 (and nvim-lspconfig 2.x) read this file for `vim.lsp.config('kro_lsp')`:
--   vim.lsp.enable('kro_lsp')
-- Override fields with vim.lsp.config('kro_lsp', { cmd = { '/path/to/kro-lsp' } }).
return require('kro_lsp').lsp_config()
