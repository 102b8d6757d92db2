import Foundation
import Testing

/// The binary copied alone onto PATH keeps the Kubernetes schemas (they are embedded).
@Suite struct StandaloneBinaryTests {
    @Test func aCopiedBinaryStillFindsTypeErrorsInBuiltInKinds() throws {
        let dir = try CLIProcess.directory(["app.yaml": CheckTestDocuments.replicasAsString])
        defer { try? FileManager.default.removeItem(at: dir) }
        let lonely = dir.appendingPathComponent("bin/kro-lsp")
        try FileManager.default.createDirectory(at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: BinaryLocator.kroLSP, to: lonely)
        #expect(try FileManager.default.contentsOfDirectory(atPath: lonely.deletingLastPathComponent().path) == ["kro-lsp"])

        let result = try CLIProcess.run(["--check", "app.yaml"], executable: lonely, directory: dir)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("app.yaml:19:23: error[KRO334]: type mismatch in resource \"deployment\" at path \"spec.replicas\""),
                "\(result.stdout)")
    }
}
