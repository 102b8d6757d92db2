import Foundation
import JSON
import KroEngine
import KroTestSupport
import Testing

/// RGD chaining stops at `RGDChaining.maxRounds` in the server as in `--check`: over the
/// same files, the server publishes what `--check` reports, for a chain longer than the
/// bound and for RGDs that chain in a cycle whose status types grow every round, and it
/// stops analysing again.
@Suite struct ChainingBoundTests {
    /// `Level0` has a string status; `LevelK` reads `Level(K-1)`'s status into its own
    /// and multiplies it by 2, an error wherever that status is known to be a string.
    static func level(_ k: Int) -> String {
        if k == 0 {
            return RGDFixture.text(name: "level0", kind: "Level0", spec: "name: string",
                                   status: "v: ${config.data.endpoint}", resources: """
                - id: config
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: level0
                    data:
                      endpoint: host
                """)
        }
        return ChainingFixtures.reader("level\(k)", kind: "Level\(k)", status: "v: ${prev.status.v}",
                                       id: "prev", reads: "Level\(k - 1)", more: """
            - id: check
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: check\(k)
                data:
                  doubled: ${prev.status.v * 2}
            """)
    }

    /// `A` and `B` each put the other's `inner` status in a list as their own: every round
    /// nests one list deeper, so the CRDs never settle. `C` reads A's: its error names the
    /// type the last round reached.
    static func growing(_ name: String, reads other: String, status: String? = nil) -> String {
        ChainingFixtures.reader(name, kind: name.uppercased(), status: status ?? "inner: ${[\(other).status.inner]}",
                                id: other, reads: other.uppercased())
    }

    /// One finding as both sides can say it: code, 0-based line, message.
    static func finding(code: String, line: Int, message: String) -> String { "\(code) @\(line): \(message)" }

    /// What `--check --format json` reports for each file of `dir`, by file name.
    func checkFindings(_ dir: URL, files: [String]) throws -> [String: [String]] {
        let result = try CLIProcess.run(["--check", "--format", "json", dir.path])
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        var out = Dictionary(uniqueKeysWithValues: files.map { ($0, [String]()) })
        for d in report["diagnostics"]?.arrayValue ?? [] {
            guard let file = d["file"]?.stringValue.map({ URL(fileURLWithPath: $0).lastPathComponent }),
                  let code = d["code"]?.stringValue, case .int(let line)? = d["range"]?["start"]?["line"],
                  let message = d["message"]?.stringValue else { continue }
            out[file, default: []].append(Self.finding(code: code, line: Int(line) - 1, message: message))
        }
        return out.mapValues { $0.sorted() }
    }

    /// The server's last published findings per file once it has published nothing for
    /// `quiet` seconds and they equal `expected` (or at `deadline`), and whether it went quiet.
    func serverFindings(_ dir: URL, files: [String], expected: [String: [String]],
                        quiet: TimeInterval = 2, deadline: TimeInterval = 120) throws -> (findings: [String: [String]], settled: Bool, publishes: Int) {
        let client = try LSPTestClient()
        try client.initialize()
        for file in files {
            let url = dir.appendingPathComponent(file)
            client.open(url.absoluteString, try String(contentsOf: url, encoding: .utf8))
        }
        let end = Date().addingTimeInterval(deadline)
        var seen = -1, lastChange = Date(), latest: [String: [String]] = [:]
        while true {
            let published = client.messages.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
            if published.count != seen { seen = published.count; lastChange = Date() }
            latest = [:]
            for message in published {
                guard let uri = message["params"]?["uri"]?.stringValue, let url = URL(string: uri) else { continue }
                latest[url.lastPathComponent] = (message["params"]?["diagnostics"]?.arrayValue ?? []).compactMap { d in
                    guard let code = d["code"]?.stringValue, case .int(let line)? = d["range"]?["start"]?["line"],
                          let message = d["message"]?.stringValue else { return nil }
                    return Self.finding(code: code, line: Int(line), message: message)
                }.sorted()
            }
            let quietNow = Date().timeIntervalSince(lastChange) >= quiet
            if quietNow && latest == expected {
                #expect(try client.shutdownAndExit() == 0)
                return (latest, true, seen)
            }
            if Date() > end { return (latest, false, seen) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func compare(_ files: [String: String]) throws -> [String: [String]] {
        let dir = try CLIProcess.directory(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = files.keys.sorted()
        let check = try checkFindings(dir, files: names)
        let server = try serverFindings(dir, files: names, expected: check)
        #expect(server.settled, "the server kept publishing (\(server.publishes) times) or differs from --check")
        #expect(server.findings == check)
        return check
    }

    @Test func aChainLongerThanTheBoundGetsTheSameDiagnosticsFromTheServer() throws {
        let depth = RGDChaining.maxRounds + 2
        let files = Dictionary(uniqueKeysWithValues: (0...depth).map { ("level\($0).yaml", Self.level($0)) })
        let check = try compare(files)
        // A level's status type is known when its chain down to Level0 fits in the bound.
        for k in 1...depth {
            let typed = check["level\(k).yaml", default: []].contains { $0.contains("'_*_' applied to '(string, int)'") }
            #expect(typed == (k <= RGDChaining.maxRounds), "level\(k): \(check["level\(k).yaml", default: []])")
        }
    }

    @Test func rgdsWhoseStatusTypesGrowInACycleStop() throws {
        let check = try compare(["a.yaml": Self.growing("a", reads: "b"), "b.yaml": Self.growing("b", reads: "a"),
                                 "c.yaml": Self.growing("c", reads: "a", status: "probe: ${a.status.inner + 1}")])
        let nested = String(repeating: "list(", count: RGDChaining.maxRounds) + "dyn" + String(repeating: ")", count: RGDChaining.maxRounds)
        #expect(check["c.yaml"]?.first?.contains("'_+_' applied to '(\(nested), int)'") == true, "\(check)")
    }
}
