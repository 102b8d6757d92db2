import Foundation
import Testing
@testable import kro_lsp

/// `kro-lsp --check` gathers its paths and repeatable options before swift-argument-parser
/// reads the rest (the parser appends each in time proportional to those before it).
@Suite struct GatheredArgumentsTests {
    /// The fields a command line sets, compared between the parser alone and gathering.
    func fields(_ c: KroLSP) -> [String] {
        [c.paths, c.crdPaths, c.severities, c.featureGates].map { $0.joined(separator: "|") }
            + ["\(c.check) \(c.format) \(c.color) \(c.config ?? "-") \(c.maxWarnings ?? -1) \(c.baseline ?? "-") \(c.logLevel ?? "-")"
               + " \(c.noCatalog) \(c.warningsAsErrors) \(c.strictSchemas) \(c.stdio)"]
    }

    @Test func gatheringSetsWhatTheParserAloneSets() throws {
        let commandLines: [[String]] = [
            ["--check", "a.yaml", "b/", "-", "c.yaml"],
            ["--check", "--crd", "x.yaml", "a.yaml", "--crd=y/", "--severity", "KRO905=off", "b.yaml", "--severity=KRO334=error"],
            // A value option's value is not a path, even when it looks like one.
            ["--config", "c.yaml", "--check", "--baseline", "old/", "a.yaml", "--format", "sarif", "--color", "never",
             "--max-warnings", "3", "--log-level", "debug", "b.yaml"],
            ["--check", "--feature-gates", "CELOmitFunction=true", "--no-catalog", "--strict-schemas", "--warnings-as-errors",
             "a.yaml", "--feature-gates=CELOmitFunction=false"],
            // After `--`, everything is a path.
            ["--check", "a.yaml", "--", "--crd", "-b.yaml"],
            ["--check", "--", "-a.yaml"],
            ["--stdio", "--log-level", "info"],
        ]
        for arguments in commandLines {
            let alone = try KroLSP.parseAsRoot(arguments) as! KroLSP
            let gathered = try CommandLineRouting.parse(KroLSP.self, arguments) as! KroLSP
            #expect(fields(gathered) == fields(alone), "\(arguments)")
        }
    }

    @Test func theParserSeesTheFirstValueOfEach() {
        let g = GatheredArguments(["--check", "a", "--crd", "x", "b", "--crd=y", "--format", "json", "c", "--", "--crd"],
                                  valueOptions: KroLSP.valueOptions, gathered: KroLSP.gatheredOptions)
        #expect(g.parserArguments == ["--check", "a", "--crd", "x", "--format", "json", "--"])
        #expect(g.positionals == ["a", "b", "c", "--crd"])
        #expect(g.values == ["--crd": ["x", "y"]])
    }

    @Test func subcommandsGatherTheirRepeatableOptions() throws {
        func render(_ c: RenderCommand) -> String {
            "\(c.rgd) \(c.instance) \(c.output) \(c.externals) \(c.namespace) \(c.crdPaths) \(c.omit)"
        }
        for arguments in [["r.yaml", "--instance", "i.yaml", "--external", "e1", "-o", "json", "--external=e2", "--crd", "c/", "--omit"],
                          ["--crd=a", "--namespace", "ns", "r.yaml", "--crd", "b", "--instance", "-", "--output", "yaml"]] {
            let alone = try RenderCommand.parseAsRoot(arguments) as! RenderCommand
            let gathered = try CommandLineRouting.parse(RenderCommand.self, arguments) as! RenderCommand
            #expect(render(gathered) == render(alone), "\(arguments)")
        }
        let graph = try CommandLineRouting.parse(GraphCommand.self, ["--crd", "a", "f.yaml", "--format", "mermaid", "--crd=b"]) as! GraphCommand
        #expect(graph.crdPaths == ["a", "b"] && graph.file == "f.yaml" && graph.format == .mermaid)
        let crd = try CommandLineRouting.parse(CRDCommand.self, ["--crd", "a", "f.yaml", "--crd", "b"]) as! CRDCommand
        #expect(crd.crdPaths == ["a", "b"] && crd.file == "f.yaml")
        // A command of one file still refuses two: its positionals are not gathered.
        #expect(throws: (any Error).self) { try CommandLineRouting.parse(CRDCommand.self, ["f.yaml", "g.yaml"]) }
    }

    /// Every option a command's help lists with a value is one whose next argument is its
    /// value (by each of its names).
    @Test func valueOptionsAreThoseTheHelpShowsWithAValue() throws {
        let regex = try NSRegularExpression(pattern: #"^\s+(?:(-[a-z]), )?(--[a-z-]+) <"#, options: .anchorsMatchLines)
        func listed(_ help: String) -> Set<String> {
            Set(regex.matches(in: help, range: NSRange(help.startIndex..., in: help)).flatMap { match in
                [1, 2].compactMap { Range(match.range(at: $0), in: help).map { String(help[$0]) } }
            })
        }
        let commands: [any GathersArguments.Type] = [KroLSP.self, CRDCommand.self, GraphCommand.self, RenderCommand.self]
        for command in commands {
            let help = command == KroLSP.self ? KroLSP.helpMessage(columns: 200) : KroLSP.helpMessage(for: command, columns: 200)
            #expect(listed(help) == command.valueOptions, "\(command): \(listed(help).sorted())")
            #expect(command.gatheredOptions.isSubset(of: command.valueOptions))
        }
    }

    /// Values past the first are still validated.
    @Test func aBadValuePastTheFirstIsAUsageError() {
        #expect(throws: (any Error).self) {
            try CommandLineRouting.parse(KroLSP.self, ["--check", "a.yaml", "--severity", "KRO905=off", "--severity", "KRO1=loud"])
        }
    }

    /// `kro-lsp --check $(git ls-files '*.yaml')` in a large repository: 20,000 paths.
    @Test func twentyThousandPathsAreAllChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gathered-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for i in 0..<20_000 {
            let file = dir.appendingPathComponent("f\(i).yaml")
            try "a: \(i)\n".write(to: file, atomically: false, encoding: .utf8)
            paths.append(file.path)
        }
        let result = try CLIProcess.run(["--check"] + paths + ["--crd", dir.path + "/none.yaml", "--crd", dir.path])
        #expect(result.stderr.contains("none.yaml"), "\(result.stderr.prefix(300))")
        let ok = try CLIProcess.run(["--check"] + paths + ["--crd", dir.path])
        #expect(ok.status == 0, "\(ok.stderr.prefix(300))")
        #expect(ok.stderr.hasSuffix("checked 20000 files: 0 errors, 0 warnings, 0 infos\n"), "\(ok.stderr.suffix(300))")
    }
}
