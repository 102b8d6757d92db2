import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// Admission reads `spec.resources` items on several threads (`AdmissionReader.readResources`):
/// each item alone, then the items whose read looked at other items (fixes proposing an id
/// from those taken so far) again in order. Held to the one-thread read: every resource,
/// finding (fixes included), kind and flag the same.
@Suite struct ParallelAdmissionTests {
    static let parallel = ResourceSlices(threads: 4, minimumParallelJobs: 1)

    static func differences(_ text: String) -> [String] {
        let source = SourceText(text)
        let root = YAMLParser.parse(source).documents.first?.root
        guard let one = RGDParser.admit(root: root, source: source),
              let many = RGDParser.admit(root: root, source: source, slices: parallel) else { return ["not an RGD"] }
        var out: [String] = []
        func same<T: Equatable>(_ a: T, _ b: T, _ what: String) { if a != b { out.append("\(what): \(a) ≠ \(b)") } }
        same(many.diagnostics, one.diagnostics, "diagnostics")
        same(many.resourceDiagnostics, one.resourceDiagnostics, "resource diagnostics")
        same(many.selfContained, one.selfContained, "self-contained")
        same(many.taken, one.taken, "taken")
        same(many.gvks, one.gvks, "kinds")
        same(many.rgd.resources.map(Self.fingerprint), one.rgd.resources.map(Self.fingerprint), "resources")
        same(one.gvks, one.rgd.resources.map(RGDAnalyzer.objectGVK), "kinds read by objectGVK")
        return out
    }

    static func fingerprint(_ r: RGDResource) -> String {
        "\(r.index) \(r.node.range) \(r.id?.value ?? "-") \(r.template?.range.description ?? "-") \(r.nodeType) "
            + "\(r.forEach.count) \(r.includeWhen?.items.count ?? -1) \(r.readyWhen?.items.count ?? -1)"
    }

    /// Items of every sort: plain, without an id (a fix proposes one from the kind),
    /// bare objects of the format before ids (the same), scalars (no resource), externalRefs,
    /// with ids the proposals must avoid (`configMap`, `configMap2`) placed anywhere.
    static func generated(seed: Int) -> String {
        var random = DependencyGraphScaleTests.Seeded(state: UInt64(seed) &* 31 &+ 5)
        let kinds = ["ConfigMap", "Service", "Deployment"]
        var lines = ["apiVersion: kro.run/v1alpha1", "kind: ResourceGraphDefinition", "metadata: {name: demo}",
                     "spec:", "  schema: {apiVersion: v1alpha1, kind: Demo, spec: {name: string}}", "  resources:"]
        for i in 0..<(4 + random.next(40)) {
            let kind = kinds[random.next(kinds.count)]
            let apiVersion = kind == "Deployment" ? "apps/v1" : "v1"
            switch random.next(7) {
            case 0:
                lines += ["  - template:", "      apiVersion: \(apiVersion)", "      kind: \(kind)", "      metadata: {name: x\(i)}"]
            case 1:
                lines += ["  - apiVersion: \(apiVersion)", "    kind: \(kind)", "    metadata: {name: x\(i)}"]
            case 2:
                lines += ["  - just a scalar \(i)"]
            case 3:
                let id = ["configMap", "configMap2", "service", "deployment3"][random.next(4)]
                lines += ["  - id: \(id)", "    template: {apiVersion: \(apiVersion), kind: \(kind), metadata: {name: t\(i)}}"]
            case 4:
                lines += ["  - id: ext\(i)", "    externalRef: {apiVersion: \(apiVersion), kind: \(kind), metadata: {name: e\(i)}}"]
            default:
                lines += ["  - id: r\(i)", "    readyWhen: [\"${r\(i).metadata.name != ''}\"]",
                          "    template:", "      apiVersion: \(apiVersion)", "      kind: \(kind)",
                          "      metadata: {name: \"${schema.spec.name}-\(i)\"}"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: 0..<80) func generatedRGDsAdmitAsOnOneThread(seed: Int) {
        let text = Self.generated(seed: seed)
        let differences = Self.differences(text)
        #expect(differences.isEmpty, "seed \(seed): \(differences.prefix(3).joined(separator: "\n"))")
    }

    /// The generated RGDs do what the test is about: ids proposed across items.
    @Test func proposedIDsDependOnEarlierItems() throws {
        let text = Self.generated(seed: 3)
        let source = SourceText(text)
        let admission = try #require(RGDParser.admit(root: YAMLParser.parse(source).documents.first?.root,
                                                     source: source, slices: Self.parallel))
        #expect(admission.selfContained.filter { !$0 }.count >= 2)
        let fixes = (admission.diagnostics + admission.resourceDiagnostics.flatMap { $0 }).flatMap(\.fixes).map(\.title)
        #expect(Set(fixes).count == fixes.count && fixes.count >= 2, "\(fixes)")
    }

    @Test func corpusFilesAdmitAsOnOneThread() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var compared = 0
        for name in RGDCorpusTests.corpusFiles() {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            let source = SourceText(text)
            for document in YAMLParser.parse(source).documents where RGDParser.isRGD(document.root) {
                let differences = Self.differences(String(decoding: source.bytes[document.range.start..<document.range.end], as: UTF8.self))
                #expect(differences.isEmpty, "\(name): \(differences.prefix(3).joined(separator: "\n"))")
                compared += 1
            }
        }
        #expect(compared >= 40)
    }
}

