import Foundation
import JSON
import LanguageServer
import Testing

/// The server's lifecycle and JSON-RPC error answers, over real pipes.
@Suite struct LSPLifecycleTests {
    @Test func initializeShutdownExitExitsZero() throws {
        let client = try LSPTestClient()
        let result = try client.initialize()
        #expect(result["capabilities"]?["positionEncoding"] == "utf-16")
        #expect(result["capabilities"]?["textDocumentSync"]?["change"] == 2)
        #expect(result["capabilities"]?["textDocumentSync"]?["openClose"] == true)
        #expect(result["capabilities"]?["diagnosticProvider"] == nil)
        #expect(result["serverInfo"]?["name"] == "kro-lsp")
        #expect(result["serverInfo"]?["version"]?.stringValue == LanguageServerInfo.version)
        let afterShutdown = try client.request("shutdown")
        #expect(afterShutdown["result"] == .null)
        // Requests after shutdown are invalid.
        let late = try client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///x.yaml"]])
        #expect(late["error"]?["code"] == .int(-32600))
        client.notify("exit")
        #expect(try client.waitForExit() == 0)
    }

    @Test func exitWithoutShutdownExitsOne() throws {
        let client = try LSPTestClient()
        try client.initialize()
        client.notify("exit")
        #expect(try client.waitForExit() == 1)
    }

    @Test func endOfInputWithoutShutdownExitsOne() throws {
        let client = try LSPTestClient(arguments: ["--stdio"])
        try client.initialize()
        client.closeInput()
        #expect(try client.waitForExit() == 1)
    }

