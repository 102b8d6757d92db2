vim9script
# kro-lsp for Vim 9, through Vim's own LSP channel (job_start with in_mode/out_mode 'lsp'):
# no other plugin needed. It attaches only to kro's YAML buffers (an RGD, an instance in
# kro's default group, a `# kro-lsp` first line, or a *.rgd.yaml name), syncs them in full,
# and shows the server's diagnostics as signs, underlines and the location list.
#
#   set runtimepath+=/path/to/kro-lsp/editors/vim
#   g:kro_lsp_cmd = ['/path/to/kro-lsp']            (default: kro-lsp on PATH)
#   g:kro_lsp_settings = {crdPaths: ['crds/']}       (the server's `kro` settings)
#
# :KroPreview and :KroGenerateCRD run the server's kro.preview / kro.generateCRD commands
# and show the answer in a new buffer. b:kro_lsp_diagnostics holds the latest diagnostics.

if exists('g:loaded_kro_lsp') || !has('channel') || !has('job')
  finish
endif
g:loaded_kro_lsp = 1

# root -> {job, ch, ready, pending (buffers waiting for initialize), uris: uri -> buffer}
var servers: dict<dict<any>> = {}

const severities = {1: 'Error', 2: 'Warning', 3: 'Info', 4: 'Hint'}
for [level, name] in items(severities)
  const group = level == '1' ? 'SpellBad' : level == '2' ? 'SpellCap' : 'SpellRare'
  if empty(prop_type_get('KroLsp' .. name))
    prop_type_add('KroLsp' .. name, {highlight: group})
  endif
  sign_define('KroLsp' .. name, {text: name[0] .. '>', texthl: level == '1' ? 'ErrorMsg' : 'WarningMsg'})
endfor

# Detection -----------------------------------------------------------------------------

def TopLevelValue(line: string): string
  var value = line->substitute('^[A-Za-z]\+:\s*', '', '')->substitute('\s*#.*$', '', '')->trim()
  if value =~# '^".*"$' || value =~# "^'.*'$"
    value = value[1 : -2]
  endif
  return value
enddef

export def IsKroBuffer(buf: number): bool
  const lines = getbufline(buf, 1, '$')
  const first = get(lines, 0, '')->substitute('^\%ufeff', '', '')
  if first =~# '^# kro-lsp\%([ \t]\|$\)' || bufname(buf) =~# '\.rgd\.ya\?ml$'
    return true
  endif
  var api = ''
  var kind = ''
  for line in lines
    if line =~# '^---'
      api = ''
      kind = ''
    elseif line =~# '^apiVersion:'
      api = TopLevelValue(line)
    elseif line =~# '^kind:'
      kind = TopLevelValue(line)
    endif
    # An RGD, or an instance of one in kro's default group.
    if api =~# '^kro\.run/' && kind != ''
      return true
    endif
  endfor
  return false
enddef

def RootOf(path: string): string
  const dir = fnamemodify(path, ':p:h')
  for marker in ['.kro-lsp.yaml', '.git']
    const folder = finddir(marker, dir .. ';')
    if folder != ''
      return fnamemodify(folder, ':p:h:h')
    endif
    const file = findfile(marker, dir .. ';')
    if file != ''
      return fnamemodify(file, ':p:h')
    endif
  endfor
  return dir
enddef

def Uri(path: string): string
  return 'file://' .. fnamemodify(path, ':p')->substitute('[ #%?]', (m) => printf('%%%02X', char2nr(m[0])), 'g')
enddef

# The server ------------------------------------------------------------------------------

# A notification, or a response to the server.
def Send(server: dict<any>, message: dict<any>)
  if ch_status(server.ch) == 'open'
    ch_sendexpr(server.ch, message)
  endif
enddef

# A request; Callback receives the response.
def Request(server: dict<any>, message: dict<any>, Callback: func)
  if ch_status(server.ch) == 'open'
    ch_sendexpr(server.ch, message, {callback: Callback})
  endif
enddef

