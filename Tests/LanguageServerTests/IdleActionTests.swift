import Foundation
import JSON
import KroTestSupport
import LanguageServer
import Testing

/// The server's idle action (the executable hands free memory back there) runs once in
/// each pause after analyses or a close, and never while an analysis is scheduled or going on.
@Suite struct IdleActionTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var runs = 0
        var value: Int { lock.withLock { runs } }
        func increment() { lock.withLock { runs += 1 } }

        /// Waits (suspended) until the count reaches `count`; throws after `seconds`.
        func wait(for count: Int, atMost seconds: TimeInterval = InProcessLSPClient.timeout) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while value < count {
                if Date() > deadline { throw LSPClientError("idle action ran \(value) times, not \(count)") }
                try await Task.sleep(nanoseconds: 2_000_000)
            }
        }
    }

    static let delay: UInt64 = 20_000_000
    static let text = AnalysisThreadTests.small.text

    static func open(_ client: InProcessLSPClient, _ uri: String) {
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(text)]])
    }

    @Test func runsOnceInEachPauseAfterAnalyses() async throws {
        try await AnalysisThreadTests.offPool {
            let runs = Counter()
            let client = InProcessLSPClient(whenIdle: IdleAction(afterNanoseconds: Self.delay) { runs.increment() })
            try await client.initialize(options: ["analysisDelayMs": 0])
            #expect(runs.value == 0)
            try await client.open("file:///a.yaml", Self.text)
            try await runs.wait(for: 1)
            try await Task.sleep(nanoseconds: 10 * Self.delay)
            #expect(runs.value == 1)

            client.change("file:///a.yaml", version: 2, [["text": .string(Self.text + "\n")]])
            _ = try await client.diagnostics(for: "file:///a.yaml")
            try await runs.wait(for: 2)
            try await Task.sleep(nanoseconds: 10 * Self.delay)
            #expect(runs.value == 2)
        }
    }

    @Test func runsAfterADocumentIsClosed() async throws {
        try await AnalysisThreadTests.offPool {
            let runs = Counter()
            let client = InProcessLSPClient(whenIdle: IdleAction(afterNanoseconds: Self.delay) { runs.increment() })
            try await client.initialize(options: ["analysisDelayMs": 0])
            try await client.open("file:///a.yaml", Self.text)
            try await runs.wait(for: 1)
            // Closing frees the document's analysis: a pause of its own.
            client.notify("textDocument/didClose", ["textDocument": ["uri": "file:///a.yaml"]])
            try await runs.wait(for: 2)
            try await Task.sleep(nanoseconds: 10 * Self.delay)
            #expect(runs.value == 2)
        }
    }

    @Test func notWhileAnAnalysisIsGoingOn() async throws {
        try await AnalysisThreadTests.offPool {
            let runs = Counter()
            let hold = AnalysisThreadTests.Hold(["file:///held.yaml"])
            let client = InProcessLSPClient(analysisWillStart: hold.enter,
                                            whenIdle: IdleAction(afterNanoseconds: Self.delay) { runs.increment() })
            try await client.initialize(options: ["analysisDelayMs": 0])
            Self.open(client, "file:///held.yaml")
            try await hold.waitUntilHolding(1)
            // This one finishes while the other is held: its pause is not one.
            try await client.open("file:///free.yaml", Self.text)
            try await Task.sleep(nanoseconds: 10 * Self.delay)
            #expect(runs.value == 0)
            #expect(hold.holding == 1)

            hold.release()
            _ = try await client.diagnostics(for: "file:///held.yaml")
            try await runs.wait(for: 1)
            try await Task.sleep(nanoseconds: 10 * Self.delay)
            #expect(runs.value == 1)
            #expect(!hold.timedOut)
        }
    }
}
