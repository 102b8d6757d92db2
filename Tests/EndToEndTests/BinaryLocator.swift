import Foundation
import Testing

/// Finds the `kro-lsp` binary SwiftPM built next to the test bundle.
enum BinaryLocator {
    static var kroLSP: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("kro-lsp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        // Fall back to the products directory of the test bundle itself.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("kro-lsp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: ".build/debug/kro-lsp")
    }
}

@Test func binaryPrintsHelp() throws {
    let process = Process()
    process.executableURL = BinaryLocator.kroLSP
    process.arguments = ["--help"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: data, as: UTF8.self).contains("kro-lsp"))
}