def ServerFor(root: string): dict<any>
  if has_key(servers, root) && job_status(servers[root].job) == 'run'
    return servers[root]
  endif
  var server: dict<any> = {root: root, ready: false, pending: [], uris: {}}
  const cmd = get(g:, 'kro_lsp_cmd', ['kro-lsp'])
  if !executable(cmd[0])
    echohl ErrorMsg | echomsg 'kro-lsp: cannot run ' .. cmd[0] .. ' (set g:kro_lsp_cmd)' | echohl None
    return {}
  endif
  server.job = job_start(cmd, {
    in_mode: 'lsp', out_mode: 'lsp', err_mode: 'nl', cwd: root,
    out_cb: (_, message) => OnMessage(server, message),
    err_cb: (_, _) => 0,
  })
  server.ch = job_getchannel(server.job)
  servers[root] = server
  const settings = get(g:, 'kro_lsp_settings', {})
  # UTF-8 positions are Vim's byte columns; no server requests are invited (no
  # workspace/configuration, no dynamic registration): settings travel in the options.
  Request(server, {method: 'initialize', params: {
    processId: getpid(), rootUri: Uri(root), initializationOptions: {kro: settings},
    capabilities: {general: {positionEncodings: ['utf-8']},
                   textDocument: {publishDiagnostics: {relatedInformation: true}}}}},
    (_, response) => OnInitialized(server, response))
  return server
enddef

def OnInitialized(server: dict<any>, response: dict<any>)
  server.ready = true
  server.encoding = get(get(get(response, 'result', {}), 'capabilities', {}), 'positionEncoding', 'utf-16')
  Send(server, {method: 'initialized', params: {}})
  Send(server, {method: 'workspace/didChangeConfiguration', params: {settings: {kro: get(g:, 'kro_lsp_settings', {})}}})
  for buf in server.pending
    DidOpen(server, buf)
  endfor
  server.pending = []
enddef

def OnMessage(server: dict<any>, message: dict<any>)
  if has_key(message, 'id') && has_key(message, 'method')
    # A request we did not invite: answer so the server does not wait.
    Send(server, {id: message.id, result: v:null})
  elseif get(message, 'method', '') == 'textDocument/publishDiagnostics'
    const buf = get(server.uris, message.params.uri, -1)
    if buf > 0 && bufexists(buf)
      ShowDiagnostics(buf, message.params.diagnostics)
    endif
  endif
enddef

# Documents -------------------------------------------------------------------------------

def Text(buf: number): string
  return join(getbufline(buf, 1, '$'), "\n") .. "\n"
enddef

def DidOpen(server: dict<any>, buf: number)
  const uri = Uri(bufname(buf))
  server.uris[uri] = buf
  setbufvar(buf, 'kro_lsp_version', 1)
  Send(server, {method: 'textDocument/didOpen', params: {textDocument: {
    uri: uri, languageId: 'yaml', version: 1, text: Text(buf)}}})
enddef

def DidChange(buf: number)
  const server = get(servers, getbufvar(buf, 'kro_lsp_root', ''), {})
  if empty(server) || !server.ready
    return
  endif
  const version = getbufvar(buf, 'kro_lsp_version', 1) + 1
  setbufvar(buf, 'kro_lsp_version', version)
  Send(server, {method: 'textDocument/didChange', params: {
    textDocument: {uri: Uri(bufname(buf)), version: version}, contentChanges: [{text: Text(buf)}]}})
enddef

def DidClose(buf: number)
  var server = get(servers, getbufvar(buf, 'kro_lsp_root', ''), {})
  if !empty(server) && server.ready
    const uri = Uri(bufname(buf))
    Send(server, {method: 'textDocument/didClose', params: {textDocument: {uri: uri}}})
    remove(server.uris, uri)
  endif
enddef

export def Attach(buf: number)
  if getbufvar(buf, 'kro_lsp_root', '') != '' || bufname(buf) == '' || !IsKroBuffer(buf)
    return
  endif
  const root = RootOf(bufname(buf))
  const server = ServerFor(root)
  if empty(server)
    return
  endif
  setbufvar(buf, 'kro_lsp_root', root)
  if server.ready
    DidOpen(server, buf)
  else
    add(server.pending, buf)
  endif
  execute $'autocmd! KroLsp TextChanged,TextChangedI <buffer={buf}> DidChange({buf})'
  execute $'autocmd! KroLsp BufUnload <buffer={buf}> DidClose({buf})'
  command! -buffer KroPreview Execute('kro.preview', '[kro preview]')
  command! -buffer KroGenerateCRD Execute('kro.generateCRD', '[kro CRD]')
