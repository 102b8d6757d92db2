import JSON
import KroEngine
import KroTestSupport
import Testing
@testable import LanguageServer

@Suite struct ConfigurationTests {
    @Test func readsTheKroSectionOrTheSectionItself() {
        var configuration = Configuration()
        configuration.update(from: ["kro": ["crdPaths": ["crds", "/abs/x.yaml"], "omitFunction": true]])
        #expect(configuration.crdPaths == ["crds", "/abs/x.yaml"])
        #expect(configuration.omitFunction)
        configuration.update(from: ["omitFunction": false, "analysisDelayMs": 5])
        #expect(!configuration.omitFunction)
        #expect(configuration.analysisDelayMilliseconds == 5)
        // Wrong types keep the previous values.
        configuration.update(from: ["kro": ["crdPaths": "crds", "omitFunction": "yes"]])
        #expect(configuration.crdPaths == ["crds", "/abs/x.yaml"])
        #expect(!configuration.omitFunction)
    }

    @Test func resolvesRelativeCRDPathsAgainstTheRoot() {
        var configuration = Configuration()
        configuration.update(from: ["crdPaths": ["crds", "/abs/x.yaml"], "omitFunction": true])
        let options = configuration.analysisOptions(root: "/work/project", store: SchemaStore())
        #expect(options.crdPaths == ["/work/project/crds", "/abs/x.yaml"])
        #expect(options.omitFunctionEnabled)
        let crdFiles = configuration.crdFiles(root: "/work/project")
        #expect(crdFiles.contains("/work/project/crds/a.yaml"))
        #expect(crdFiles.contains("/work/project/crds/deep/b.json"))
        #expect(crdFiles.contains("/abs/x.yaml"))
        #expect(!crdFiles.contains("/work/project/crdsX/a.yaml"))
        #expect(!crdFiles.contains("/abs/x.yaml.bak"))
        #expect(!crdFiles.contains("/work/project"))
        #expect(filePath(fromURI: "file:///a%20b/c.yaml") == "/a b/c.yaml")
        #expect(filePath(fromURI: "untitled:1") == nil)
    }

    @Test func crdPathSetMatchesFilesFoldersAndTheRoot() {
        let set = CRDPathSet(["/a/crds/", "/b/one.yaml", "rel"])
        #expect(set.contains("/a/crds"))
        #expect(set.contains("/a/crds/x/y.yaml"))
        #expect(!set.contains("/a/crdsy.yaml"))
        #expect(set.contains("/b/one.yaml"))
        #expect(!set.contains("/b"))
        #expect(set.contains("rel/x.yaml"))
        #expect(!set.contains("/rel/x.yaml"))
        #expect(CRDPathSet(["/"]).contains("/any/where.yaml"))
        #expect(!CRDPathSet([]).contains("/any/where.yaml"))
    }

    /// `crdPaths` is read up to the limit of a `.kro-lsp.yaml` list, and says so.
    @Test func crdPathsPastTheLimitAreNotRead() {
        var configuration = Configuration()
        let limit = ProjectConfiguration.maxListEntries
        let problems = configuration.update(from: ["crdPaths": .array((0...limit).map { .string("crds/\($0)") })])
        #expect(configuration.crdPaths.count == limit)
        #expect(configuration.crdPaths.last == "crds/\(limit - 1)")
        #expect(problems == ["kro.crdPaths: more than \(limit) entries, kro-lsp's limit; the entries from here on are not read"])
        #expect(configuration.update(from: ["crdPaths": ["crds"]]).isEmpty)
        #expect(configuration.crdPaths == ["crds"])
    }

    /// Too many `crdPaths` in the initialization options: the user is told once the client
    /// is ready, and a change to a file in one of the paths read still re-analyses.
    @Test func tooManyCRDPathsAreShownAndTheFirstStillWatched() async throws {
        let limit = ProjectConfiguration.maxListEntries
        let client = InProcessLSPClient()
        try await client.initialize(options: ["crdPaths": .array((0...limit).map { .string("/crds/\($0)") }), "analysisDelayMs": 0])
        let message = try await client.wait(for: "showMessage") { $0["method"] == "window/showMessage" }
        #expect(message["params"]?["type"] == 2)
        #expect(message["params"]?["message"]?.stringValue?.contains("kro.crdPaths: more than \(limit) entries") == true)
        let uri = "file:///w.yaml"
        try await client.open(uri, "a: 1\n")
        client.notify("workspace/didChangeWatchedFiles", ["changes": .array((0..<10_000).map {
            ["uri": .string("file:///elsewhere/\($0).yaml"), "type": 2]
        } + [["uri": "file:///crds/7/widget.yaml", "type": 2]])])
        #expect(try await client.diagnostics(for: uri)["version"] == 1)
        #expect(try await client.result("shutdown") == .null)
    }
}
