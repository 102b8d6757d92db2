import JSON
import KroEngine
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
        #expect(configuration.isCRDFile("/work/project/crds/a.yaml", root: "/work/project"))
        #expect(configuration.isCRDFile("/abs/x.yaml", root: "/work/project"))
        #expect(!configuration.isCRDFile("/work/project/crdsX/a.yaml", root: "/work/project"))
        #expect(filePath(fromURI: "file:///a%20b/c.yaml") == "/a b/c.yaml")
        #expect(filePath(fromURI: "untitled:1") == nil)
    }
}
