import Foundation
import JSON
import LanguageServer
import Testing

/// Hostile documents and frames over real stdio: each gets the diagnostic or error response
/// that names the problem, and the server keeps serving afterwards.
@Suite struct LSPHostileInputTests {
    static let header = LSPHostileDocumentTests.document(configMapName: "x")

    /// Each document and a phrase that the first error about it must contain.
    static let documents: [(name: String, bytes: [UInt8], expected: String)] = {
        let h = Array(header.utf8)
        var bomb = "      labels:\n        a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 {
            bomb += "        a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let operators = String(repeating: "1+", count: 100_000) + "1"
        // Plain schema fields and one enum marker past any real schema.
        let fields = (0..<25_000).map { "      f\($0): string\n" }.joined()
        let values = (0..<200_000).map { "v\($0)" }.joined(separator: ",")
        return [
            ("alias-bomb", h + Array(bomb.utf8), "alias"),
            ("nesting-10000", h + Array(("      data: {k: " + String(repeating: "[", count: 10_000)
                + String(repeating: "]", count: 10_000) + "}\n").utf8), "nesting deeper than"),
            ("nul-byte", h + Array("      data:\n        k: a".utf8) + [0] + Array("b\n".utf8), "U+0000"),
            ("unterminated-at-eof", h + Array("      data:\n        k: ${schema.spec.name".utf8), "unterminated"),
            ("100k-operators", h + Array("      data:\n        k: '${\(operators)}'\n".utf8), "exceeds limit"),
            ("deep-simpleschema-type", Array(header.replacingOccurrences(
                of: "name: string", with: "name: \"" + String(repeating: "[]", count: 10_000) + "string\"").utf8),
             "type nesting too deep"),
            ("schema-fields-25000", Array(header.replacingOccurrences(of: "      name: string\n", with: "      name: string\n" + fields).utf8),
             "spec.schema.spec has more than 20000 fields"),
            ("enum-200000", Array((header.replacingOccurrences(of: "      name: string\n",
                with: "      name: string\n      e: 'string | enum=\"\(values)\"'\n")
                + "      data:\n        k: ${schema.spec.nope}\n").utf8), "undefined field 'nope'"),
            ("documents-20000", h + Array(String(repeating: "---\n", count: 20_000).utf8), "more than 10000 YAML documents"),
            // An escape every third byte (a source-map segment every 1.5), then an expression.
            ("escapes-1MB", h + Array(("      data:\n        k: \"" + String(repeating: "x\\n", count: 350_000)
                + "\"\n        k2: \"${schema.spec.nope}\"\n").utf8), "undefined field 'nope'"),
        ]
    }()

