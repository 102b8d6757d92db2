import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct DependencyGraphTests {
    /// A ConfigMap resource whose name reads the given ids.
    static func resource(_ id: String, deps: [String]) -> String {
        let refs = deps.map { "${\($0).metadata.name}" }.joined()
        return "  - id: \(id)\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"x\(refs)\"}}"
    }

    static func graph(_ spec: [(String, [String])]) throws -> RGDAnalysis {
        let body = "  resources:\n" + spec.map { resource($0.0, deps: $0.1) }.joined(separator: "\n")
        return try #require(rgdAnalysis(rgd(body)))
    }

    @Test func topologicalOrderFollowsDeclarationPriority() throws {
        let a = try Self.graph([("vpc", []), ("clusterpolicy", []), ("clusterrole", ["clusterpolicy"]),
                                ("subnet1", ["vpc"]), ("subnet2", ["vpc"]),
                                ("cluster", ["clusterrole", "subnet1", "subnet2"])])
        #expect(a.topologicalOrder == ["vpc", "clusterpolicy", "clusterrole", "subnet1", "subnet2", "cluster"])
        #expect(a.graph.waves == ["vpc": 1, "clusterpolicy": 1, "clusterrole": 2, "subnet1": 2, "subnet2": 2, "cluster": 3])
        let b = try Self.graph([("a", ["c"]), ("b", []), ("c", [])])
        #expect(b.topologicalOrder == ["b", "c", "a"])
        let c = try Self.graph([("a", ["b"]), ("b", []), ("c", [])])
        #expect(c.graph.waves == ["a": 2, "b": 1, "c": 2])
        #expect(c.graph.dependencies(of: "a") == ["b"])
    }

    /// One edge per resource read, at its first reference, in the order first read.
    @Test func eachResourceReadIsOneEdgeAtItsFirstReference() throws {
        let a = try Self.graph([("p", []), ("q", []), ("s", []), ("hub", ["q", "p", "q", "s", "p"])])
        #expect(a.graph.dependencies(of: "hub") == ["q", "p", "s"])
        let edges = try #require(a.graph.edges["hub"])
        try #require(edges.count == 3)
        #expect(edges.allSatisfy { $0.from == "hub" })
        #expect(edges[0].range.start < edges[1].range.start && edges[1].range.start < edges[2].range.start)
        // Across the template and the resource's other expressions.
        let text = rgd("""
              resources:
              - id: x
                template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
              - id: hub
                includeWhen: ["${x.metadata.name != ''}"]
                template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${x.metadata.name}"}}

            """)
        let b = try #require(rgdAnalysis(text))
        #expect(b.graph.dependencies(of: "hub") == ["x"])
    }

    @Test func cycleIsReportedOnEveryMemberWithEdges() throws {
        let a = try Self.graph([("x", []), ("b", ["c"]), ("c", ["b"])])
        let cycle = a.diagnostics.filter { $0.code == "KRO319" }
        #expect(cycle.count == 2)
        #expect(cycle.allSatisfy { $0.message == "graph contains a cycle: b -> c -> b" })
        #expect(cycle.first?.related.count == 2)
        #expect(a.topologicalOrder == nil)
        // Primary ranges are the ids; related ranges the references.
        let text = rgd("  resources:\n" + [("x", []), ("b", ["c"]), ("c", ["b"])].map { Self.resource($0.0, deps: $0.1) }.joined(separator: "\n"))
        let source = SourceText(text)
        #expect(cycle.map { source.string(in: $0.range) } == ["b", "c"])
        #expect(cycle[0].related.map { source.string(in: $0.range) } == ["c", "b"])
    }

    /// A cycle of many resources is reported on each with its text naming 32 of them and
    /// as many related places.
    @Test func aLongCycleIsReportedOnEachMemberCapped() throws {
        let count = 40
        let a = try Self.graph((0..<count).map { ("r\($0)", ["r\(($0 + 1) % count)"]) })
        let cycle = a.diagnostics.filter { $0.code == "KRO319" }
        #expect(cycle.count == count)
        let shown = (0..<16).map { "r\($0)" } + ["… 8 more"] + (24..<count).map { "r\($0)" } + ["r0"]
        #expect(cycle.allSatisfy { $0.message == "graph contains a cycle: " + shown.joined(separator: " -> ") })
        #expect(cycle.allSatisfy { $0.related.count == AnalysisLimits.cycleMembersShown })
    }

    @Test func shadowedAndQualifiedNamesAreNotDependencies() throws {
        let body = """
          resources:
          - id: hash
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
          - id: b
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${[1].map(hash, string(hash))[0]}-${string(hash.sha256('x'))}"}}
        """
        let a = try #require(rgdAnalysis(rgd(body)))
        #expect(a.graph.dependencies(of: "b") == [])
    }

    @Test func stringTemplateCELText() throws {
        let body = """
          resources:
          - id: a
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "pre-${schema.spec.name}\\t\\"q\\"${1}"}}
        """
        let a = try #require(rgdAnalysis(rgd(body)))
        let e = try #require(a.expressions.first)
        #expect(e.celText == #""pre-" + (schema.spec.name) + "\t\"q\"" + (1)"#)
        #expect(e.form == .stringTemplate)
        #expect(e.pathText == "metadata.name")
        #expect(e.references.map(\.name) == ["schema"])
    }

    @Test func rendersDotAndMermaidWithIncludeWhen() throws {
        let body = """
          resources:
          - id: a
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
          - id: b
            includeWhen: ["${schema.spec.name == 'on'}"]
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${a.metadata.name}"}}
        """
        let a = try #require(rgdAnalysis(rgd(body)))
        let dot = a.renderGraph(.dot)
        #expect(dot.contains(#""b" -> "a";"#))
        #expect(dot.contains(#"includeWhen: ${schema.spec.name == 'on'}"#))
        let mermaid = a.renderGraph(.mermaid)
        #expect(mermaid.contains("n1 --> n0"))
        #expect(mermaid.contains("includeWhen: ${schema.spec.name == 'on'}"))
    }

    /// An id or kind with a line break, a quote or `#` stays inside its Mermaid label.
    @Test func mermaidLabelsStayOnTheirLine() throws {
        let body = """
          resources:
          - id: "a\\"b\\nc]];x#1"
            template: {apiVersion: v1, kind: "Config\\r\\nMap", metadata: {name: x}}
        """
        let a = try #require(rgdAnalysis(rgd(body)))
        let mermaid = a.renderGraph(.mermaid)
        let node = try #require(mermaid.split(separator: "\n").first { $0.hasPrefix("  n0[") })
        #expect(node == #"  n0["a#quot;b<br/>c]];x#35;1<br/>Resource Config<br/>Map"]"#, "\(mermaid)")
    }
}
