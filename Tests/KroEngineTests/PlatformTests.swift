import Dispatch
import Foundation
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

    // The expected values are NSString's (Swift 6.3 Foundation on Linux), measured.
    @Test func pathComponentsAsNSStringSplitThem() {
        #expect(FilePaths.join("a", "b") == "a/b")
        #expect(FilePaths.join("a/", "b") == "a/b")
        #expect(FilePaths.join("", "b") == "b")
        #expect(FilePaths.join("a", "") == "a")
        #expect(FilePaths.join("a", "/b") == "a//b")
        #expect(FilePaths.lastComponent("/a/b/") == "b")
        #expect(FilePaths.lastComponent("//a//b//") == "b")
        #expect(FilePaths.lastComponent("/") == "/")
        #expect(FilePaths.lastComponent("") == "")
        #expect(FilePaths.deletingLastComponent("/a/b/") == "/a")
        #expect(FilePaths.deletingLastComponent("/a") == "/")
        #expect(FilePaths.deletingLastComponent("a/b") == "a")
        #expect(FilePaths.deletingLastComponent("ab") == "")
        #expect(FilePaths.deletingLastComponent("/") == "/")
    }

    @Test func standardizedDropsDotsAndResolvesLinksToAbsoluteTargets() throws {
        let root = "/tmp/kro-lsp-platform-tests-\(getpid())"
        defer { _ = try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        #expect(symlink(root + "/real", root + "/abs") == 0)
        #expect(symlink("real", root + "/rel") == 0)
        #expect(symlink(root + "/rel", root + "/absToRel") == 0)
        #expect(FilePaths.standardized("/a/./b//../c/") == "/a/c")
        #expect(FilePaths.standardized("/../..") == "/")
        #expect(FilePaths.standardized("a/../b") == "a/../b")
        #expect(FilePaths.standardized(root + "/abs/sub") == root + "/real/sub")
        #expect(FilePaths.standardized(root + "/rel/sub") == root + "/rel/sub")
        #expect(FilePaths.standardized(root + "/absToRel/sub/..") == root + "/real")
    }

    @Test func entriesListWhatTheEnumeratorListed() throws {
        let root = "/tmp/kro-lsp-platform-walk-\(getpid())"
        defer { _ = try? FileManager.default.removeItem(atPath: root) }
        for dir in ["a/b", ".git/objects", "node_modules/m", "linked"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for file in ["top.yaml", "a/b/deep.yml", ".git/objects/x.yaml", "node_modules/m/y.yaml", "linked/z.yaml", ".hidden.yaml"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + file, contents: Data("a: 1\n".utf8)))
        }
        #expect(symlink(root + "/linked", root + "/a/link") == 0)
        #expect(symlink("nowhere.yaml", root + "/broken.yaml") == 0)
        let all = Set(FilePaths.entries(under: root))
        #expect(all == [".git", ".git/objects", ".git/objects/x.yaml", ".hidden.yaml", "a", "a/b", "a/b/deep.yml",
                        "a/link", "broken.yaml", "linked", "linked/z.yaml", "node_modules", "node_modules/m",
                        "node_modules/m/y.yaml", "top.yaml"])
        #expect(FilePaths.entries(under: root + "/") .count == all.count)
        // Not descended: the folder is listed, its contents are not.
        let pruned = Set(FilePaths.entries(under: root) { !ProjectConfigurationLoader.skippedFolders.contains(FilePaths.lastComponent($0)) })
        #expect(pruned == all.subtracting([".git/objects", ".git/objects/x.yaml", "node_modules/m", "node_modules/m/y.yaml"]))
        #expect(ProjectConfigurationLoader.files(under: root) == [".hidden.yaml", "a/b/deep.yml", "broken.yaml", "linked/z.yaml", "top.yaml"])
        #expect(FilePaths.entries(under: root + "/top.yaml").isEmpty)
        #expect(FilePaths.entries(under: root + "/missing").isEmpty)
    }

    // CharacterSet.whitespaces, listed from Foundation: tab, the Zs separators and U+200B.
    @Test func trimmingWhitespaceTakesFoundationsBlanksScalarByScalar() {
        #expect(" \t a b \u{3000}".trimmingWhitespace() == "a b")
        #expect("\u{A0}\u{200B}x\u{202F}\u{205F}\u{1680}".trimmingWhitespace() == "x")
        #expect("\na\n".trimmingWhitespace() == "\na\n")
        #expect(" \u{301}a ".trimmingWhitespace().unicodeScalars.map(\.value) == [0x301, 0x61])
        #expect("   ".trimmingWhitespace() == "")
        #expect(" 'key' "[...].trimmingWhitespace().trimmingScalars { $0 == "'" } == "key")
        let blanks = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter { String($0).trimmingWhitespace().isEmpty }
        #expect(blanks.map(\.value) == [0x09, 0x20, 0xA0, 0x1680] + Array(0x2000...0x200B) + [0x202F, 0x205F, 0x3000])
    }
}
