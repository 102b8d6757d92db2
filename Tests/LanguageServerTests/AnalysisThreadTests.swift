import Foundation
import JSON
import KroEngine
import KroTestSupport
import Testing
import YAMLSyntax
@testable import LanguageServer

/// Analyses run on threads of their own (AnalysisExecutor), not on Swift's cooperative pool:
/// while analyses hold as many threads as that pool has, requests are still answered.
@Suite struct AnalysisThreadTests {
    /// Holds the analyses of chosen documents at their start until released (or, so that a
    /// server whose analyses starve the test fails instead of hanging, until `patience` ends).
    final class Hold: @unchecked Sendable {
        private let condition = NSCondition()
        private let held: Set<String>
        private var released = false
        private(set) var entered = 0
        private(set) var timedOut = false
        let patience: TimeInterval

        init(_ held: Set<String>, patience: TimeInterval = InProcessLSPClient.timeout) { self.held = held; self.patience = patience }

        /// `analysisWillStart`: blocks the analysis's thread while the hold lasts.
        func enter(_ uri: String) {
            guard held.contains(uri) else { return }
            condition.lock()
            defer { condition.unlock() }
            entered += 1
            let deadline = Date().addingTimeInterval(patience)
            while !released {
                if !condition.wait(until: deadline) { timedOut = true; return }
            }
        }

        func release() {
            condition.lock()
            released = true
            condition.broadcast()
            condition.unlock()
        }

        /// Analyses waiting in the hold now (none after a release or a timeout).
        var holding: Int { condition.withLock { released || timedOut ? 0 : entered } }

        /// Waits (suspended) until `count` analyses are held; throws after `patience`.
        func waitUntilHolding(_ count: Int) async throws {
            guard try await waitUntilHolding(count, atMost: patience) else {
                throw LSPClientError("only \(condition.withLock { entered }) of \(count) held")
            }
        }

