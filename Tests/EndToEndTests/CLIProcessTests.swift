import Foundation
import Testing

/// The suite's process runner kills a hung child, so the test fails instead of stalling the run.
@Suite struct CLIProcessTests {
    @Test func aChildThatNeverExitsNorReadsIsKilled() throws {
        let started = Date()
        // 1 MB of stdin that `sleep` never reads: more than a pipe holds.
        let result = try CLIProcess.runKillingAfter(1, ["60"], stdin: String(repeating: "x", count: 1 << 20),
                                                    executable: URL(fileURLWithPath: "/bin/sleep"))
        #expect(result.timedOut)
        #expect(result.status == SIGKILL)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aChildThatExitsInTimeIsNotTimedOut() throws {
        let result = try CLIProcess.runKillingAfter(30, ["--version"])
        #expect(!result.timedOut)
        #expect(result.status == 0)
    }
}
