-- kro-lsp for Neovim 0.7 and newer. Attaches kro-lsp only to kro's YAML buffers (an RGD,
-- an instance in kro's default group, a `# kro-lsp` first line, or a *.rgd.yaml name).
--
--   Neovim >= 0.11:  vim.lsp.enable('kro_lsp')               (reads lsp/kro_lsp.lua)
--   any version:     require('kro_lsp').setup({ settings = { crdPaths = { 'crds/' } } })
--   nvim-lspconfig:  require('kro_lsp').register_lspconfig(); require('lspconfig').kro_lsp.setup({})
local M = {}

M.defaults = {
  cmd = { 'kro-lsp' },
  filetypes = { 'yaml' },
  -- The folder that holds one of these is the workspace root (else the file's folder).
  root_markers = { '.kro-lsp.yaml', '.git' },
  -- The server's `kro` settings: crdPaths, omitFunction, analysisDelayMs, …
  settings = {},
}

-- Detection ----------------------------------------------------------------------------

-- The value of a `key: value` line written at column 0 (comment and quotes removed).
local function top_level_value(line, key)
  local value = line:match('^' .. key .. ':%s*(.-)%s*$')
  if value == nil then return nil end
  value = value:gsub('%s*#.*$', '')
  return value:match('^"(.*)"$') or value:match("^'(.*)'$") or value
end

--- True when `lines` (a file's lines) are kro's: the server decides the rest (it stays
--- silent on an instance whose RGD it does not know).
function M.is_kro_text(lines, name)
  local first = (lines[1] or ''):gsub('^\239\187\191', '')
  if first == '# kro-lsp' or first:match('^# kro%-lsp[ \t]') then return true end
  if name and name:match('%.rgd%.ya?ml$') then return true end
  local api, kind = '', ''
  for _, line in ipairs(lines) do
    if line:match('^%-%-%-') then
      api, kind = '', ''
    else
      api = top_level_value(line, 'apiVersion') or api
      kind = top_level_value(line, 'kind') or kind
      -- An RGD, or an instance of one in kro's default group.
      if api:match('^kro%.run/') and kind ~= '' then return true end
    end
  end
  return false
end

function M.is_kro_buffer(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  return M.is_kro_text(lines, vim.api.nvim_buf_get_name(bufnr))
end

--- The nearest folder above `path` holding a root marker, else the file's folder.
function M.root_of(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(markers or M.defaults.root_markers) do
    local folder = vim.fn.finddir(marker, dir .. ';')
    if folder ~= '' then return vim.fn.fnamemodify(folder, ':p:h:h') end
    local file = vim.fn.findfile(marker, dir .. ';')
    if file ~= '' then return vim.fn.fnamemodify(file, ':p:h') end
  end
  return dir
end

-- Commands -----------------------------------------------------------------------------

-- The text a command result shows: a string, or a table's `yaml`/`text` plus `pending`.
local function result_lines(result)
  if type(result) == 'string' then return vim.split(result, '\n', { plain = true }) end
  if type(result) ~= 'table' then return { vim.inspect(result) } end
  local text = result.yaml or result.text or result.content
  if text == nil then return vim.split(vim.inspect(result), '\n', { plain = true }) end
  local lines = vim.split(text, '\n', { plain = true })
  for _, item in ipairs(result.pending or {}) do
    table.insert(lines, '# pending: ' .. (type(item) == 'string' and item or vim.inspect(item)))
  end
  return lines
end

--- Runs `workspace/executeCommand` `command` on buffer `bufnr`'s server with the buffer's
--- URI (or `arguments`, as a code lens gives them) and shows the answer in a new YAML
--- buffer (`kro.preview`, `kro.generateCRD`, `kro.scaffoldInstance`).
function M.execute(command, bufnr, arguments)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local params = { command = command, arguments = arguments or { { uri = vim.uri_from_bufnr(bufnr) } } }
  vim.lsp.buf_request(bufnr, 'workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('kro-lsp: ' .. command .. ': ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    vim.cmd('vnew')
    local out = vim.api.nvim_get_current_buf()
    vim.bo[out].buftype = 'nofile'
    vim.bo[out].bufhidden = 'wipe'
    vim.api.nvim_buf_set_lines(out, 0, -1, false, result_lines(result))
    vim.bo[out].filetype = 'yaml'
  end)
end

--- Client-side handlers of the server's commands: a code lens ("Preview", "Generate CRD",
--- "Scaffold instance") then shows its answer in a new buffer, as :KroPreview does.
M.commands = {}
for _, name in ipairs({ 'kro.preview', 'kro.generateCRD', 'kro.scaffoldInstance' }) do
  M.commands[name] = function(command, ctx) M.execute(command.command, ctx.bufnr, command.arguments) end
end

local function define_commands(bufnr)
  vim.api.nvim_buf_create_user_command(bufnr, 'KroPreview', function() M.execute('kro.preview', bufnr) end,
    { desc = 'kro-lsp: preview what the instance renders to' })
  vim.api.nvim_buf_create_user_command(bufnr, 'KroGenerateCRD', function() M.execute('kro.generateCRD', bufnr) end,
    { desc = "kro-lsp: show the RGD's generated CRD" })
end

-- Configurations -----------------------------------------------------------------------

local function merged(user)
  return vim.tbl_deep_extend('force', M.defaults, user or {})
end

--- The `vim.lsp.config` table (Neovim >= 0.11): `root_dir` declines buffers that are not kro's.
function M.lsp_config(user)
  local config = merged(user)
  return {
    cmd = config.cmd,
    filetypes = config.filetypes,
    root_dir = function(bufnr, on_dir)
      if M.is_kro_buffer(bufnr) then on_dir(M.root_of(vim.api.nvim_buf_get_name(bufnr), config.root_markers)) end
    end,
    settings = { kro = config.settings },
    init_options = { kro = config.settings },
    commands = M.commands,
    on_attach = function(_, bufnr) define_commands(bufnr) end,
  }
end

--- Registers `kro_lsp` with nvim-lspconfig's classic framework.
function M.register_lspconfig(user)
  local config = merged(user)
  local configs = require('lspconfig.configs')
  if configs.kro_lsp then return end
  configs.kro_lsp = {
    default_config = {
      cmd = config.cmd,
      filetypes = config.filetypes,
      single_file_support = false,
      root_dir = function(fname, bufnr)
        if bufnr and not M.is_kro_buffer(bufnr) then return nil end
        return M.root_of(fname, config.root_markers)
      end,
      settings = { kro = config.settings },
      init_options = { kro = config.settings },
      commands = M.commands,
      on_attach = function(_, bufnr) define_commands(bufnr) end,
    },
    docs = { description = 'kro-lsp: ResourceGraphDefinitions (kro.run)' },
  }
end

-- Neovim 0.7-0.10: one client per root, started on FileType (and after a write, so a new
-- file becomes kro's once it holds an RGD).
local function start_legacy(config, bufnr)
  if not M.is_kro_buffer(bufnr) then return end
  local root = M.root_of(vim.api.nvim_buf_get_name(bufnr), config.root_markers)
  local spec = {
    name = 'kro_lsp',
    cmd = config.cmd,
    root_dir = root,
    settings = { kro = config.settings },
    init_options = { kro = config.settings },
    commands = M.commands,
    on_attach = function(_, b) define_commands(b) end,
  }
  if vim.lsp.start then  -- 0.8+: reuses a client with the same name and root
    vim.lsp.start(spec, { bufnr = bufnr })
    return
  end
  M._clients = M._clients or {}
  local id = M._clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(spec)
    M._clients[root] = id
  end
  if id and not vim.lsp.buf_is_attached(bufnr, id) then vim.lsp.buf_attach_client(bufnr, id) end
end

--- Starts kro-lsp for kro's buffers: `vim.lsp.config`/`enable` on Neovim >= 0.11, an
--- autocommand on older versions.
function M.setup(user)
  local config = merged(user)
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('kro_lsp', M.lsp_config(user))
    vim.lsp.enable('kro_lsp')
    -- A buffer that becomes kro's after it opened (a new RGD): ask again on write.
    vim.api.nvim_create_autocmd('BufWritePost', {
      group = vim.api.nvim_create_augroup('kro_lsp', { clear = true }),
      callback = function(args)
        local attached = #vim.lsp.get_clients({ bufnr = args.buf, name = 'kro_lsp' }) > 0
        if not attached and vim.tbl_contains(config.filetypes, vim.bo[args.buf].filetype) then
          vim.api.nvim_exec_autocmds('FileType', { buffer = args.buf, modeline = false })
        end
      end,
    })
    return
  end
  local group = vim.api.nvim_create_augroup('kro_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args) start_legacy(config, args.buf) end,
  })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = group,
    callback = function(args)
      if vim.tbl_contains(config.filetypes, vim.bo[args.buf].filetype) then start_legacy(config, args.buf) end
    end,
  })
end

return M
