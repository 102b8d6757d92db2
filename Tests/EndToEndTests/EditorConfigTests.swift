import Foundation
import Testing

/// Helix and Zed are not packaged for Debian 12, so their files are checked as data: they
/// parse (Python's tomllib) and register kro-lsp for YAML with the server's settings.
@Suite struct EditorConfigTests {
    /// `expression` evaluated by python3 over the TOML file `relative`, loaded as `t`.
    func python(_ relative: String, _ expression: String) throws -> String {
        let python = try #require(Editors.find("python3"))
        let script = "import sys, tomllib, json; t = tomllib.load(open(sys.argv[1], 'rb')); print(json.dumps(\(expression)))"
        let run = try Editors.runProcess(python, ["-c", script, relative], in: Editors.packageRoot, timeout: 30)
        #expect(run.status == 0, "\(relative): \(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func helixAddsKroLSPToYAML() throws {
        let file = "editors/helix/languages.toml"
        #expect(try python(file, "t['language-server']['kro-lsp']['command']") == #""kro-lsp""#)
        #expect(try python(file, "t['language-server']['kro-lsp']['config']['kro']['crdPaths']") == #"["crds/"]"#)
        #expect(try python(file, "[l['language-servers'] for l in t['language'] if l['name'] == 'yaml']")
                == #"[["yaml-language-server", "kro-lsp"]]"#)
    }

    @Test func zedRegistersKroLSPForYAML() throws {
        let file = "editors/zed/extension.toml"
        #expect(try python(file, "t['language_servers']['kro-lsp']['languages']") == #"["YAML"]"#)
        #expect(try python(file, "t['schema_version']") == "1")
        let source = try String(contentsOf: Editors.packageRoot.appendingPathComponent("editors/zed/src/lib.rs"), encoding: .utf8)
        #expect(source.contains(#"LspSettings::for_worktree("kro-lsp""#) && source.contains("register_extension!"))
    }
}
