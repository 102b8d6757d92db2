import Foundation
import JSON
import Testing

/// editors/vscode without npm (unreachable here): the manifest, every file it names, its
/// settings against the ones the server reads, its commands against the client's
/// registrations, and the client's plain-node parts.
@Suite struct VSCodeExtensionTests {
    static let folder = Editors.packageRoot.appendingPathComponent("editors/vscode")

    func manifest() throws -> JSONValue {
        try JSONParser.parse(Array(Data(contentsOf: Self.folder.appendingPathComponent("package.json"))))
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The `kro` settings the server reads: the keys `Configuration.update` looks up.
    static func serverSettings() throws -> Set<String> {
        let source = try String(contentsOf: Editors.packageRoot.appendingPathComponent("Sources/LanguageServer/Configuration.swift"),
                                encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"section\["([A-Za-z]+)"\]"#)
        let matches = pattern.matches(in: source, range: NSRange(source.startIndex..., in: source))
        return Set(matches.compactMap { Range($0.range(at: 1), in: source).map { String(source[$0]) } })
    }

    @Test func manifestNamesFilesThatExist() throws {
        let manifest = try manifest()
        let main = try #require(manifest["main"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(main).path), "main \(main)")
        #expect(manifest["engines"]?["vscode"]?.stringValue != nil)
        #expect(manifest["dependencies"]?["vscode-languageclient"]?.stringValue != nil)
        #expect(manifest["activationEvents"]?.arrayValue?.contains("onLanguage:yaml") == true)
        // Grammars live in ../../grammars; scripts/copy-grammars.js copies them in on install.
        let copier = try text("scripts/copy-grammars.js")
        #expect(copier.contains("'grammars'") && copier.contains("'..', '..', '..'"))
        #expect(manifest["scripts"]?["postinstall"]?.stringValue == "node scripts/copy-grammars.js")
        #expect(manifest["scripts"]?["vscode:prepublish"]?.stringValue == "node scripts/copy-grammars.js")
        let grammars = try #require(manifest["contributes"]?["grammars"]?.arrayValue)
        #expect(grammars.count == 2)
        for grammar in grammars {
            let path = try #require(grammar["path"]?.stringValue)
            #expect(path.hasPrefix("./grammars/"), "\(path)")
            let source = Editors.packageRoot.appendingPathComponent("grammars")
                .appendingPathComponent(String(path.dropFirst("./grammars/".count)))
            let data = try Data(contentsOf: source)
            let parsed = try JSONParser.parse(Array(data))
            // The scope the manifest declares is the grammar's own.
            #expect(parsed["scopeName"] == grammar["scopeName"], "\(path)")
        }
        #expect(grammars.contains { $0["injectTo"] == ["source.yaml"] })
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
        #expect(try text("README.md").contains("npx @vscode/vsce package"))
    }

    @Test func declaredSettingsAreTheServers() throws {
        let properties = try #require(manifest()["contributes"]?["configuration"]?["properties"]?.objectValue)
        let declared = Set(properties.keys.filter { $0.hasPrefix("kro.") })
        // The client's own settings: where the binary is, and tracing.
        let clientOnly: Set<String> = ["kro.server.path", "kro.trace.server"]
        #expect(clientOnly.isSubset(of: declared))
        let server = try Self.serverSettings()
        #expect(server.contains("crdPaths"))
        #expect(declared.subtracting(clientOnly) == Set(server.map { "kro." + $0 }),
                "package.json declares \(declared.subtracting(clientOnly).sorted()); the server reads \(server.sorted())")
    }

    @Test func everyCommandIsRegistered() throws {
        let commands = try #require(manifest()["contributes"]?["commands"]?.arrayValue).compactMap { $0["command"]?.stringValue }
        #expect(commands.contains("kro-lsp.preview") && commands.contains("kro-lsp.showGeneratedCRD"))
        let client = try text("extension.js")
        for command in commands {
            #expect(client.contains("registerCommand('\(command)'"), "\(command) is declared but not registered")
        }
        // The server commands they run.
        #expect(client.contains("'kro.preview'") && client.contains("'kro.generateCRD'"))
    }

    @Test(.enabled(if: Editors.find("node") != nil, "node is not installed: apt-get install nodejs (.ci/run does)"))
    func clientRunsUnderNode() throws {
        let node = Editors.find("node")!
        let check = try Editors.runProcess(node, ["--check", "extension.js"], in: Self.folder, timeout: 30)
        #expect(check.status == 0, "\(check.stderr)")
        let tests = try Editors.runProcess(node, ["test/server-path.test.js"], in: Self.folder, timeout: 30)
        #expect(tests.status == 0, "\(tests.stdout)\(tests.stderr)")
        #expect(tests.stdout.contains("server-path: 8 passed, 0 failed"), "\(tests.stdout)")
    }
}
