import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// `Preview.instanceDiagnostics` reads each document's type from its `apiVersion`/`kind`
/// and generates CRDs only for the RGDs some document names. Seeded files compared with
/// the rule it replaced: whole documents converted to JSON, every RGD's CRD generated,
/// the first RGD of the document's type admitting it.
@Suite struct InstanceDiagnosticsRuleTests {
    static func reference(_ file: YAMLFile, rgds: [RGDAnalysis]) -> [Diagnostic] {
        let kinds = rgds.compactMap { $0.generatedCRD.flatMap { InstanceKind(crd: $0.result.crd) } }
        guard !kinds.isEmpty else { return [] }
        return file.documents.filter(\.errors.isEmpty).flatMap { document -> [Diagnostic] in
            guard let root = document.root?.jsonValue, let apiVersion = root["apiVersion"]?.stringValue,
                  let kindName = root["kind"]?.stringValue,
                  let kind = kinds.first(where: { $0.apiVersion == apiVersion && $0.kind == kindName }) else { return [] }
            return InstanceAdmission.admit(document, kind: kind, source: file.source).diagnostics
        }
    }

    static let kinds = ["Demo", "Web", "ResourceGraphDefinition"]
    static let groups = [nil, "", "apps.example.com"]
    static let versions = ["v1alpha1", "v1"]

    /// An RGD of a random kind whose `replicas` maximum tells which RGD admitted an instance.
    static func rgd(_ i: Int, _ random: inout SplitMix64) -> String {
        let group = groups[random.next(below: groups.count)].map { "    group: \"\($0)\"\n" } ?? ""
        return """
            apiVersion: kro.run/v1alpha1
            kind: ResourceGraphDefinition
            metadata:
              name: r\(i)
            spec:
              schema:
                apiVersion: \(versions[random.next(below: versions.count)])
                kind: \(kinds[random.next(below: kinds.count)])

            """ + group + """
                spec:
                  replicas: integer | maximum=\(random.next(below: 5))
              resources:
              - id: cm
                template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}

            """
    }

    /// An instance whose type is written in one of the ways YAML allows (quoted, merged,
    /// duplicated, not a string), or is missing.
    static func instance(_ random: inout SplitMix64) -> String {
        let group = [nil, "kro.run", "apps.example.com", ""][random.next(below: 4)]
        let version = versions[random.next(below: versions.count)]
        let apiVersion = group.map { $0.isEmpty ? version : "\($0)/\(version)" } ?? version
        let kind = kinds[random.next(below: kinds.count)]
        let head: String
        switch random.next(below: 6) {
        case 0: head = "apiVersion: \"\(apiVersion)\"\nkind: '\(kind)'\n"
        case 1: head = "<<: {apiVersion: \(apiVersion), kind: \(kind)}\n"
        case 2: head = "apiVersion: other/v9\nkind: \(kind)\napiVersion: \(apiVersion)\n"
        case 3: head = "apiVersion: \(apiVersion)\nkind: 12\n"
        case 4: head = "kind: \(kind)\n"
        default: head = "apiVersion: \(apiVersion)\nkind: \(kind)\n"
        }
        return head + "metadata: {name: i}\nspec: {replicas: \(random.next(below: 5))}\n"
    }

    @Test func sameFindingsAsWholeDocumentRule() {
        var random = SplitMix64(seed: 0x10_16)
        var compared = 0
        var admitted = 0
        for _ in 0..<60 {
            let rgdSource = (0..<(1 + random.next(below: 4))).map { Self.rgd($0, &random) }.joined(separator: "---\n")
            let rgds = DocumentAnalyzer.analyze(SourceText(rgdSource), options: .bundled).rgds
            var documents = (0..<(1 + random.next(below: 4))).map { _ in Self.instance(&random) }
            if random.next(below: 3) == 0 { documents.append(rgdSource) }
            let file = YAMLParser.parse(SourceText(documents.joined(separator: "---\n")))
            let expected = Self.reference(file, rgds: rgds)
            #expect(Preview.instanceDiagnostics(file, rgds: rgds) == expected)
            // One index read for several files, as a `--check` run reads it.
            let index = InstanceKindIndex(rgds: rgds)
            #expect(Preview.instanceDiagnostics(file, kinds: index) == expected)
            for text in documents {
                let alone = YAMLParser.parse(SourceText(text))
                #expect(Preview.instanceDiagnostics(alone, kinds: index) == Self.reference(alone, rgds: rgds))
            }
            compared += 1
            admitted += expected.isEmpty ? 0 : 1
        }
        #expect(compared == 60)
        #expect(admitted >= 10, "too few files had admission findings to compare: \(admitted)")
    }
}
