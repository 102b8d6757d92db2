import Foundation
import Testing

/// `--version`, `--help`, `help COMMAND` and usage errors (exit 2 with a one-line hint).
@Suite struct CommandLineTests {
    @Test func versionIsPrinted() throws {
        let result = try CLIProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test func helpListsEveryCommandWithAnExample() throws {
        let result = try CLIProcess.run(["--help"])
        #expect(result.status == 0)
        for example in ["kro-lsp --check rgds/", "kro-lsp crd rgds/web-app.yaml", "kro-lsp graph rgds/web-app.yaml",
                        "kro-lsp render rgds/web-app.yaml --instance", "kro-lsp instance rgds/web-app.yaml", "kro-lsp help crd"] {
            #expect(result.stdout.contains(example), "\(example)")
        }
    }

    @Test func helpForACommand() throws {
        for command in ["crd", "graph", "render", "instance"] {
            let result = try CLIProcess.run(["help", command])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: kro-lsp \(command)"), "\(result.stdout)")
        }
        let unknown = try CLIProcess.run(["help", "render-everything"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "kro-lsp: unknown command 'render-everything'\nhint: commands: crd, graph, render, instance\n")
    }

    @Test func usageErrorsExit2WithAHint() throws {
        for arguments in [["crd"], ["graph", "--format", "png", "x.yaml"], ["--check"], ["--check", "--format", "xml", "-"],
                          ["--check", "--color", "sometimes", "-"], ["stray.yaml"]] {
            let result = try CLIProcess.run(arguments, stdin: "")
            #expect(result.status == 2, "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 2 && lines[1].hasPrefix("hint: run 'kro-lsp help"), "\(arguments): \(result.stderr)")
        }
    }
}
