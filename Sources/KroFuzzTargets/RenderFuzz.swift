import JSON
import KroEngine
import YAMLSyntax

/// The instance renderer (`kro-lsp render`, `kro.preview`) on one file holding RGDs and
/// instances: the file's own instance documents are rendered, or else each RGD's scaffolded
/// instance (what the editor previews). Findings lie inside the file they point into,
/// rendering twice gives the same output, and every object the YAML output prints parses
/// back to the same value (and so does the JSON output).
enum RenderFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let source = SourceText(bytes: input)
        let analysis = DocumentAnalyzer.analyze(source, options: EngineFuzz.options)
        var instances: [SourceText] = []
        if Preview.match(rgds: analysis.rgds, instance: analysis.yaml) != nil {
            instances.append(source)
        } else {
            // At most two scaffolds: a mutated file with many RGDs must stay fast to run.
            instances += analysis.rgds.prefix(2).compactMap { InstanceScaffold.yaml(for: $0) }.map { SourceText($0) }
        }
        for instance in instances {
            let yaml = instance.bytes == input ? analysis.yaml : YAMLParser.parse(instance)
            let first = render(analysis, yaml)
            guard case .success(let result) = first else { continue }
            check(result, rgdBytes: input.count, instanceBytes: instance.count, &v)
            if case .success(let again) = render(analysis, yaml) {
                v.expect(RenderOutput.yaml(again) == RenderOutput.yaml(result), "a second render of the same input differs")
            } else {
                v.expect(false, "a second render of the same input fails")
            }
        }
        // The admission findings --check and the editor report on instance documents.
        for d in Preview.instanceDiagnostics(analysis.yaml, rgds: analysis.rgds) {
            v.expectInside(d.range, input.count, "instance \(d.code) '\(d.message.prefix(80))'")
        }
        return v.list
    }

    static func render(_ analysis: DocumentAnalysis, _ instance: YAMLFile) -> Result<RenderResult, Preview.Failure> {
        Preview.render(rgds: analysis.rgds, instance: instance, options: RenderOptions(),
                       schemaStore: EngineFuzz.options.schemaStore)
    }

    static func check(_ result: RenderResult, rgdBytes: Int, instanceBytes: Int, _ v: inout Violations) {
        for d in result.diagnostics {
            v.expectInside(d.range, rgdBytes, "render \(d.code) '\(d.message.prefix(80))'")
            v.expect(!d.message.isEmpty && d.message.utf8.count <= 4096, "render \(d.code) message is \(d.message.utf8.count) bytes")
        }
        for d in result.admission.diagnostics {
            v.expectInside(d.range, instanceBytes, "admission \(d.code) '\(d.message.prefix(80))'")
            v.expect(!d.message.isEmpty && d.message.utf8.count <= 4096, "admission \(d.code) message is \(d.message.utf8.count) bytes")
        }
        let objects = result.nodes.flatMap(\.objects) + (result.instance.map { [$0] } ?? [])
        for object in objects {
            let text = YAMLWriter.write(object)
            let back = YAMLParser.parse(SourceText(text)).documents.first
            v.expect(back?.errors.isEmpty == true, "a rendered object's YAML does not parse: \(text.prefix(200))")
            if let value = back?.root?.jsonValue {
                v.expect(JSONFuzz.equivalent(value, object), "a rendered object changes in a YAML round trip: \(text.prefix(200))")
            }
        }
        let json = RenderOutput.json(result)
        if let bytes = try? JSONSerializer(options: .init(nonFiniteNumbers: .null)).serialize(json) {
            let back = try? JSONParser().parse(bytes)
            v.expect(back.map { JSONFuzz.equivalent($0, json) } == true, "the JSON output changes in a round trip")
        } else {
            v.expect(false, "the JSON output does not serialise")
        }
    }
}