/// The one-pass bare-object test against the set of keys it replaced, on every mapping of
/// the corpus and of generated items (keys in every order, repeated, merge keys, non-string keys).
@Suite struct BareObjectTests {
    static func reference(_ map: YAMLMapping) -> Bool {
        let keys = Set(map.effectiveEntries.compactMap { $0.key.keyString })
        return keys.isDisjoint(with: ["id", "template", "externalRef"])
            && keys.contains("kind") && (keys.contains("apiVersion") || keys.contains("metadata"))
    }

    static func compareAll(_ root: YAMLNode) -> (compared: Int, bare: Int) {
        var nodes = [root], compared = 0, bare = 0
        while let node = nodes.popLast() {
            switch node {
            case .mapping(let m):
                #expect(LegacyFormats.isBareObject(m) == reference(m), "\(m.range)")
                compared += 1
                if reference(m) { bare += 1 }
                for e in m.entries { nodes.append(e.key); nodes.append(e.value) }
            case .sequence(let s): nodes += s.items
            default: break
            }
        }
        return (compared, bare)
    }

    @Test func corpusAndGeneratedMappingsAgree() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var total = (compared: 0, bare: 0)
        for name in RGDCorpusTests.corpusFiles() {
            let data = try Data(contentsOf: root.appendingPathComponent(name))
            for document in YAMLParser.parse(SourceText(bytes: Array(data))).documents {
                if let node = document.root { let r = Self.compareAll(node); total.compared += r.compared; total.bare += r.bare }
            }
        }
        var random = DependencyGraphScaleTests.Seeded(state: 77)
        let keys = ["id", "template", "externalRef", "kind", "apiVersion", "metadata", "spec", "data", "1", "true", "<<"]
        var lines: [String] = ["base: &b {kind: K}", "items:"]
        for _ in 0..<400 {
            let chosen = (0..<(1 + random.next(5))).map { _ in keys[random.next(keys.count)] }
            let entries = Set(chosen).map { $0 == "<<" ? "<<: *b" : "\($0): x" }
            lines.append("- {" + entries.joined(separator: ", ") + "}")
        }
        let generated = YAMLParser.parse(SourceText(lines.joined(separator: "\n") + "\n"))
        let root2 = try #require(generated.documents.first?.root)
        let r = Self.compareAll(root2)
        total.compared += r.compared; total.bare += r.bare
        #expect(total.compared > 1_000 && total.bare >= 20)
    }
}
