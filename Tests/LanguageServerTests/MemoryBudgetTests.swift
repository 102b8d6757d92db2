import Foundation
import JSON
import KroTestSupport
@testable import LanguageServer
import Testing

/// The server analyses a document only when the heap in use plus what its analysis would
/// keep fits in the budget; a document left out says so, and is analysed once it fits.
@Suite struct MemoryBudgetTests {
    /// A heap meter the test sets.
    final class Meter: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = 0
        var inUse: Int {
            get { lock.withLock { bytes } }
            set { lock.withLock { bytes = newValue } }
        }
    }

    static let limit = 64 << 20
    static let text = FeatureRequestTests.text.text
    /// Inside `${schema.spec.name}`: hover has an answer there.
    static let field = FeatureRequestTests.text.offsets[1]!

    static func notices(_ params: JSONValue) -> [String] {
        (params["diagnostics"]?.arrayValue ?? []).compactMap {
            $0["code"]?.stringValue == "KRO921" ? $0["message"]?.stringValue : nil
        }
    }

    @Test func aDocumentThatDoesNotFitIsLeftOutUntilAnotherCloses() async throws {
        try await AnalysisThreadTests.offPool {
            let meter = Meter()
            let client = InProcessLSPClient(memory: MemoryBudget(maxBytes: Self.limit, floorBytes: 0, bytesPerTextByte: 11) {
                meter.inUse
            })
            try await client.initialize(options: ["analysisDelayMs": 0])
            client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///a.yaml", "languageId": "yaml",
                                                                    "version": 1, "text": .string(Self.text)]])
            let first = try await client.diagnostics(for: "file:///a.yaml")
            #expect(Self.notices(first).isEmpty)

            // Room for less than 11 times the text: the next document is not analysed.
            meter.inUse = Self.limit - 11 * Self.text.utf8.count + 1
            client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///b.yaml", "languageId": "yaml",
                                                                    "version": 1, "text": .string(Self.text)]])
            let refused = try await client.diagnostics(for: "file:///b.yaml")
            let notice = try #require(Self.notices(refused).first)
            #expect(notice.hasPrefix("not analysed: kro-lsp holds 63 MB"))
            #expect(notice.contains("over kro-lsp's limit of 64 MB"))
            #expect(refused["diagnostics"]?.arrayValue?.count == 1)
            #expect(refused["diagnostics"]?[0]?["severity"] == 2)
            // Requests on it find nothing, and are answered.
            let hover = try await client.result("textDocument/hover",
                                                InProcessLSPClient.positionParams("file:///b.yaml", Self.text, Self.field))
            #expect(hover == .null)

            // An analysed document goes on being analysed as it is edited (its heap is not measured).
            client.change("file:///a.yaml", version: 2, [["text": .string(Self.text + "\n")]])
            #expect(Self.notices(try await client.diagnostics(for: "file:///a.yaml")).isEmpty)
            // The one left out is measured again when it changes: still no room.
            client.change("file:///b.yaml", version: 2, [["text": .string(Self.text + "\n")]])
            #expect(Self.notices(try await client.diagnostics(for: "file:///b.yaml")).count == 1)

            // A close frees room: the one left out is analysed.
            meter.inUse = 0
            client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///a.yaml"]])
            let analysed = try await client.diagnostics(for: "file:///b.yaml")
            #expect(Self.notices(analysed).isEmpty)
            #expect(analysed["version"] == 2)
            let hoverAfter = try await client.result("textDocument/hover",
                                                     InProcessLSPClient.positionParams("file:///b.yaml", Self.text, Self.field))
            #expect(hoverAfter != .null)
        }
    }

    @Test func theHeapIsMeasuredForAFirstAnalysisAndAfterGrowth() {
        #expect(MemoryBudget.needsMeasuring(textBytes: 10, analysedBytes: nil))
        #expect(MemoryBudget.needsMeasuring(textBytes: 10, analysedBytes: 0))
        #expect(!MemoryBudget.needsMeasuring(textBytes: 10 + MemoryBudget.regrowthBytes, analysedBytes: 10))
        #expect(MemoryBudget.needsMeasuring(textBytes: 11 + MemoryBudget.regrowthBytes, analysedBytes: 10))
        #expect(!MemoryBudget.needsMeasuring(textBytes: 5, analysedBytes: 10))
    }

    @Test func aRefusalNamesWhatIsHeldNeededAndTheLimit() {
        let budget = MemoryBudget(maxBytes: 100 << 20, floorBytes: 0, bytesPerTextByte: 10) { 95 << 20 }
        #expect(budget.refusal(textBytes: 512 << 10) == nil)
        #expect(budget.refusal(textBytes: 1 << 20) == "not analysed: kro-lsp holds 95 MB, and this document's analysis "
                + "would keep about 10 MB more, over kro-lsp's limit of 100 MB; it is analysed when other documents "
                + "are closed, or when it changes and fits")
        #expect(budget.refusal(textBytes: Int.max / 2) != nil)
    }

    /// Below the floor, a document is analysed whatever its estimate: alone, a large one is
    /// bounded by the limits on one file.
    @Test func belowTheFloorEveryDocumentIsAnalysed() {
        let quiet = MemoryBudget(maxBytes: 768 << 20, floorBytes: 256 << 20, bytesPerTextByte: 11) { 200 << 20 }
        #expect(quiet.refusal(textBytes: 64 << 20) == nil)
        let busy = MemoryBudget(maxBytes: 768 << 20, floorBytes: 256 << 20, bytesPerTextByte: 11) { 300 << 20 }
        #expect(busy.refusal(textBytes: 64 << 20) != nil)
        #expect(busy.refusal(textBytes: 1 << 20) == nil)
    }
}

