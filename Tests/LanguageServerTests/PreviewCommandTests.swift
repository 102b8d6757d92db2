import JSON
import KroTestSupport
import Testing

/// `workspace/executeCommand` kro.preview / kro.generateCRD / kro.scaffoldInstance over
/// the in-process client.
@Suite struct PreviewCommandTests {
    static let rgd = RenderFixtures.demo()

    @Test func commandsAreAdvertisedAndAnswerWithYAML() async throws {
        let client = InProcessLSPClient()
        let initialized = try await client.initialize()
        #expect(initialized["capabilities"]?["executeCommandProvider"]?["commands"]
                == ["kro.preview", "kro.generateCRD", "kro.scaffoldInstance"])
        try await client.open("file:///rgd.yaml", Self.rgd)

        let crd = try await client.result("workspace/executeCommand", ["command": "kro.generateCRD", "arguments": [["uri": "file:///rgd.yaml"]]])
        #expect(crd["yaml"]?.stringValue?.contains("name: demoes.kro.run") == true)

        let scaffold = try await client.result("workspace/executeCommand", ["command": "kro.scaffoldInstance", "arguments": ["file:///rgd.yaml"]])
        #expect(scaffold["yaml"]?.stringValue?.contains("  name: example") == true)

        // Without an instance the preview renders the scaffold.
        let preview = try await client.result("workspace/executeCommand", ["command": "kro.preview", "arguments": [["uri": "file:///rgd.yaml"]]])
        #expect(preview["yaml"]?.stringValue?.contains("# resource config (ConfigMap default/example)") == true, "\(preview)")

        // An instance given as text; and an open instance document finds its RGD.
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: a\nspec:\n  name: web\n"
        let withText = try await client.result("workspace/executeCommand", ["command": "kro.preview", "arguments": [["uri": "file:///rgd.yaml", "instanceText": .string(instance)]]])
        #expect(withText["result"]?["resources"]?.arrayValue?.first?["object"]?["metadata"]?["name"] == "web")
        try await client.open("file:///instance.yaml", instance)
        let fromInstance = try await client.result("workspace/executeCommand", ["command": "kro.preview", "arguments": [["uri": "file:///instance.yaml"]]])
        #expect(fromInstance["result"]?["resources"]?.arrayValue?.first?["object"]?["metadata"]?["name"] == "web")
    }

    @Test func anInvalidInstanceAnswersItsFieldErrors() async throws {
        let client = InProcessLSPClient()
        _ = try await client.initialize()
        try await client.open("file:///rgd.yaml", Self.rgd)
        let answer = try await client.result("workspace/executeCommand", ["command": "kro.preview", "arguments": [[
            "uri": "file:///rgd.yaml", "instanceText": "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: a\nspec: {}\n",
        ]]])
        #expect(answer["problems"] == ["KRO601: spec.name: Required value"])
    }
}

/// Instance files open beside their RGD get the API server's field errors.
@Suite struct InstanceDiagnosticsTests {
    @Test func anOpenInstanceIsAdmittedAgainstTheOpenRGD() async throws {
        let client = InProcessLSPClient()
        _ = try await client.initialize()
        try await client.open("file:///rgd.yaml", PreviewCommandTests.rgd)
        try await client.open("file:///instance.yaml", "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: a\nspec: {}\n")
        var messages: [String] = []
        for _ in 0..<20 {
            let report = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": "file:///instance.yaml"]])
            messages = report["items"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
            if !messages.isEmpty { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(messages == ["spec.name: Required value"])
    }
}

/// An instance file's quick fixes include its admission findings' fixes.
@Suite struct InstanceQuickFixTests {
    @Test func aMissingRequiredFieldIsAddedByAQuickFix() async throws {
        let client = InProcessLSPClient()
        _ = try await client.initialize()
        try await client.open("file:///rgd.yaml", PreviewCommandTests.rgd)
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: ä\nspec: {}\n"
        try await client.open("file:///instance.yaml", instance)
        let range: JSONValue = ["start": ["line": 4, "character": 0], "end": ["line": 4, "character": 0]]
        var fix: JSONValue?
        for _ in 0..<40 {  // until the instance has been re-checked against the RGD's CRD
            let actions = try await client.result("textDocument/codeAction", [
                "textDocument": ["uri": "file:///instance.yaml"], "range": range, "context": ["diagnostics": []],
            ])
            fix = actions.arrayValue?.first { $0["title"] == "Add required field name" }
            if fix != nil { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(fix?["edit"]?["changes"]?["file:///instance.yaml"] == [[
            "range": ["start": ["line": 4, "character": 7], "end": ["line": 4, "character": 7]], "newText": "name: example",
        ]])
        #expect(fix?["diagnostics"]?.arrayValue?.first?["message"] == "spec.name: Required value")
    }
}

/// Completion and hover in an instance file open beside its RGD.
@Suite struct InstanceFieldRequestTests {
    @Test func anOpenInstanceCompletesAndDescribesItsSpecFields() async throws {
        let client = InProcessLSPClient()
        _ = try await client.initialize()
        try await client.open("file:///rgd.yaml", PreviewCommandTests.rgd)
        let instance = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: ☕\nspec:\n  «na1️⃣me»: x\n")
        try await client.open("file:///instance.yaml", instance.text)
        var hover = JSONValue.null
        for _ in 0..<40 {  // until the server knows the RGD's kind
            hover = try await client.result("textDocument/hover", InProcessLSPClient.positionParams("file:///instance.yaml", instance.text, instance.offsets[1]!))
            if hover != .null { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(hover["contents"]?["value"]?.stringValue?.hasPrefix("**spec.name: `string`**") == true, "\(hover)")
        #expect(hover["range"] == lspRange(instance.text, instance.ranges[0]))
        let empty = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: ☕\nspec:\n  1️⃣\n")
        try await client.open("file:///empty.yaml", empty.text)
        let completion = try await client.result("textDocument/completion", InProcessLSPClient.positionParams("file:///empty.yaml", empty.text, empty.offsets[1]!))
        #expect(completion["items"]?.arrayValue?.map { $0["label"] } == ["name"])
        #expect(completion["items"]?.arrayValue?.first?["detail"] == "string (required)")
    }
}
