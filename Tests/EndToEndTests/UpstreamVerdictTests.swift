import Foundation
import Testing

/// Upstream kro's own expectations, restated as RGDs: each fixture in
/// `Fixtures/upstream-verdicts` expresses one case of kro's graph-builder, SimpleSchema,
/// parser, CEL-library or integration tests (kubernetes-sigs/kro, August 2026), or of the
/// RGD CRD's admission rules. Its first line says whether kro accepts or rejects it (and
/// kro's message); `# expect:` names the first error `--check` must give, or `clean` when
/// kro accepts it and `--check` must report no error (warnings and infos allowed).
@Suite struct UpstreamVerdictTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/upstream-verdicts")

    struct Case {
        var file: String
        var kroAccepts: Bool
        var expected: String
    }

    static func cases() throws -> [Case] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        return try names.sorted().map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
            guard lines.count == 3, lines[0].hasPrefix("# kro accepts") || lines[0].hasPrefix("# kro rejects"),
                  lines[1].hasPrefix("# expect: ") else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: name])
            }
            return Case(file: name, kroAccepts: lines[0].hasPrefix("# kro accepts"),
                        expected: String(lines[1].dropFirst("# expect: ".count)))
        }
    }

    /// One run over the whole folder; every file gets kro's verdict and the expected first error.
    @Test func everyCaseGetsKrosVerdict() throws {
        let cases = try Self.cases()
        #expect(cases.count > 200)
        let result = try CLIProcess.run(["--check", "--format", "json", Self.folder.path])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        // --check sorts by file and position, so the first error of a file is its first listed.
        var firstError: [String: String] = [:]
        for d in diagnostics where d["severity"] as? String == "error" {
            let file = URL(fileURLWithPath: d["file"] as? String ?? "").lastPathComponent
            if firstError[file] == nil { firstError[file] = d["code"] as? String }
        }
        for c in cases {
            let got = firstError[c.file] ?? "clean"
            #expect(c.kroAccepts == (c.expected == "clean"), "\(c.file): the fixture contradicts itself")
            #expect(got == c.expected, "\(c.file): kro \(c.kroAccepts ? "accepts" : "rejects") it; --check gave \(got)")
        }
    }
}
