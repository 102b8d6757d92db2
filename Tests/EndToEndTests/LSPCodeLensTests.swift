import Foundation
import JSON
import Testing

/// Code lenses over real stdio: the "Preview" lens's command, sent back as an editor
/// sends it, renders the RGD's scaffolded instance.
@Suite struct LSPCodeLensTests {
    @Test func thePreviewLensRendersTheRGD() throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: [:])
        client.open(LSPFeatureTests.uri, LSPFeatureTests.text)
        _ = try client.diagnostics(for: LSPFeatureTests.uri)
        let lenses = try client.request("textDocument/codeLens", ["textDocument": ["uri": .string(LSPFeatureTests.uri)]])["result"]?
            .arrayValue ?? []
        let titles = lenses.compactMap { $0["command"]?["title"]?.stringValue }
        #expect(titles.contains("Creation order: deployment → service") && titles.contains("1 dependent: service"), "\(titles)")
        let preview = try #require(lenses.first { $0["command"]?["title"] == "Preview" }?["command"])
        let answer = try client.request("workspace/executeCommand", ["command": preview["command"]!, "arguments": preview["arguments"]!])
        let yaml = answer["result"]?["yaml"]?.stringValue ?? ""
        #expect(yaml.contains("kind: Deployment") && yaml.contains("kind: Service"), "\(answer)")
        #expect(try client.shutdownAndExit() == 0)
    }
}
