-- kro-lsp for Neovim (0.7 or newer): starts one kro-lsp per root and attaches it to
-- YAML buffers. Usage (init.lua):
--   vim.opt.runtimepath:append('/path/to/kro-lsp/editors/neovim')
--   require('kro_lsp').setup({ cmd = { 'kro-lsp' }, settings = { crdPaths = { 'crds/' } } })
local M = {}

local defaults = {
  cmd = { 'kro-lsp' },
  filetypes = { 'yaml' },
  -- The `kro` settings: crdPaths, omitFunction, …
  settings = {},
}

local clients = {}

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local marker = vim.fn.finddir('.git', dir .. ';')
  if marker ~= '' then
    return vim.fn.fnamemodify(marker, ':p:h:h')
  end
  return dir
end

function M.setup(user)
  local config = vim.tbl_deep_extend('force', defaults, user or {})
  vim.api.nvim_create_autocmd('FileType', {
    pattern = config.filetypes,
    group = vim.api.nvim_create_augroup('kro_lsp', { clear = true }),
    callback = function(args)
      local root = root_of(vim.api.nvim_buf_get_name(args.buf))
      local id = clients[root]
      if id == nil or vim.lsp.get_client_by_id(id) == nil then
        id = vim.lsp.start_client({
          name = 'kro-lsp',
          cmd = config.cmd,
          root_dir = root,
          init_options = { kro = config.settings },
          settings = { kro = config.settings },
        })
        clients[root] = id
      end
      if id ~= nil then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

return M