enddef

# Diagnostics ------------------------------------------------------------------------------

# A diagnostic's LSP position as Vim's (line, byte column), both 1-based.
def VimPosition(buf: number, position: dict<any>, encoding: string): list<number>
  const lnum = position.line + 1
  const line = get(getbufline(buf, lnum), 0, '')
  if encoding == 'utf-8'
    return [lnum, min([position.character, len(line)]) + 1]
  endif
  # UTF-16 units: walk the line's characters (two units above U+FFFF).
  var units = 0
  var bytes = 0
  for char in split(line, '\zs')
    if units >= position.character
      break
    endif
    units += char2nr(char) > 0xFFFF ? 2 : 1
    bytes += len(char)
  endfor
  return [lnum, bytes + 1]
enddef

def ShowDiagnostics(buf: number, diagnostics: list<any>)
  const server = get(servers, getbufvar(buf, 'kro_lsp_root', ''), {})
  const encoding = get(server, 'encoding', 'utf-16')
  var shown: list<dict<any>> = []
  sign_unplace('KroLsp', {buffer: buf})
  for name in values(severities)
    prop_remove({type: 'KroLsp' .. name, bufnr: buf, all: true})
  endfor
  for d in diagnostics
    const [lnum, col] = VimPosition(buf, d.range.start, encoding)
    const [end_lnum, end_col] = VimPosition(buf, d.range.end, encoding)
    const kind = get(severities, string(get(d, 'severity', 1)), 'Error')
    add(shown, {bufnr: buf, lnum: lnum, col: col, end_lnum: end_lnum, end_col: end_col,
                code: get(d, 'code', ''), severity: get(d, 'severity', 1),
                text: $'[{get(d, 'code', '')}] {d.message}', type: kind[0]})
    sign_place(0, 'KroLsp', 'KroLsp' .. kind, buf, {lnum: lnum})
    try
      prop_add(lnum, col, {type: 'KroLsp' .. kind, bufnr: buf, end_lnum: end_lnum, end_col: max([end_col, col + 1])})
    catch
      # A range past the end of a line that changed meanwhile: the sign still shows it.
    endtry
  endfor
  setbufvar(buf, 'kro_lsp_diagnostics', shown)
  for win in win_findbuf(buf)
    setloclist(win, shown, 'r')
  endfor
enddef

# Commands ---------------------------------------------------------------------------------

def ShowResult(title: string, response: dict<any>)
  var lines: list<string>
  if has_key(response, 'error')
    lines = ['# ' .. get(response.error, 'message', 'error')]
  else
    const result = get(response, 'result', v:null)
    if type(result) == v:t_string
      lines = split(result, "\n", true)
    elseif type(result) == v:t_dict && has_key(result, 'yaml')
      lines = split(result.yaml, "\n", true) + map(copy(get(result, 'pending', [])), (_, p) => '# pending: ' .. string(p))
    else
      lines = split(json_encode(result), "\n")
    endif
  endif
  execute 'vnew ' .. fnameescape(title)
  setlocal buftype=nofile bufhidden=wipe noswapfile filetype=yaml
  setline(1, lines)
enddef

def Execute(command: string, title: string)
  const buf = bufnr()
  const server = get(servers, getbufvar(buf, 'kro_lsp_root', ''), {})
  if empty(server)
    return
  endif
  Request(server, {method: 'workspace/executeCommand', params: {command: command, arguments: [{uri: Uri(bufname(buf))}]}},
       (_, response) => ShowResult(title, response))
enddef

augroup KroLsp
  autocmd!
  autocmd FileType yaml Attach(str2nr(expand('<abuf>')))
  # A new file becomes kro's once it holds an RGD.
  autocmd BufWritePost *.yaml,*.yml Attach(str2nr(expand('<abuf>')))
augroup END
