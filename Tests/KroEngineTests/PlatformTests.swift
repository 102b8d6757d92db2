import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import KroEngine

@Suite struct PlatformTests {
    final class Counter: @unchecked Sendable {
        let lock = Lock()
        var value = 0
    }

    @Test func lockSerialisesIncrementsFromManyThreads() {
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for i in 0..<10_000 {
                if i % 2 == 0 {
                    counter.lock.withLock { counter.value += 1 }
                } else {
                    counter.lock.lock()
                    counter.value += 1
                    counter.lock.unlock()
                }
            }
        }
        #expect(counter.value == 80_000)
    }

    @Test func withLockReturnsAndRethrows() {
        struct Failure: Error {}
        let lock = Lock()
        #expect(lock.withLock { 42 } == 42)
        #expect(throws: Failure.self) { try lock.withLock { () throws(Failure) -> Int in throw Failure() } }
        // The lock was released by the throw.
        #expect(lock.withLock { true })
    }

    @Test func standardStreamsWriteAllBytesOrReportFailure() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let text = "kro-lsp: é ${x}\n"
        #expect(StandardStreams.write(text, to: fds[1]))
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fds[0], &buffer, buffer.count)
        #expect(Array(buffer[..<max(n, 0)]) == Array(text.utf8))
        #expect(!StandardStreams.write("lost", to: -1))
    }
}
