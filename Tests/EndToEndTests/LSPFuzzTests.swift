import Foundation
import JSON
import Testing

/// 10,000 random or mutated frames: the server answers or ignores each and still serves.
@Suite struct LSPFuzzTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let templates: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///f.yaml"}}}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///f.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":3},"end":{"line":1,"character":2}},"text":"é😀\r\n"}]}}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///g.yaml","languageId":"yaml","version":1,"text":"a: [1, {b: c}]\n"}}}"#,
        #"{"jsonrpc":"2.0","id":"s","method":"workspace/diagnostic","params":{"previousResultIds":[]}}"#,
        #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
        #"{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"kro":{"crdPaths":["x"]}}}}"#,
        #"{"jsonrpc":"2.0","id":3,"result":[{"crdPaths":[]}]}"#,
        #"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///g.yaml"}}}"#,
    ]

    func frame(_ random: inout SplitMix) -> [UInt8] {
        let template = Array(Self.templates[Int(random.next() % UInt64(Self.templates.count))].utf8)
        func header(_ body: [UInt8]) -> [UInt8] { Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body }
        switch random.next() % 10 {
        case 0, 1, 2:  // flipped, inserted or deleted bytes
            var body = template
            for _ in 0..<(1 + random.next() % 4) where !body.isEmpty {
                let at = Int(random.next() % UInt64(body.count))
                switch random.next() % 3 {
                case 0: body[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: body.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
                default: body.remove(at: at)
                }
            }
            return header(body)
        case 3:  // random bytes
            return header((0..<(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        case 4:  // a bad header
            let headers = ["Content-Length: -3\r\n\r\n", "Content-Length:\r\n\r\n", "Content-Type: x\r\n\r\n{}",
                           "Content-Length: 99999999999999999999999\r\n\r\n", "Content-Length: 12x\r\n\r\n",
                           "content-length: 2\r\n\r\n{}", "Content-Length: 2\n\n{}", "\r\n\r\n"]
            return Array(headers[Int(random.next() % UInt64(headers.count))].utf8)
        case 5:  // truncated: the length runs into the next frame
            let cut = Int(random.next() % UInt64(template.count))
            return Array("Content-Length: \(template.count)\r\n\r\n".utf8) + template[..<cut]
        case 6:  // garbage between frames
            return (0..<(random.next() % 32)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        default:  // a valid frame
            return header(template)
        }
    }

    @Test func survivesTenThousandRandomOrMutatedFrames() throws {
        let client = try LSPTestClient()
        try client.initialize()
        client.open("file:///f.yaml", "a: 1\nb: [2]\n")
        var random = SplitMix(state: 0x6B72_6F2D_6C73_70)
        var stream: [UInt8] = []
        for _ in 0..<10_000 { stream += frame(&random) }
        // Valid frames at the end give any truncated frame the bytes it is waiting for.
        let padding = Array(#"{"jsonrpc":"2.0","method":"kro/padding","params":{}}"#.utf8)
        for _ in 0..<4 { stream += Array("Content-Length: \(padding.count)\r\n\r\n".utf8) + padding }
        // Write from another thread: the server's answers must be read while we write.
        let done = DispatchSemaphore(value: 0)
        let bytes = stream
        Thread.detachNewThread {
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 4096, bytes.count)
                client.sendRaw(Array(bytes[offset..<end]))
                offset = end
            }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 120) == .success, "writing the fuzz frames did not finish")
        let probe = client.sendRequest("kro/stillThere")
        let answer = try client.response(to: probe, timeout: 120)
        #expect(answer["error"]?["code"] == .int(-32601))
        // Every frame the server wrote was a well-formed JSON-RPC message.
        #expect(!client.messages.contains { $0["invalid-frame-from-server"] != nil })
        #expect(client.messages.allSatisfy { $0["jsonrpc"] == "2.0" })
        let messages = client.messages
        let malformed = messages.filter { $0["error"]?["message"]?.stringValue?.hasPrefix("Malformed frame") == true }.count
        let parseErrors = messages.filter { $0["error"]?["code"] == .int(-32700) }.count
        print("lsp-fuzz: \(stream.count) bytes sent, \(messages.count) messages back, \(parseErrors) parse errors (\(malformed) malformed frames)")
        #expect(malformed > 100)
        #expect(client.process.isRunning)
        #expect(try client.shutdownAndExit() == 0)
    }
}
