import Foundation
import Testing
@testable import KroEngine

/// Files are read whole up to the limit; past it (or without an end) they are refused.
@Suite struct FileBytesTests {
    @Test func aFileIsReadWholeUpToTheLimitAndRefusedPastIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kro-bytes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success(bytes))
        #expect(FileBytes.read(path, limit: bytes.count) == .success(bytes))
        #expect(FileBytes.read(path, limit: bytes.count - 1) == .failure(.tooLarge(limit: bytes.count - 1)))
        #expect(FileBytes.read("/dev/zero", limit: 1 << 20) == .failure(.tooLarge(limit: 1 << 20)))
        #expect(FileBytes.read(path + "-missing") == .failure(.unreadable))
        #expect(FileBytes.read(FileManager.default.temporaryDirectory.path) == .failure(.unreadable))
    }

    @Test func aFolderWalkPassesOverDevicesAndPipes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-walk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/file.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero.yaml", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked.yaml", withDestinationPath: dir + "/file.yaml")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.yaml", withDestinationPath: dir + "/none")
        #expect(mkfifo(dir + "/pipe.yaml", 0o600) == 0)
        #expect(ProjectConfigurationLoader.files(under: dir) == ["dangling.yaml", "file.yaml", "linked.yaml"])
        #expect(CRDFileLoader.schemaFiles(under: dir).map { FilePaths.lastComponent($0) } == ["dangling.yaml", "file.yaml", "linked.yaml"])
    }
}