    @Test func negotiatesUTF8WhenOffered() throws {
        let client = try LSPTestClient()
        let result = try client.initialize(capabilities: ["general": ["positionEncodings": ["utf-8", "utf-16"]]])
        #expect(result["capabilities"]?["positionEncoding"] == "utf-8")
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func answersEveryErrorCode() throws {
        let client = try LSPTestClient()
        // -32002 before initialize (and notifications before it are dropped).
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///early.yaml", "text": "a: ["]])
        let early = try client.request("shutdown")
        #expect(early["error"]?["code"] == .int(-32002))
        try client.initialize()
        // A second initialize is an invalid request.
        #expect(try client.request("initialize", ["capabilities": [:]])["error"]?["code"] == .int(-32600))

        // -32700 on malformed JSON, with a null id.
        client.sendRaw(encodeFrame(Array(#"{"jsonrpc":"2.0","id":7,"method":"#.utf8)))
        let parse = try client.wait(for: "parse error") { $0["error"]?["code"] == .int(-32700) }
        #expect(parse["id"] == .null)

        // -32600 on valid JSON that is not a JSON-RPC message; the id is kept when readable.
        client.send(["id": 41, "method": "shutdown"])
        #expect(try client.response(to: 41)["error"]?["code"] == .int(-32600))
        client.send(["jsonrpc": "2.0", "id": 42, "method": 5])
        #expect(try client.response(to: 42)["error"]?["code"] == .int(-32600))
        client.send([1, 2])
        let batch = try client.wait(for: "invalid request for a batch") {
            $0["error"]?["code"] == .int(-32600) && $0["id"] == .null
        }
        #expect(batch["error"]?["message"]?.stringValue?.isEmpty == false)

        // -32601 for unknown requests, `$/` requests included.
        #expect(try client.request("kro/unknown")["error"]?["code"] == .int(-32601))
        #expect(try client.request("$/somethingOptional")["error"]?["code"] == .int(-32601))

        // Notifications are never answered, known or not.
        client.notify("kro/unknownNotification", ["x": 1])
        client.notify("$/setTrace", ["value": "off"])
        client.notify("$/cancelRequest", ["id": 9999])
        let probe = client.sendRequest("kro/probe")
        _ = try client.response(to: probe)
        let ids = client.messages.compactMap { $0["method"] == nil ? $0["id"] : nil }
        #expect(!ids.contains(9999))

        // A malformed frame is reported and the server resynchronises on the next header.
        client.sendRaw(Array("Content-Length: abc\r\n\r\n{}".utf8))
        client.sendRaw(Array("garbage without any header".utf8))
        let frame = try client.wait(for: "malformed frame report") {
            $0["error"]?["message"]?.stringValue?.contains("Malformed frame") == true
        }
        #expect(frame["error"]?["code"] == .int(-32700))
        // A frame whose length runs into the next frame (truncated body).
        let truncated = Array(#"{"jsonrpc":"2.0","id":50,"method":"kro/x"}"#.utf8)
        client.sendRaw(Array("Content-Length: \(truncated.count + 10)\r\n\r\n".utf8) + truncated.dropLast(5))
        let next = client.sendRequest("kro/afterTruncation")
        #expect(try client.response(to: next)["error"]?["code"] == .int(-32601))
        // A frame over the size limit is refused with a clear message.
        client.sendRaw(Array("Content-Length: 999999999999\r\n\r\n".utf8))
        let huge = try client.wait(for: "size limit report") {
            $0["error"]?["message"]?.stringValue?.contains("exceeds the limit") == true
        }
        #expect(huge["id"] == .null)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func cancellationAndContentModified() throws {
        let client = try LSPTestClient()
        // A long analysis delay keeps pull requests pending while the next messages arrive
        // (an edit's: an opened document is analysed at once).
        try client.initialize(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]],
                              options: ["kro": ["analysisDelayMs": 3000]])
        let uri = "file:///cancel.yaml"
        client.open(uri, "a: [\n")
        client.change(uri, version: 2, [["text": "a: [ \n"]])
        let cancelled = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
        client.notify("$/cancelRequest", ["id": cancelled])
        let answer = try client.response(to: cancelled)
        #expect(answer["error"]?["code"] == .int(-32800))

        let modified = client.sendRequest("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
        client.change(uri, version: 3, [["text": "a: [1]\n"]])
        #expect(try client.response(to: modified)["error"]?["code"] == .int(-32801))

        // The request for the latest version gets the latest result, exactly once.
        let latest = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
        #expect(latest["result"]?["kind"] == "full")
        #expect(latest["result"]?["items"] == [])
        let answers = client.messages.filter { $0["id"] == cancelled && $0["method"] == nil }
        #expect(answers.count == 1)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func asksForConfigurationAndWatchesFiles() throws {
        let client = try LSPTestClient()
        client.configuration = ["crdPaths": ["/crds"], "omitFunction": true]
        try client.initialize(capabilities: ["workspace": ["configuration": true,
                                                          "didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let registration = try client.wait(for: "client/registerCapability") {
            $0["method"] == "client/registerCapability"
        }
        #expect(registration["params"]?["registrations"]?.arrayValue?.first?["method"] == "workspace/didChangeWatchedFiles")
        let configuration = try client.wait(for: "workspace/configuration") { $0["method"] == "workspace/configuration" }
        #expect(configuration["params"]?["items"] == [["section": "kro"]])
        // The client answered before we saw the request; a probe makes sure the server read the answer.
        _ = try client.request("kro/probe")
        let uri = "file:///w.yaml"
        client.open(uri, "a: 1\n", version: 3)
        #expect(try client.diagnostics(for: uri)["version"] == 3)
        // A change to a configured CRD file re-analyses open documents (a new publish, same version).
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": "file:///crds/widget.yaml", "type": 2]]])
        #expect(try client.diagnostics(for: uri)["version"] == 3)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func logLevelControlsLogMessages() throws {
        let client = try LSPTestClient(arguments: ["--log-level", "debug"])
        try client.initialize()
        client.notify("kro/unknownNotification")
        let log = try client.notification("window/logMessage") {
            $0["message"]?.stringValue?.contains("kro/unknownNotification") == true
        }
        #expect(log["params"]?["type"] == 4)
        #expect(try client.shutdownAndExit() == 0)

        let quiet = try LSPTestClient(arguments: ["--log-level", "error"])
        try quiet.initialize()
        quiet.notify("kro/unknownNotification")
        _ = try quiet.request("kro/probe")
        #expect(!quiet.messages.contains { $0["method"] == "window/logMessage" })
        #expect(try quiet.shutdownAndExit() == 0)
    }

    @Test func unknownLogLevelIsAUsageError() throws {
        let client = try LSPTestClient(arguments: ["--log-level", "loud"])
        #expect(try client.waitForExit() == 2)
    }

    @Test func asksPullingClientsToRefreshAfterAConfigurationChange() throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: ["textDocument": ["diagnostic": [:]],
                                             "workspace": ["diagnostics": ["refreshSupport": true]]])
        client.open("file:///r.yaml", "a: 1\n")
        client.notify("workspace/didChangeConfiguration", ["settings": ["kro": ["omitFunction": true]]])
        let refresh = try client.wait(for: "workspace/diagnostic/refresh") { $0["method"] == "workspace/diagnostic/refresh" }
        #expect(refresh["id"] != nil)
        #expect(try client.shutdownAndExit() == 0)
    }
}
