import Foundation
import Testing

/// Vim 9 with editors/vim (Vim's own LSP channel, no other plugin) drives the built
/// kro-lsp: diagnostics at the right byte columns, an edit re-published, and no server for a
/// plain manifest. A missing vim is a visible skip (`.ci/run` installs it).
@Suite struct VimTests {
    static let vim9: String? = {
        guard let vim = Editors.find("vim"),
              let run = try? Editors.runProcess(vim, ["--version"], timeout: 20),
              run.stdout.hasPrefix("VIM - Vi IMproved 9") else { return nil }
        return vim
    }()

    @Test(.enabled(if: vim9 != nil, "Vim 9 is not installed: apt-get install vim (.ci/run does)"),
          .timeLimit(.minutes(2)))
    func vimShowsDiagnosticsOnlyForKroFiles() throws {
        let dir = try Editors.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = dir.appendingPathComponent("result.txt")
        let plugin = Editors.packageRoot.appendingPathComponent("editors/vim")
        let script = """
            set nocompatible hidden
            filetype on
            execute 'set runtimepath^=' .. fnameescape(\(Editors.quoted(plugin.path)))
            runtime plugin/kro_lsp.vim
            let g:kro_lsp_cmd = [\(Editors.quoted(BinaryLocator.kroLSP.path))]
            let s:out = []
            function s:Wait(condition)
              let start = reltime()
              while !eval(a:condition) && reltimefloat(reltime(start)) < 40
                sleep 50m
              endwhile
            endfunction
            try
              edit demo.yaml
              call s:Wait('!empty(get(b:, "kro_lsp_diagnostics", []))')
              call add(s:out, 'attached ' .. (get(b:, 'kro_lsp_root', '') != ''))
              call add(s:out, 'commands ' .. exists(':KroPreview') .. ' ' .. exists(':KroGenerateCRD'))
              for d in get(b:, 'kro_lsp_diagnostics', [])
                call add(s:out, printf('diag %s %d %d %d %s', d.code, d.lnum - 1, d.col - 1, d.severity, d.text))
              endfor
              " Fix the misspelt field: the server re-publishes without the error.
              call setline(10, substitute(getline(10), '[$]{schema.spec.nmae}', 'fixed', ''))
              doautocmd <nomodeline> TextChanged
              call s:Wait('empty(filter(copy(get(b:, "kro_lsp_diagnostics", [])), "v:val.code ==# ''KRO406''"))')
              call add(s:out, 'after-edit ' .. join(map(copy(get(b:, 'kro_lsp_diagnostics', [])), 'v:val.code'), ','))
              edit deployment.yaml
              sleep 500m
              call add(s:out, 'manifest-attached ' .. (get(b:, 'kro_lsp_root', '') != ''))
            catch
              call add(s:out, 'error ' .. v:exception .. ' ' .. v:throwpoint)
            endtry
            call writefile(s:out, \(Editors.quoted(result.path)))
            qa!
            """
        let scriptFile = dir.appendingPathComponent("test.vim")
        try Data(script.utf8).write(to: scriptFile)
        let run = try Editors.runProcess(Self.vim9!, ["-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S", scriptFile.path],
                                         in: dir, timeout: 60)
        let report = Editors.report(of: run, at: result, editor: "vim")
        let (lines, output) = report
        #expect(lines.contains("attached 1"), "\(output)")
        #expect(lines.contains("commands 2 2"), "\(output)")
        // Vim counts bytes; the plugin negotiated UTF-8 positions.
        Editors.expectRGDDiagnostics(report, column: { $0.utf8.count })
        #expect(lines.contains { $0.hasPrefix("after-edit ") && $0.contains("KRO019") && !$0.contains("KRO406") },
                "the edit was not re-analysed: \(output)")
        #expect(lines.contains("manifest-attached 0"), "kro-lsp attached to a plain manifest: \(output)")
    }
}
