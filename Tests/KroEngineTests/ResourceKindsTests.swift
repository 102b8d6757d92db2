import Testing
@testable import KroEngine

/// `ResourceKinds` answers each resource's kind as recorded, keeping one schema per kind.
@Suite struct ResourceKindsTests {
    @Test func eachResourceReadsItsKindAndMapsOncePerKind() throws {
        let store = AnalysisOptions.bundled.schemaStore
        let configMap = try #require(GroupVersionKind(apiVersion: "v1", kind: "ConfigMap").flatMap(store.lookup))
        let deployment = try #require(GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment").flatMap(store.lookup))
        var kinds = ResourceKinds()
        for index in [0, 2, 5] { kinds.set(configMap, forResource: index) }
        kinds.set(deployment, forResource: 3)
        #expect([0, 2, 5].allSatisfy { kinds[$0] == configMap })
        #expect(kinds[3] == deployment && kinds[1] == nil && kinds[4] == nil)
        #expect(kinds.known(configMap.gvk) == configMap && kinds.known(deployment.gvk) == deployment)
        #expect(GroupVersionKind(apiVersion: "v1", kind: "Secret").flatMap(kinds.known) == nil)
        var calls = 0
        let names = kinds.mapValues { kind -> String in calls += 1; return kind.gvk.kind }
        #expect(names == [0: "ConfigMap", 2: "ConfigMap", 5: "ConfigMap", 3: "Deployment"] && calls == 2)
    }
}
