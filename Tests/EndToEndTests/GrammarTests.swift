import Foundation
import Testing

/// The TextMate grammars, tokenized by a real TextMate engine (textmate-grammar-python with
/// Oniguruma; `.ci/run` installs it) against the assertion files in grammars/tests, written
/// in the vscode-tmgrammar-test format. The runner is scripts/tmgrammar-test.py.
@Suite struct GrammarTests {
    static let grammars = ["grammars/cel.tmLanguage.json", "grammars/kro-yaml-injection.tmLanguage.json",
                           "grammars/tests/yaml-host.tmLanguage.json"]

    static var assertionFiles: [String] {
        let dir = Editors.packageRoot.appendingPathComponent("grammars/tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.contains(".test.") }.sorted().map { "grammars/tests/\($0)" }
    }

    func runner(_ arguments: [String]) throws -> Editors.Run {
        let python = try #require(Editors.find("python3"), "python3 is needed for the grammar tests")
        return try Editors.runProcess(python, ["scripts/tmgrammar-test.py"] + arguments,
                                      in: Editors.packageRoot, timeout: 120)
    }

    @Test func everyAssertionHolds() throws {
        let files = Self.assertionFiles
        #expect(files.contains("grammars/tests/rgd.test.yaml") && files.contains("grammars/tests/expressions.test.cel"))
        let run = try runner(Self.grammars.flatMap { ["--grammar", $0] } + files)
        #expect(!run.timedOut)
        #expect(run.status == 0, "grammar assertions failed:\n\(run.stdout)\(run.stderr)")
        // The runner checked something: its summary counts characters.
        #expect(run.stdout.contains("tmgrammar-test: \(files.count) files"), "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains(" 0 characters checked"), "\(run.stdout)")
    }

    /// The runner fails on a wrong scope, so a passing run means the scopes are right.
    @Test func aWrongAssertionFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-grammar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wrong.test.cel")
        try Data("""
            // SYNTAX TEST "source.cel"
            schema.spec
            // <------ variable.other.property.cel

            """.utf8).write(to: file)
        let run = try runner(Self.grammars.flatMap { ["--grammar", $0] } + [file.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("expected variable.other.property.cel; got source.cel variable.language.kro.cel"),
                "\(run.stdout)\(run.stderr)")
    }
}
