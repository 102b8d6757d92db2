import Foundation
import Testing

/// docs/diagnostics.md and the engine agree: every code the sources can emit is
/// documented, and every documented code is emitted unless its section says
/// `- Offline: not decided — <reason>`.
@Suite struct CatalogueTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Code → whether its section marks it as not decided offline.
    func catalogue() throws -> [String: Bool] {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        var sections: [String: Bool] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## KRO") {
                current = String(line.dropFirst(3))
                sections[current!] = false
            } else if let code = current, line.hasPrefix("- Offline: not decided") {
                sections[code] = true
            }
        }
        return sections
    }

    /// Every `"KRO123"` literal in Sources/.
    func emittedCodes() throws -> Set<String> {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        var codes: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let bytes = Array(try String(contentsOf: url, encoding: .utf8).utf8)
            var i = 0
            while i + 8 <= bytes.count {
                if bytes[i] == UInt8(ascii: "\""), bytes[i + 1...i + 3].elementsEqual("KRO".utf8),
                   bytes[i + 4...i + 6].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), bytes[i + 7] == UInt8(ascii: "\"") {
                    codes.insert(String(decoding: bytes[i + 1...i + 6], as: UTF8.self))
                }
                i += 1
            }
        }
        return codes
    }

    @Test func everyEmittedCodeIsDocumented() throws {
        let documented = try catalogue()
        let emitted = try emittedCodes()
        #expect(emitted.count > 100, "the source scan found the codes")
        #expect(emitted.subtracting(documented.keys).sorted() == [])
        #expect(emitted.filter { documented[$0] == true }.sorted() == [], "emitted but marked not decided")
    }

    @Test func everyDocumentedCodeIsEmittedOrSaysWhyNot() throws {
        let emitted = try emittedCodes()
        let silent = try catalogue().filter { !$0.value && !emitted.contains($0.key) }.keys.sorted()
        #expect(silent == [], "documented as decided but never emitted")
    }
}
