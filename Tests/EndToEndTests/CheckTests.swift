import Foundation
import Testing

/// `kro-lsp --check` as a user runs it.
@Suite struct CheckTests {
    typealias Run = CLIProcess.Result

    func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        try CLIProcess.run(arguments, stdin: stdin)
    }

    func directory(_ files: [String: String]) throws -> URL { try CLIProcess.directory(files) }

    static let broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a: b\n"

    @Test func syntaxErrorIsPrintedWithLineAndColumnAndExits1() throws {
        let dir = try directory(["bad.yaml": Self.broken])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        let result = try run(["--check", path])
        #expect(result.status == 1)
        #expect(result.stdout == "\(path):4:10: error[KRO001]: a plain value cannot contain \": \"; quote the value (mapping values are not allowed in this context)\n")
    }

    @Test func columnsCountUnicodeScalars() throws {
        let result = try run(["--check", "-"], stdin: "é😀: x\nnäme: a: b\n")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("<stdin>:2:8: error[KRO001]: "))
    }

    /// Past the reader's first 64 KB from a pipe and past a file's stated size: the error on
    /// the last line is found, at its line and column, either way.
    @Test func largeInputsAreReadToTheirEnd() throws {
        var text = "data:\n"
        for i in 0..<30_000 { text += "  k\(i): välue\n" }
        text += "  last: a: b\n"
        #expect(text.utf8.count > 400_000)
        let piped = try run(["--check", "-"], stdin: text)
        #expect(piped.status == 1)
        #expect(piped.stdout.hasPrefix("<stdin>:30002:10: error[KRO001]: "), "\(piped.stdout.prefix(200))")
        let dir = try directory(["big.yaml": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.yaml").path
        let file = try run(["--check", path])
        #expect(file.stdout == piped.stdout.replacingOccurrences(of: "<stdin>", with: path))
    }

    @Test func validYAMLPrintsNothingAndExits0() throws {
        let dir = try directory(["a.yaml": "kind: ConfigMap\ndata: {x: \"1\"}\n", "sub/b.yml": "- 1\n- 2\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(["--check", dir.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func missingPathExits2() throws {
        let result = try run(["--check", "/nonexistent/kro-lsp-test.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/kro-lsp-test.yaml"))
    }

    @Test func missingCRDPathExits2() throws {
        let result = try run(["--check", "--crd", "/nonexistent/crds", "-"], stdin: "a: 1\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/crds"))
    }

    @Test func directoriesAreSearchedRecursivelyInSortedOrder() throws {
        let dir = try directory(["z.yaml": Self.broken, "a/b.yml": Self.broken, "a/ignored.txt": Self.broken])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(["--check", dir.path])
        #expect(result.status == 1)
        let paths = result.stdout.split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) ?? "" }
        #expect(paths == [dir.appendingPathComponent("a/b.yml").path, dir.appendingPathComponent("z.yaml").path])
    }

    @Test func warningsAloneExit0AndJSONIsMachineReadable() throws {
        let result = try run(["--check", "--format", "json", "-"], stdin: "a: 1\na: 2\n")
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let array = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["code"] as? String == "KRO019")
        #expect(array.first?["severity"] as? String == "warning")
        #expect(array.first?["file"] as? String == "<stdin>")
    }

    @Test func bundledExamplesAreClean() throws {
        var root = URL(fileURLWithPath: #filePath)
        while root.path != "/" {
            root.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { break }
        }
        let result = try run(["--check", root.appendingPathComponent("examples").path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorExits2() throws {
        #expect(try run(["--check"]).status == 2)
        #expect(try run(["--check", "--format", "xml", "-"], stdin: "").status == 2)
    }
}
