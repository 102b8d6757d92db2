import Foundation
import JSON
import Testing

/// The issue's 50 MB file, checked by the real binary: the one error near its end is found at
/// its exact position. (Time and memory targets are measured in release by
/// `scripts/hostile-shapes.py`; this test asserts the answer, not the time.)
@Suite struct LargeFileCheckTests {
    @Test func aFiftyMegabyteFileIsCheckedAndItsOneErrorIsFoundWhereItIs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("large.yaml")

        // 17 header lines, `data:` on line 18, then 49,999 one-kilobyte values (an expression
        // in every hundredth) and the misspelt field on the last line.
        let value = String(repeating: "y", count: 1000)
        var text = LSPHostileDocumentTests.document(configMapName: "x") + "      data:\n"
        text.reserveCapacity(51_000_000)
        for i in 0..<49_999 {
            text += "        k\(i): \"\(i % 100 == 0 ? "${schema.spec.name}" : "")\(value)\"\n"
        }
        text += "        last: \"${schema.spec.nmae}\"\n"
        #expect(text.utf8.count > 50_000_000)
        try Data(text.utf8).write(to: file)

        let result = try CLIProcess.run(["--check", file.path])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        let errors = result.stdout.split(separator: "\n").filter { $0.contains("error[") }
        #expect(errors.count == 1, "\(errors.prefix(5))")
        #expect(errors.first?.hasSuffix("large.yaml:50018:30: error[KRO333]: failed to compile template expression "
            + "\"schema.spec.nmae\" at path \"data.last\": undefined field 'nmae'; did you mean 'name'?") == true,
            "\(errors.prefix(5))")
    }

    /// A folder from a pull request may hold a link to a device: the walk passes over it
    /// (and a pipe); named on its own, a file without an end is read up to the file limit
    /// and refused with a message naming it (exit 2), as is a `--crd` one.
    @Test func filesWithoutAnEndAreNotReadOn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-endless-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("zero.yaml").path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        try Data(LSPHostileDocumentTests.document(configMapName: "x").utf8).write(to: dir.appendingPathComponent("rgd.yaml"))

        let walked = try CLIProcess.run(["--check", dir.path])
        #expect(walked.status == 0, "\(walked.stdout) \(walked.stderr)")
        #expect((walked.stdout + walked.stderr).contains("checked 1 file: 0 errors"), "\(walked.stdout) \(walked.stderr)")

        let limit = "larger than 128 MiB, kro-lsp's limit for a file (or without an end); not read"
        let named = try CLIProcess.run(["--check", "/dev/zero"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("/dev/zero: " + limit), "\(named.stderr)")
        let crd = try CLIProcess.run(["--check", "--crd", "/dev/zero", dir.appendingPathComponent("rgd.yaml").path])
        #expect(crd.status == 2)
        #expect(crd.stderr.contains("/dev/zero: " + limit), "\(crd.stderr)")
    }

    /// Every file's analysis is kept until the run's findings are known: past 64 MiB of
    /// files in all, the rest are not checked, with one message naming the first of them.
    @Test func aRunStopsReadingPastItsTotalLimit() throws {
        let dir = try Self.directory(small: "a", sparse: ["b", "c", "d", "e", "f"], bytes: 40_000_000)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["--check", dir.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("/c.yaml: the files of this run add up to more than 64 MiB, kro-lsp's limit for one run; "
            + "this file and the 3 after it are not checked"), "\(result.stderr)")
        #expect(result.stderr.contains("checked 2 files"), "\(result.stderr)")
    }

    /// The run's first file is read whatever its size, up to the limit for one file.
    @Test func aRunsFirstFileIsReadOverTheTotalLimit() throws {
        let dir = try Self.directory(small: nil, sparse: ["a", "b"], bytes: 100_000_000)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIProcess.run(["--check", dir.path])
        #expect(result.stderr.contains("/b.yaml: the files of this run add up to more than 64 MiB, kro-lsp's limit for one run; "
            + "this file and the 0 after it are not checked"), "\(result.stderr)")
        #expect(!result.stderr.contains("/a.yaml: the files"), "\(result.stderr)")
        #expect(result.stderr.contains("checked 1 file"), "\(result.stderr)")
    }

    /// A folder of a small RGD (`small`) and sparse files of `bytes` NULs each: nothing is
    /// written to disk for them.
    private static func directory(small: String?, sparse: [String], bytes: UInt64) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-total-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let small {
            try Data(LSPHostileDocumentTests.document(configMapName: "x").utf8).write(to: dir.appendingPathComponent(small + ".yaml"))
        }
        for name in sparse {
            let url = dir.appendingPathComponent(name + ".yaml")
            #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: bytes)
            try handle.close()
        }
        return dir
    }

    /// A template of 30,000 unknown fields: `--check` reports the first 10,000 (the limit per
    /// RGD) and KRO921 on the 10,001st, in the json summary and list alike.
    @Test func thirtyThousandUnknownFieldsAreReportedUpToTheFindingsLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-findings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("unknown.yaml")
        // The ConfigMap item, then `badN: 1` lines at its template's top level.
        var text = LSPHostileDocumentTests.document(configMapName: "x")
        for i in 0..<30_000 { text += "      bad\(i): 1\n" }
        try Data(text.utf8).write(to: file)

        let result = try CLIProcess.run(["--check", "--format", "json", file.path])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(report["summary"]?["errors"] == 10_001)
        let diagnostics = report["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.count == 10_001)
        #expect(diagnostics.dropLast().allSatisfy { $0["code"] == "KRO304" })
        let notice = try #require(diagnostics.last)
        #expect(notice["code"] == "KRO921")
        #expect(notice["message"]?.stringValue == "the RGD has more than 10000 findings, over kro-lsp's limit of 10000 "
            + "per RGD; this one and the rest are not reported")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "      bad10000: 1"))
        #expect(notice["range"]?["start"]?["line"] == .int(Int64(line + 1)))
        #expect(notice["range"]?["start"]?["column"] == 7)
        #expect(result.stderr.contains("checked 1 file: 10001 errors, 0 warnings, 0 infos"))
    }

    /// A run lists its first 100,000 findings, in the order of the files' paths; the rest
    /// are counted in the summary and the exit status, and an information where they start
    /// says so. Ten files of 10,001 findings each, then one of three warnings.
    @Test func aRunListsItsFirstHundredThousandFindingsAndCountsTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = LSPHostileDocumentTests.document(configMapName: "x")
        for i in 0..<10_050 { text += "      bad\(i): 1\n" }
        for n in 0..<10 { try Data(text.utf8).write(to: dir.appendingPathComponent("f0\(n).yaml")) }
        try Data("a: 1\na: 2\na: 3\na: 4\n".utf8).write(to: dir.appendingPathComponent("f10.yaml"))

        let result = try CLIProcess.run(["--check", "--format", "json", dir.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("checked 11 files: 100010 errors, 3 warnings, 0 infos (13 of them not listed)"),
                "\(result.stderr)")
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(report["summary"]?["errors"] == 100_010 && report["summary"]?["warnings"] == 3)
        let diagnostics = report["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.count == 100_001)
        #expect(!diagnostics.contains { $0["file"]?.stringValue?.hasSuffix("f10.yaml") == true })
        let notice = try #require(diagnostics.last)
        #expect(notice["code"] == "KRO921" && notice["severity"] == "info")
        #expect(notice["file"]?.stringValue?.hasSuffix("f09.yaml") == true)
        #expect(notice["message"]?.stringValue == "kro-lsp lists at most 100000 findings per run; the 13 from here on "
            + "are counted in the summary, not listed (check fewer files at once)")
        // On the 9,992nd finding of f09, the first one left out (`bad9991`).
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "      bad9991: 1"))
        #expect(notice["range"]?["start"]?["line"] == .int(Int64(line + 1)))
    }

    /// A flow sequence of one-letter items (a node every two bytes) stops at the node limit:
    /// one KRO001 on the first node over it, exact to the column, and nothing else.
    @Test func aDenseFlowSequenceStopsAtTheNodeLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-nodes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("flow.yaml")
        // The header builds 36 nodes, `data:` 2, `list` and its sequence 2: the items are
        // nodes 41 on, so the 8,000,001st is item 7,999,960, at column 16 + 2 × that.
        let text = LSPHostileDocumentTests.document(configMapName: "x") + "      data:\n        list: ["
            + String(repeating: "a,", count: 8_500_000) + "a]\n"
        try Data(text.utf8).write(to: file)

        let result = try CLIProcess.run(["--check", file.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n") == [
            "\(file.path):19:\(16 + 2 * 7_999_960): error[KRO001]: the document has more than 8000000 YAML nodes, "
                + "over kro-lsp's limit; the rest of it is not read"])
    }
}
