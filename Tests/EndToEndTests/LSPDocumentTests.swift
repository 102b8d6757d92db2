import Foundation
import JSON
import Testing

/// Document sync, positions and diagnostics over real pipes.
@Suite struct LSPDocumentTests {
    /// The LSP position of the first occurrence of `marker` in `text`, counted in UTF-16
    /// or UTF-8 units (lines end at CRLF or LF).
    func position(of marker: String, in text: String, utf8: Bool) -> (line: Int, character: Int) {
        let prefix = String(text[..<text.range(of: marker)!.lowerBound])
        // Scalars, not Characters: "\r\n" is one Character.
        let lines = prefix.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.last.map { String(String.UnicodeScalarView($0)) } ?? ""
        return (lines.count - 1, utf8 ? last.utf8.count : last.utf16.count)
    }

    func start(of diagnostic: JSONValue?) -> (line: Int, character: Int)? {
        guard case .int(let line)? = diagnostic?["range"]?["start"]?["line"],
              case .int(let character)? = diagnostic?["range"]?["start"]?["character"] else { return nil }
        return (Int(line), Int(character))
    }

    /// A duplicate key after non-ASCII text on a CRLF line: the warning and its related
    /// location land on the right columns in both encodings.
    @Test(arguments: [false, true])
    func positionsWithNonASCIIAndCRLF(utf8: Bool) throws {
        let client = try LSPTestClient()
        let capabilities: JSONValue = utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:]
        try client.initialize(capabilities: capabilities)
        let text = "# kro-lsp\r\nkind: Ünïcode\r\nmap: {é😀: 1, \"é😀\": 2}\r\n"
        let uri = "file:///positions.yaml"
        client.open(uri, text)
        let published = try client.diagnostics(for: uri)
        #expect(published["version"] == 1)
        let diagnostic = published["diagnostics"]?.arrayValue?.first
        #expect(diagnostic?["code"] == "KRO019")
        #expect(diagnostic?["severity"] == 2)
        #expect(diagnostic?["codeDescription"]?["href"]?.stringValue?.hasSuffix("diagnostics.md#kro019") == true)
        let expected = position(of: "\"é😀\"", in: text, utf8: utf8)
        #expect(start(of: diagnostic)?.line == expected.line)
        #expect(start(of: diagnostic)?.character == expected.character)
        let related = diagnostic?["relatedInformation"]?.arrayValue?.first
        #expect(related?["location"]?["uri"]?.stringValue == uri)
        let first = position(of: "é😀", in: text, utf8: utf8)
        #expect(start(of: related?["location"])?.line == first.line)
        #expect(start(of: related?["location"])?.character == first.character)
        #expect(try client.shutdownAndExit() == 0)
    }

    /// Incremental edits in the negotiated encoding, across surrogate pairs and CRLF.
    @Test(arguments: [false, true])
    func incrementalEditsAfterSurrogatePairs(utf8: Bool) throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-16", "utf-8"]]] : [:])
        let uri = "file:///edits.yaml"
        let text = "# kro-lsp\r\na: 1\r\nmap: {😀é: 1, 😀éX: 2}\r\n"
        client.open(uri, text)
        #expect(try client.diagnostics(for: uri)["diagnostics"] == [])
        // Delete the X: the two keys become duplicates.
        let x = position(of: "X", in: text, utf8: utf8)
        client.change(uri, version: 2, [["range": lspRange(x.line, x.character, x.line, x.character + 1), "text": ""]])
        let broken = try client.diagnostics(for: uri)
        #expect(broken["version"] == 2)
        let after = text.replacingOccurrences(of: "X", with: "")
        let second = after.range(of: "😀é", range: after.range(of: ", ")!.upperBound..<after.endIndex)!
        let expected = position(of: String(after[second.lowerBound...]), in: after, utf8: utf8)
        let diagnostic = broken["diagnostics"]?.arrayValue?.first
        #expect(diagnostic?["code"] == "KRO019")
        #expect(start(of: diagnostic)?.line == expected.line)
        #expect(start(of: diagnostic)?.character == expected.character)
        // Insert a Z after the second 😀 (inside the key, after a surrogate pair): unique again.
        let z = (expected.line, expected.character + (utf8 ? 4 : 2))
        client.change(uri, version: 3, [["range": lspRange(z.0, z.1, z.0, z.1), "text": "Z"]])
        #expect(try client.diagnostics(for: uri)["diagnostics"] == [])
        #expect(try client.shutdownAndExit() == 0)
    }

    /// Breaks a file with a sequence of edits and fixes it: diagnostics appear, move and
    /// clear, and every publish carries the version it describes.
    @Test func editsBreakThenFixAFile() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let uri = "file:///break.yaml"
        // The modeline makes the ConfigMap kro's (the server is silent on other YAML).
        client.open(uri, "# kro-lsp\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n", version: 10)
        var published = try client.diagnostics(for: uri)
        #expect(published["version"] == 10)
        #expect(published["diagnostics"] == [])
        // Open a flow sequence that never closes.
        client.change(uri, version: 11, [["range": lspRange(4, 5, 4, 6), "text": "[b"]])
        published = try client.diagnostics(for: uri)
        #expect(published["version"] == 11)
        #expect(published["diagnostics"]?.arrayValue?.first?["code"] == "KRO001")
        #expect(published["diagnostics"]?.arrayValue?.first?["severity"] == 1)
        // Two edits in one change: add a line under the modeline, then close the sequence.
        client.change(uri, version: 12, [["range": lspRange(1, 0, 1, 0), "text": "# header\n"],
                                         ["range": lspRange(5, 7, 5, 7), "text": "]"]])
        published = try client.diagnostics(for: uri)
        #expect(published["version"] == 12)
        #expect(published["diagnostics"] == [])
        // Break it with a full-text change, fix it again with an out-of-range edit (clamped).
        client.change(uri, version: 13, [["text": "# kro-lsp\na: {\n"]])
        published = try client.diagnostics(for: uri)
        #expect(published["version"] == 13)
        #expect(published["diagnostics"]?.arrayValue?.isEmpty == false)
        client.change(uri, version: 14, [["range": lspRange(1, 4, 99, 99), "text": "}\n"]])
        published = try client.diagnostics(for: uri)
        #expect(published["version"] == 14)
        #expect(published["diagnostics"] == [])
        // Closing clears the document's diagnostics.
        client.change(uri, version: 15, [["text": "# kro-lsp\na: ["]])
        #expect(try client.diagnostics(for: uri)["diagnostics"]?.arrayValue?.isEmpty == false)
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
        let cleared = try client.diagnostics(for: uri)
        #expect(cleared["diagnostics"] == [])
        #expect(cleared["version"] == nil)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func pullDiagnosticsWhenTheClientSupportsThem() throws {
        let client = try LSPTestClient()
        let result = try client.initialize(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        #expect(result["capabilities"]?["diagnosticProvider"]?["workspaceDiagnostics"] == true)
        let uri = "file:///pull.yaml"
        client.open(uri, "# kro-lsp\na: [\n", version: 4)
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"]
        #expect(report?["kind"] == "full")
        #expect(report?["items"]?.arrayValue?.first?["code"] == "KRO001")
        let resultID = report?["resultId"] ?? .null
        let again = try client.request("textDocument/diagnostic",
                                       ["textDocument": ["uri": .string(uri)], "previousResultId": resultID])
        #expect(again["result"]?["kind"] == "unchanged")
        client.change(uri, version: 5, [["range": lspRange(1, 4, 1, 4), "text": "]"]])
        let fixed = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"]
        #expect(fixed?["items"] == [])
        let workspace = try client.request("workspace/diagnostic", ["previousResultIds": []])["result"]
        #expect(workspace?["items"]?.arrayValue?.first?["uri"]?.stringValue == uri)
        #expect(workspace?["items"]?.arrayValue?.first?["version"] == 5)
        // No push in pull mode.
        #expect(!client.messages.contains { $0["method"] == "textDocument/publishDiagnostics" })
        #expect(try client.shutdownAndExit() == 0)
    }
}
