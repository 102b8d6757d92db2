import Foundation
import Testing

/// A real editor: headless Neovim with editors/neovim drives the built kro-lsp and must
/// show the diagnostic at the right place. Neovim is required (CI's .ci/run installs it);
/// without it this test fails instead of skipping.
@Suite struct NeovimTests {
    static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    static func findNvim() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"])
            .map { "\($0)/nvim" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func neovimShowsTheDiagnosticAtTheRightPosition() throws {
        guard let nvim = Self.findNvim() else {
            Issue.record("nvim is not installed: install it with `apt-get install -y neovim` (.ci/run does this in CI)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-nvim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let duplicateLine = #"    spec: {näme: string, "é😀": string, é😀: integer}"#
        let errorLine = #"    status: {é😀: "${schema.spec.nmae}"}"#
        let rgd = """
            apiVersion: kro.run/v1alpha1
            kind: ResourceGraphDefinition
            metadata:
              name: démo
            spec:
              schema:
                apiVersion: v1alpha1
                kind: Demo
            \(duplicateLine)
            \(errorLine)
              resources: []

            """
        let file = dir.appendingPathComponent("demo.yaml")
        try Data(rgd.utf8).write(to: file)
        let result = dir.appendingPathComponent("diagnostics.txt")
        let plugin = Self.packageRoot.appendingPathComponent("editors/neovim")
        let lua = """
            vim.opt.runtimepath:prepend(\(luaString(plugin.path)))
            vim.cmd('filetype on')
            require('kro_lsp').setup({ cmd = { \(luaString(BinaryLocator.kroLSP.path)) } })
            vim.cmd('edit ' .. vim.fn.fnameescape(\(luaString(file.path))))
            local found = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
            local lines = { found and 'found' or 'timeout' }
            for _, d in ipairs(vim.diagnostic.get(0)) do
              table.insert(lines, string.format('%s %d %d %d %s', tostring(d.code), d.lnum, d.col, d.severity, d.message))
            end
            vim.fn.writefile(lines, \(luaString(result.path)))
            vim.cmd('qa!')
            """
        let initFile = dir.appendingPathComponent("init.lua")
        try Data(lua.utf8).write(to: initFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: nvim)
        process.arguments = ["--headless", "-n", "-i", "NONE", "-u", initFile.path]
        process.currentDirectoryURL = dir
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("nvim did not finish within 60 s")
            return
        }
        let output = (try? String(contentsOf: result, encoding: .utf8)) ?? "no result file"
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "found", "Neovim got no diagnostics: \(output)")
        // Neovim counts columns in bytes; the server sent UTF-16 columns.
        let prefix = String(duplicateLine[..<duplicateLine.range(of: ", é😀")!.lowerBound]) + ", "
        let expected = "KRO019 8 \(prefix.utf8.count) 2"
        #expect(lines.contains { $0.hasPrefix(expected + " ") }, "expected '\(expected) …' in \(output)")
        // The type error (severity 1) on the unknown field, after a multi-byte key.
        let errorPrefix = String(errorLine[..<errorLine.range(of: "nmae")!.lowerBound])
        let expectedError = "KRO406 9 \(errorPrefix.utf8.count) 1"
        #expect(lines.contains { $0.hasPrefix(expectedError + " ") && $0.contains("undefined field 'nmae'") },
                "expected '\(expectedError) …' in \(output)")
    }

    private func luaString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
