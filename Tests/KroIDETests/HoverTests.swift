import KroIDE
import KroTestSupport
import Testing

@Suite struct HoverTests {
    static let resources = """
        - id: deployment
          template:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ${schema.spec.name}
            spec:
              replicas: 1️⃣${schema.spec.replicas}
        - id: service
          template:
            apiVersion: v1
            kind: Service
            metadata:
              name: ${deployment.metadata.name}
            spec:
              ports: '${schema.spec.ports.map(p, {"port": p.number})}'
    """

    func at(_ old: String, _ new: String) -> String {
        rgd(Self.resources.replacingOccurrences(of: old, with: new))
    }

    @Test func schemaFieldShowsTypeDefaultAndMarkers() {
        checkHover(at("${schema.spec.replicas}", "${schema.spec.«repl$0icas»}"), contains: ["integer", "default: `3`", "minimum=1"])
        checkHover(at("${schema.spec.name}", "${schema.spec.«na$0me»}"), contains: ["required", "The app's name"])
    }

    @Test func resourceIdShowsKindDependenciesAndDependents() {
        checkHover(at("${deployment.metadata.name}", "${«deploy$0ment».metadata.name}"),
                   contains: ["apps/v1 Deployment", "dependents: `service`", "depends on: nothing", "declared on line"])
    }

    @Test func kubernetesFieldInAPath() {
        checkHover(at("${deployment.metadata.name}", "${deployment.metadata.«na$0me»}"), contains: ["string", "Name must be unique"])
    }

    @Test func functionAndMacroDocs() {
        checkHover(at("${schema.spec.replicas}", "${string(schema.spec.replicas).«si$0ze»()}"), contains: ["string.size() -> int", "code points"])
        checkHover(at("ports.map(p,", "ports.«m$0ap»(p,"), contains: ["(macro)", "transform"])
    }

    @Test func subExpressionType() {
        checkHover(at("${schema.spec.replicas}", "${«schema.spec.replicas +$0 1»}"), contains: ["int"])
    }

    @Test func templateKeyAndMarker() {
        checkHover(at("      replicas: 1️⃣", "      «repl$0icas»: "), contains: ["**replicas**", "integer", "desired pods"])
        checkHover(rgd(schema: "    spec:\n      count: integer | «defa$0ult»=3", ""), contains: ["SimpleSchema marker", "omitted"])
    }

    /// A schema may list a million enum values or carry a megabyte description: the hover
    /// shows the first values and characters, and says how many values there are.
    @Test func hugeEnumAndDescriptionAreClipped() throws {
        let values = (0..<100).map { "v\($0)" }.joined(separator: ",")
        let description = String(repeating: "d", count: 30_000)
        let schema = "    spec:\n      color: string | enum=\"\(values)\" description=\"\(description)\""
        let info = try #require(checkHover(rgd(schema: schema, """
                - id: cm
                  template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.co$0lor}"}}
            """), contains: ["enum: `\"v0\"`, `\"v1\"`", "`\"v49\"`, … (100 in all)"]))
        #expect(!info.markdown.contains("`\"v50\"`"))
        let paragraphs = info.markdown.components(separatedBy: "\n\n")
        #expect(paragraphs.contains(String(repeating: "d", count: 20_000) + "…"))
        // The marker line quotes the marker, clipped too.
        #expect(!info.markdown.contains("v99"))
        #expect(info.markdown.utf8.count < 25_000)
    }

    /// A resource read by 60 others: the hover names the first 50 and counts them all.
    @Test func manyDependentsAreCounted() throws {
        let readers = (0..<60).map { "    - id: r\($0)\n      template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${hub.metadata.name}-\($0)\"}}" }
        let hub = "    - id: hub\n      template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}"
        let text = rgd(([hub] + readers).joined(separator: "\n"))
        let marked = text.replacingOccurrences(of: "name: \"${hub.metadata.name}-0\"", with: "name: \"${«h$0ub».metadata.name}-0\"")
        let info = try #require(checkHover(marked, contains: ["dependents: `r0`, `r1`", "`r49`, … (60 in all)"]))
        #expect(!info.markdown.contains("`r50`"))
    }

    @Test func crlfAndNonASCIIKeepRanges() {
        let m = MarkedText(at("${schema.spec.replicas}", "${schema.spec.«repl$0icas»}").replacingOccurrences(of: "web-app", with: "wéb-äpp")).crlf
        let info = Hover.info(snapshot(m), at: m.position)
        #expect(info?.range == m.ranges.first)
    }
}