        /// Whether `count` analyses came to be held within `seconds`.
        func waitUntilHolding(_ count: Int, atMost seconds: TimeInterval) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while condition.withLock({ entered < count }) {
                if Date() > deadline { return false }
                try await Task.sleep(nanoseconds: 2_000_000)
            }
            return true
        }
    }

    /// Runs a test's body on a queue of its own: its waits resume there, not on the
    /// cooperative pool that the synchronous tests of a parallel run may hold for minutes
    /// (longer than a hold's patience under a sanitizer).
    static func offPool<T>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(QueueTaskExecutor("test.body")) { try await body() }
    }

    /// A small RGD (FeatureRequestTests'): marker 1 is on `name` in `${schema.spec.name}`.
    static let small = FeatureRequestTests.text

    static func codes(_ params: JSONValue) -> [String] {
        (params["diagnostics"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? "") \($0["range"]?.jsonText ?? "")" }.sorted()
    }

    @Test func requestsAreAnsweredWhileAnalysesHoldAsManyThreadsAsThePoolHas() async throws {
        try await Self.offPool {
            // As many large documents as the cooperative pool has threads (one per core), at least two.
            let count = max(2, ProcessInfo.processInfo.processorCount, ProcessInfo.processInfo.activeProcessorCount)
            let large = (0..<count).map { "file:///large-\($0).yaml" }
            let hold = Hold(Set(large))
            let client = InProcessLSPClient(analysisWillStart: hold.enter)
            try await client.initialize(options: ["analysisDelayMs": 0])
            try await client.open("file:///small.yaml", Self.small.text)

            let text = GeneratedRGD(resources: 120).text
            for uri in large {
                client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                        "version": 1, "text": .string(text)]])
            }
            let started = min(count, client.analysesAtOnce)
            #expect(started >= 2)
            try await hold.waitUntilHolding(started)

            // Answered while every started analysis is still held on its thread.
            let hover = try await client.result("textDocument/hover", InProcessLSPClient.positionParams(
                "file:///small.yaml", Self.small.text, Self.small.offsets[1]!))
            #expect(hold.holding == started)
            #expect(hover["range"] == lspRange(Self.small.text, Self.small.ranges[1]))
            #expect(hover["contents"]?["value"]?.stringValue?.contains("schema.spec.name") == true)
            let symbols = try await client.result("textDocument/documentSymbol", ["textDocument": ["uri": "file:///small.yaml"]])
            #expect(symbols[0]?["name"] == "démo")
            #expect(hold.holding == started)
            #expect(!hold.timedOut)

            // Released, every held or waiting analysis finishes with what one thread finds.
            hold.release()
            let expected = DocumentSnapshot.analyze(SourceText(text), options: .bundled).diagnostics.map {
                "\($0.code) \(lspRange(text, $0.range).jsonText)"
            }.sorted()
            #expect(expected.count > 20)
            for uri in large {
                #expect(Self.codes(try await client.diagnostics(for: uri)) == expected, "\(uri)")
            }
            #expect(try await client.result("shutdown") == .null)
        }
    }

    /// What the host of the server does with the cooperative pool is not the server's
    /// business: with every pool thread blocked (here by this test, in a test run by
    /// synchronous tests), documents are analysed and published and requests answered.
    @Test func theServerServesWhileEveryPoolThreadIsBlocked() async throws {
        let poolThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let pool = Hold(["pool"])
        for _ in 0..<poolThreads {
            Task.detached(executorPreference: globalConcurrentExecutor) { pool.enter("pool") }
        }
        try await Self.offPool {
            defer { pool.release() }
            // In a parallel run other tests may hold the pool already: then go on without
            // ours, the pool is busy all the same.
            let blocked = try await pool.waitUntilHolding(poolThreads, atMost: 30)
            let client = InProcessLSPClient()
            try await client.initialize(options: ["analysisDelayMs": 0])
            try await client.open("file:///small.yaml", Self.small.text)
            let hover = try await client.result("textDocument/hover", InProcessLSPClient.positionParams(
                "file:///small.yaml", Self.small.text, Self.small.offsets[1]!))
            #expect(!blocked || pool.holding == poolThreads, "a pool thread was free before the hover was answered")
            #expect(hover["contents"]?["value"]?.stringValue?.contains("schema.spec.name") == true)
            #expect(!pool.timedOut)
        }
    }

    @Test func aHeldRunSupersededByAnEditPublishesNothing() async throws {
        try await Self.offPool {
            let uri = "file:///edited.yaml"
            let hold = Hold([uri])
            let client = InProcessLSPClient(analysisWillStart: hold.enter)
            try await client.initialize(options: ["analysisDelayMs": 0])
            client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                    "version": 1, "text": .string(Self.small.text)]])
            try await hold.waitUntilHolding(1)
            // Version 2 cancels the held run (its stop signal is raised) and waits for a turn.
            client.change(uri, version: 2, [["text": .string(GeneratedRGD(resources: 6).text)]])
            hold.release()
            let published = try await client.diagnostics(for: uri)
            // The first publish is version 2's: the held version 1 stopped without publishing.
            #expect(published["version"] == .int(2))
            #expect(try await client.result("shutdown") == .null)
        }
    }

    @Test func aRunWaitingForItsTurnIsCancelledAndTheTurnPassesOn() async throws {
        try await Self.offPool {
            let executor = AnalysisExecutor(limit: 1)
            let hold = Hold(["first"])
            let first = Task.onOwnQueue("test.first") { await executor.run("test.first") { _ in hold.enter("first"); return 1 } }
            try await hold.waitUntilHolding(1)
            let ran = Locked(false)
            let waiting = Task.onOwnQueue("test.waiting") { await executor.run("test.waiting") { _ in ran.set(true); return 2 } }
            let third = Task.onOwnQueue("test.third") { await executor.run("test.third") { stop in stop.isRaised ? -1 : 3 } }
            try await Task.sleep(nanoseconds: 20_000_000)
            waiting.cancel()
            #expect(await waiting.value == nil)
            hold.release()
            #expect(await first.value == 1)
            #expect(await third.value == 3)
            #expect(!ran.value)
        }
    }

    /// An urgent run (an edited document's) waiting for its turn goes before the others
    /// waiting (analyses another document's edit caused); a cancelled one passes its turn on.
    @Test func anUrgentRunGoesBeforeTheOthersWaiting() async throws {
        try await Self.offPool {
            let executor = AnalysisExecutor(limit: 1)
            let hold = Hold(["first"])
            let order = Locked<[String]>([])
            func run(_ name: String, urgent: Bool) -> Task<Int?, Never> {
                Task.onOwnQueue("test.\(name)") {
                    await executor.run("test.\(name)", urgent: urgent) { _ in
                        hold.enter(name)
                        order.set(order.value + [name])
                        return 0
                    }
                }
            }
            let first = run("first", urgent: false)
            try await hold.waitUntilHolding(1)
            let background = run("background", urgent: false)
            try await Task.sleep(nanoseconds: 20_000_000)
            let cancelled = run("cancelled", urgent: true)
            let urgent = run("urgent", urgent: true)
            try await Task.sleep(nanoseconds: 20_000_000)
            cancelled.cancel()
            #expect(await cancelled.value == nil)
            hold.release()
            _ = await (first.value, background.value, urgent.value)
            #expect(order.value == ["first", "urgent", "background"])
        }
    }

    /// A run a request waits on (`promote`) goes before the others waiting, and so does one
    /// promoted before it came to wait.
    @Test func aPromotedRunGoesBeforeTheOthersWaiting() async throws {
        try await Self.offPool {
            let executor = AnalysisExecutor(limit: 1)
            let hold = Hold(["first"])
            let order = Locked<[String]>([])
            func run(_ name: String) -> Task<Int?, Never> {
                Task.onOwnQueue("test.\(name)") {
                    await executor.run("test.\(name)", key: name) { _ in
                        hold.enter(name)
                        order.set(order.value + [name])
                        return 0
                    }
                }
            }
            let first = run("first")
            try await hold.waitUntilHolding(1)
            let a = run("a")
            try await Task.sleep(nanoseconds: 20_000_000)
            let b = run("b")
            try await Task.sleep(nanoseconds: 20_000_000)
            executor.promote("b")
            executor.promote("later")
            let c = run("c")
            try await Task.sleep(nanoseconds: 20_000_000)
            let later = run("later")
            try await Task.sleep(nanoseconds: 20_000_000)
            hold.release()
            _ = await (first.value, a.value, b.value, c.value, later.value)
            #expect(order.value == ["first", "b", "later", "a", "c"])
        }
    }

    @Test func cancellingARunningTaskRaisesItsStopSignal() async throws {
        try await Self.offPool {
            let executor = AnalysisExecutor(limit: 2)
            let hold = Hold(["run"])
            let task = Task.onOwnQueue("test.run") { await executor.run("test.run") { stop in hold.enter("run"); return stop.isRaised } }
            try await hold.waitUntilHolding(1)
            task.cancel()
            hold.release()
            #expect(await task.value == true)
        }
    }
}

/// A value behind a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
