import Foundation
import Testing

/// Runs a `kro-lsp` binary (the built one unless told otherwise) with arguments and stdin.
struct CLIProcess {
    /// Far above any run of the suite (sanitized builds included): a child still running
    /// then is hung, and is killed so that the test fails instead of stalling the suite.
    static let timeout: TimeInterval = 300

    /// A child that exits before reading its stdin must fail the write, not kill the tests.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The child outlived its timeout and was killed.
        var timedOut = false
    }

    /// `runKillingAfter`, recording a timeout as an issue of the calling test.
    static func run(_ arguments: [String], stdin: String? = nil, executable: URL = BinaryLocator.kroLSP,
                    directory: URL? = nil, environment: [String: String]? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let result = try runKillingAfter(timeout, arguments, stdin: stdin, executable: executable,
                                         directory: directory, environment: environment)
        if result.timedOut {
            Issue.record("kro-lsp \(arguments.joined(separator: " ")) did not exit within \(Int(timeout)) s: killed",
                         sourceLocation: sourceLocation)
        }
        return result
    }

    static func runKillingAfter(_ timeout: TimeInterval, _ arguments: [String], stdin: String? = nil,
                                executable: URL = BinaryLocator.kroLSP, directory: URL? = nil,
                                environment: [String: String]? = nil) throws -> Result {
        Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        // Output goes to files, so a chatty child never blocks on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kro-cli-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        // A file that could not be made fails the FileHandle below.
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Written beside the wait: a child that stops reading must not block the test here.
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            if let stdin { try? writer.write(contentsOf: Data(stdin.utf8)) }
            try? writer.close()
        }
        let timedOut = exited.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        process.waitUntilExit()  // returns at once: the status is set by now
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), timedOut: timedOut)
    }

    /// Where `directory` makes its folders: one per test process, removed when it exits,
    /// so a test that forgets its folder leaves nothing behind in the system's /tmp.
    private static let scratchRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kro-lsp-tests-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: CLIProcess.scratchRoot) }
        return root
    }()

    /// A fresh temporary directory holding `files` (relative path → content).
    static func directory(_ files: [String: String]) throws -> URL {
        let dir = scratchRoot.appendingPathComponent("kro-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (path, content) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return dir
    }
}