    @Test func hostileDocumentsGetTheDiagnosticThatNamesTheProblem() throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        for document in Self.documents {
            let uri = "file:///hostile/\(document.name).yaml"
            let text = String(decoding: document.bytes, as: UTF8.self)
            client.open(uri, text)
            let published = try client.diagnostics(for: uri)
            let messages = (published["diagnostics"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
            #expect(messages.contains { $0.contains(document.expected) }, "\(document.name): \(messages.prefix(3))")
            #expect(messages.allSatisfy { $0.utf8.count < 2048 }, "\(document.name): a message over 2 KB")
        }
        // Still serving: a BOM-prefixed valid RGD checks clean.
        client.open("file:///hostile/bom.yaml", "\u{FEFF}" + Self.header)
        let clean = try client.diagnostics(for: "file:///hostile/bom.yaml")
        #expect(clean["diagnostics"]?.arrayValue?.filter { $0["severity"] == 1 }.isEmpty == true, "\(clean.jsonText)")
        #expect(try client.shutdownAndExit() == 0)
    }

    /// Each hostile frame is followed by a valid request: the frame gets a parse error
    /// response (-32700), and the request after it is answered.
    @Test func hostileFramesGetParseErrorsAndTheNextRequestIsAnswered() throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        func frame(_ body: [UInt8]) -> [UInt8] { Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body }
        let hostile: [(String, [UInt8])] = [
            ("invalid UTF-8 body", frame(Array(#"{"jsonrpc":"2.0","id":1,"method":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))),
            ("oversized length", Array("Content-Length: 99999999999\r\n\r\n".utf8)),
            ("garbage header", Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
            ("not JSON", frame(Array("{not json".utf8))),
            ("truncated frame", Array("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",".utf8)),
        ]
        for (name, bytes) in hostile {
            let before = client.messages.count
            client.sendRaw(bytes)
            let id = client.sendRequest("kro/noSuchMethod")
            // A frame whose length runs past the data is only found out when the bytes that
            // follow complete it: the server then re-reads from the header inside it.
            if name == "truncated frame" { for _ in 0..<8 { client.sendRequest("kro/noSuchMethod") } }
            let answer = try client.response(to: id)
            #expect(answer["error"]?["code"] == -32601, "\(name): \(answer.jsonText)")
            let errors = client.messages.dropFirst(before).filter { $0["error"]?["code"] == -32700 }
            #expect(!errors.isEmpty, "\(name): no parse error reported")
            if name == "oversized length" {
                #expect(errors.contains { $0["error"]?["message"]?.stringValue?.contains("exceeds the limit of 67108864 bytes") == true },
                        "\(errors.map(\.jsonText))")
            }
        }
        // Two frames in one write, then one frame byte by byte.
        let a = client.sendRequestFrame("kro/noSuchMethod", id: 90001), b = client.sendRequestFrame("kro/noSuchMethod", id: 90002)
        client.sendRaw(a + b)
        for byte in client.sendRequestFrame("kro/noSuchMethod", id: 90003) { client.sendRaw([byte]) }
        for id in [90001, 90002, 90003] {
            #expect(try client.response(to: .int(Int64(id)))["error"]?["code"] == -32601)
        }
        #expect(try client.shutdownAndExit() == 0)
    }

    /// Invalid UTF-8 cannot reach the server (LSP text is JSON); `--check` reads raw bytes.
    @Test func invalidUTF8InKeysAndValuesIsReportedByCheck() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        let bytes = Array(Self.header.utf8) + Array("      data:\n        k".utf8) + [0xFF] + Array(": v".utf8) + [0xFE, 0x0A]
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = BinaryLocator.kroLSP
        process.arguments = ["--check", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("bad.yaml:19:10: error[KRO001]: invalid UTF-8"), "\(text)")
        #expect(text.contains("bad.yaml:19:14: error[KRO001]: invalid UTF-8"), "\(text)")
    }

    /// `^(a+)+$` against 5,000 a's and a `!` backtracks exponentially elsewhere; the preview's
    /// RE2 semantics evaluate it in linear time: the resource is skipped (no match), the one
    /// whose pattern matches is rendered.
    @Test func aBacktrackingPatternInIncludeWhenIsEvaluatedByRender() throws {
        let a = String(repeating: "a", count: 5000)
        let rgd = Self.header.replacingOccurrences(of: "name: string", with: "name: string | default=\"x\"")
            .replacingOccurrences(of: "  - id: cm\n", with: "  - id: cm\n    includeWhen:\n    - \"${'\(a)!'.matches('^(a+)+$')}\"\n")
            + "  - id: matched\n    includeWhen:\n    - \"${'\(a)'.matches('^(a+)+$')}\"\n"
            + "    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: matched}}\n"
        let dir = try CLIProcess.directory([
            "rgd.yaml": rgd,
            "instance.yaml": "apiVersion: kro.run/v1alpha1\nkind: Hostile\nmetadata:\n  name: h\nspec: {}\n",
        ])
        let result = try CLIProcess.run(["render", "rgd.yaml", "--instance", "instance.yaml"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# skipped cm: "), "\(result.stdout.prefix(400))")
        #expect(result.stdout.contains("# resource matched (ConfigMap default/matched)"), "\(result.stdout.prefix(400))")
    }

    /// A client that stops reading: the server blocks on its output instead of buffering
    /// without bound, and answers everything once the client reads again.
    @Test func aClientThatStopsReadingIsAnsweredWhenItReadsAgain() throws {
        let count = 3000
        let (process, output) = try Self.serverFlooded(with: count, thenExit: true)
        defer { if process.isRunning { process.terminate() } }
        Thread.sleep(forTimeInterval: 2)  // nothing is read meanwhile: the output pipe fills up
        let residentKB = Self.peakResidentKB(of: process.processIdentifier)
        var reader = FrameCounter()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        reader.consume(Array(data))
        process.waitUntilExit()
        #expect(reader.responses == count + 2, "responses: \(reader.responses)")
        #expect(process.terminationStatus == 0)
        if let residentKB { #expect(residentKB < 300_000, "peak resident \(residentKB) kB while blocked") }
    }

    /// A client that never reads and then goes away: the server neither buffers its output
    /// without bound nor stays blocked on the dead pipe; it exits.
    @Test func aClientThatNeverReadsAndLeavesDoesNotHangTheServer() throws {
        let (process, output) = try Self.serverFlooded(with: 3000, thenExit: false)
        defer { if process.isRunning { process.terminate() } }
        Thread.sleep(forTimeInterval: 1)  // the output pipe fills up, nothing is read
        let residentKB = Self.peakResidentKB(of: process.processIdentifier)
        try output.fileHandleForReading.close()  // the client is gone
        let deadline = Date().addingTimeInterval(LSPTestClient.timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "the server still runs \(LSPTestClient.timeout) s after its client left")
        if let residentKB { #expect(residentKB < 300_000, "peak resident \(residentKB) kB while blocked") }
    }

    /// The open-documents limit over real stdio: the 2,001st document gets a warning naming
    /// the limit and no analysis; the server keeps answering, and closing one makes room.
    @Test func documentsPastTheOpenLimitGetAWarningAndTheServerKeepsServing() throws {
        let client = try LSPTestClient()
        _ = try client.initialize()
        for i in 0..<2000 { client.open("file:///many/\(i).yaml", "a: \(i)\n") }
        client.open("file:///many/over.yaml", Self.header)
        let warning = try client.notification("window/showMessage") { $0["message"]?.stringValue?.contains("limit") == true }
        #expect(warning["params"]?["type"] == 2)
        #expect(warning["params"]?["message"]?.stringValue?.contains("2000 documents are open, the limit is 2000") == true,
                "\(warning.jsonText)")
        let id = client.sendRequest("kro/noSuchMethod")
        #expect(try client.response(to: id)["error"]?["code"] == -32601)
        client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///many/0.yaml"]])
        client.open("file:///many/over.yaml", Self.header + "      data:\n        k: ${nope.x}\n")
        let published = try client.diagnostics(for: "file:///many/over.yaml")
        let messages = (published["diagnostics"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
        #expect(messages.contains { $0.contains("nope") }, "\(messages)")
        #expect(try client.shutdownAndExit() == 0)
    }

    /// A started server and its output pipe; a thread writes `initialize`, `initialized`,
    /// `count` requests, then `shutdown` and `exit` (`thenExit`) or closes the input.
    static func serverFlooded(with count: Int, thenExit: Bool) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = BinaryLocator.kroLSP
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        @Sendable func frame(_ json: String) -> Data { Data(("Content-Length: \(json.utf8.count)\r\n\r\n" + json).utf8) }
        Thread {
            let handle = input.fileHandleForWriting
            try? handle.write(contentsOf: frame(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#))
            try? handle.write(contentsOf: frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
            for id in 1...count {
                try? handle.write(contentsOf: frame(#"{"jsonrpc":"2.0","id":\#(id),"method":"kro/noSuchMethod","params":{}}"#))
            }
            if thenExit {
                try? handle.write(contentsOf: frame(#"{"jsonrpc":"2.0","id":\#(count + 1),"method":"shutdown"}"#))
                try? handle.write(contentsOf: frame(#"{"jsonrpc":"2.0","method":"exit"}"#))
            } else {
                try? handle.close()
            }
        }.start()
        return (process, output)
    }

    static func peakResidentKB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// Counts the response frames (messages with an id and no method) in a byte stream.
    struct FrameCounter {
        var responses = 0
        mutating func consume(_ bytes: [UInt8]) {
            var i = 0
            let marker = Array("Content-Length: ".utf8)
            while i < bytes.count {
                guard i + marker.count <= bytes.count, Array(bytes[i..<i + marker.count]) == marker else { return }
                var j = i + marker.count, length = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { length = length * 10 + Int(bytes[j] - 48); j += 1 }
                let start = j + 4
                guard start + length <= bytes.count else { return }
                if let message = try? JSONParser().parse(Array(bytes[start..<start + length])),
                   message["id"] != nil, message["method"] == nil { responses += 1 }
                i = start + length
            }
        }
    }
}

extension LSPTestClient {
    /// The bytes of a request frame with a chosen id (sent by the caller).
    func sendRequestFrame(_ method: String, id: Int64) -> [UInt8] {
        let json: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": [:]]
        return encodeFrame(Array(json.jsonText.utf8))
    }
}