/// A session of opens, edits, closes and requests while the measured heap flips between
/// empty and over the budget: every request is answered, and once there is room every
/// open document is analysed again.
@Suite struct MemoryBudgetSessionTests {
    @Test func documentsLeftOutAndTakenBackKeepTheServerServing() async throws {
        try await AnalysisThreadTests.offPool {
            let meter = MemoryBudgetTests.Meter()
            let client = InProcessLSPClient(memory: MemoryBudget(maxBytes: 64 << 20, floorBytes: 0, bytesPerTextByte: 11) {
                meter.inUse
            })
            try await client.initialize(options: ["analysisDelayMs": 0])
            var random = SplitMix64(seed: 0x6d656d)
            let text = MemoryBudgetTests.text
            var open: [String: Int64] = [:]
            for step in 0..<300 {
                meter.inUse = random.next() % 2 == 0 ? 0 : 80 << 20
                let uri = "file:///d\(random.next() % 6).yaml"
                switch random.next() % 5 {
                case 0:
                    client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                            "version": 1, "text": .string(text)]])
                    open[uri] = 1
                case 1 where open[uri] != nil:
                    open[uri]! += 1
                    client.change(uri, version: open[uri]!, [["text": .string(text + String(repeating: "\n", count: step % 3))]])
                case 2 where open[uri] != nil:
                    client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
                    open[uri] = nil
                default:
                    let answer = try await client.request("textDocument/hover",
                                                          InProcessLSPClient.positionParams(uri, text, MemoryBudgetTests.field))
                    #expect(answer["result"] != nil || answer["error"] != nil, "step \(step)")
                }
            }
            // Room again: closing one more document takes every other back.
            meter.inUse = 0
            client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///last.yaml", "languageId": "yaml",
                                                                    "version": 1, "text": .string(text)]])
            _ = try await client.diagnostics(for: "file:///last.yaml")
            client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///last.yaml"]])
            for uri in open.keys.sorted() {
                let hover = try await client.result("textDocument/hover",
                                                    InProcessLSPClient.positionParams(uri, text, MemoryBudgetTests.field))
                #expect(hover != .null, "\(uri) was not analysed again")
            }
            #expect(try await client.result("shutdown") == .null)
        }
    }
}
