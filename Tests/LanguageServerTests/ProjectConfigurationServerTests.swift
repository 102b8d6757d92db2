import Foundation
import JSON
import KroTestSupport
import Testing
import YAMLSyntax

/// The server analyses each document with the nearest `.kro-lsp.yaml` (as `--check`
/// does), again when that file changes, and reports a malformed one without failing.
@Suite struct ProjectConfigurationServerTests {
    /// An RGD whose only resource is a cert-manager Issuer: typed by the CRD catalog, and
    /// a KRO905 "no schema" without it. The data value calls omit() (feature gate KRO314).
    static let rgd = RGDFixture.head(name: "issuers", kind: "Issuers", schema: "spec:\n  name: string") + """
          resources:
            - id: issuer
              template:
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: ${schema.spec.name}
                  annotations:
                    note: '${schema.spec.name == "" ? omit() : schema.spec.name}'
                spec:
                  selfSigned: {}

        """

    /// A folder holding `files` (relative path → text), removed by the caller.
    func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-lsp-config-\(UUID().uuidString)")
        for (path, text) in files { try write(text, to: dir.appendingPathComponent(path)) }
        return dir
    }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// `(code, LSP severity)` of each diagnostic, sorted.
    func findings(_ published: JSONValue) -> [String] {
        (published["diagnostics"]?.arrayValue ?? []).map {
            "\($0["code"]?.stringValue ?? "?")/\($0["severity"]?.jsonText ?? "")"
        }.sorted()
    }

    @Test func theNearestConfigurationGovernsAndAChangeReanalyses() async throws {
        let dir = try folder([".kro-lsp.yaml": "catalog: false\n", "team/rgds/issuers.yaml": Self.rgd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent(".kro-lsp.yaml")
        let uri = dir.appendingPathComponent("team/rgds/issuers.yaml").absoluteString
        let client = InProcessLSPClient()
        try await client.initialize(capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let registration = try await client.wait(for: "registerCapability") { $0["method"] == "client/registerCapability" }
        let globs = registration["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]?.arrayValue?
            .compactMap { $0["globPattern"]?.stringValue } ?? []
        #expect(globs.contains("**/.kro-lsp.yaml"), "\(globs)")

        // catalog: false in a parent folder: the Issuer has no schema (information, 3).
        // omit() without its gate is KRO314.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(Self.rgd)]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO314/1", "KRO905/3"])

        // Strict schemas with the catalog on: the catalog knows the Issuer, nothing fires.
        // The feature gate from the file enables omit().
        try write("strictSchemas: true\nfeatureGates: {CELOmitFunction: true}\n", to: config)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(config.absoluteString), "type": 2]]])
        #expect(findings(try await client.diagnostics(for: uri)) == [])

        // Strict schemas without the catalog: a kind no source knows is an error.
        try write("strictSchemas: true\ncatalog: false\nseverity: {KRO314: warning}\n", to: config)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(config.absoluteString), "type": 2]]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO314/2", "KRO905/1"])

        // The file removed: the editor's settings (catalog on, no gate) apply again.
        try FileManager.default.removeItem(at: config)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(config.absoluteString), "type": 3]]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO314/1"])
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func theFileWinsOverTheEditorSettingsAndSavingItReanalyses() async throws {
        let dir = try folder(["issuers.yaml": Self.rgd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let uri = dir.appendingPathComponent("issuers.yaml").absoluteString
        let config = dir.appendingPathComponent(".kro-lsp.yaml")
        let client = InProcessLSPClient()
        // No file watching: saving the file in the editor is what tells the server.
        try await client.initialize(options: ["kro": ["catalog": false, "omitFunction": true]])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(Self.rgd)]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO905/3"])

        try write("catalog: true\nfeatureGates: {CELOmitFunction: false}\n", to: config)
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(config.absoluteString)]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO314/1"])
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func aMalformedConfigurationIsShownAndTheRestApplies() async throws {
        let text = "catalog: false\nseverity: {KRO905: loud}\nstrictSchemas: yes please\nunknown: 1\n"
        let dir = try folder([".kro-lsp.yaml": text, "issuers.yaml": Self.rgd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let uri = dir.appendingPathComponent("issuers.yaml").absoluteString
        let configURI = dir.appendingPathComponent(".kro-lsp.yaml").absoluteString
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(Self.rgd)]])
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO314/1", "KRO905/3"])
        let message = try await client.wait(for: "showMessage") { $0["method"] == "window/showMessage" }
        #expect(message["params"]?["type"] == 1)
        let shown = message["params"]?["message"]?.stringValue ?? ""
        #expect(shown.contains(".kro-lsp.yaml:2:20: severity.KRO905: expected error, warning, info or off")
            && shown.contains("(and 2 more)"), "\(shown)")

        // Opened in the editor, the file shows its own mistakes where they are.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(configURI), "languageId": "yaml",
                                                                "version": 1, "text": .string(text)]])
        let own = (try await client.diagnostics(for: configURI))["diagnostics"]?.arrayValue ?? []
        func range(of needle: String) -> JSONValue {
            let offset = text.range(of: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1
            return lspRange(text, TextRange(start: offset, end: offset + needle.utf8.count))
        }
        #expect(own.map { $0["code"] } == ["KRO920", "KRO920", "KRO920"])
        #expect(own.map { $0["range"] ?? .null } == [range(of: "loud"), range(of: "yes please"), range(of: "unknown")])

        // A file that is not YAML: shown on the file, and the document is still analysed.
        client.change(configURI, version: 2, [["text": "severity: [\n"]])
        let broken = (try await client.diagnostics(for: configURI))["diagnostics"]?.arrayValue ?? []
        #expect(broken.map { $0["code"] } == ["KRO920"])
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func theFilesCRDGlobTypesResourcesAndAChangedCRDReanalyses() async throws {
        let rgd = ConfigurationFixtures.widgets(spec: "size: 3\ncolor: blue")
        let dir = try folder([".kro-lsp.yaml": "crds: [\"crds/*.yaml\"]\n", "crds/widget.yaml": ConfigurationFixtures.widgetCRD(withColor: false),
                              "rgds/widgets.yaml": rgd])
        defer { try? FileManager.default.removeItem(at: dir) }
        let uri = dir.appendingPathComponent("rgds/widgets.yaml").absoluteString
        let crd = dir.appendingPathComponent("crds/widget.yaml")
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(rgd)]])
        // Typed from the file's CRD: `color` is unknown to it.
        #expect(findings(try await client.diagnostics(for: uri)) == ["KRO304/1"])

        try write(ConfigurationFixtures.widgetCRD(withColor: true), to: crd)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(crd.absoluteString), "type": 2]]])
        let after = try await client.diagnostics(for: uri)
        #expect(findings(after) == [], "\(after)")
        #expect(try await client.result("shutdown") == .null)
    }
}
