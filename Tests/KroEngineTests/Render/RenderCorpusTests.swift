import Foundation
import JSON
import Testing
import YAMLSyntax
@testable import KroEngine

/// Every corpus instance renders against its RGD: admitted without errors, every node
/// rendered, read, skipped or pending — none failed.
@Suite struct RenderCorpusTests {
    static func corpusAnalyses() -> [(path: String, analysis: RGDAnalysis)] {
        let root = sharedDirectory().appendingPathComponent("corpus")
        return RGDCorpusTests.corpusFiles().flatMap { file -> [(String, RGDAnalysis)] in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { return [] }
            return DocumentAnalyzer.analyze(SourceText(bytes: Array(data)), options: .bundled).rgds.map { (file, $0) }
        }
    }

    @Test func everyCorpusInstanceRendersWithoutErrors() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        let rgds = Self.corpusAnalyses().filter { !$0.analysis.hasErrors }
        var rendered = 0
        for file in RGDCorpusTests.corpusFiles() {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { continue }
            let yaml = YAMLParser.parse(SourceText(bytes: Array(data)))
            guard Preview.match(rgds: rgds.map(\.analysis), instance: yaml) != nil,
                  case .success(let result) = Preview.render(rgds: rgds.map(\.analysis), instance: yaml,
                                                            options: .init(), schemaStore: bundledSchemaStore) else { continue }
            rendered += 1
            #expect(!result.hasErrors, "\(file): \(result.admission.diagnostics + result.diagnostics)")
            for node in result.nodes {
                if case .failed(let reason) = node.outcome { Issue.record("\(file): \(node.id): \(reason)") }
            }
            #expect(result.instance?["status"]?["state"] != "ERROR", "\(file)")
        }
        // The corpus README lists the instances written for its RGDs.
        #expect(rendered >= 20)
    }

    @Test func theScaffoldOfEveryCorpusRGDRendersWithoutErrors() throws {
        let rgds = Self.corpusAnalyses().filter { !$0.analysis.hasErrors }
        #expect(rgds.count >= 30)
        for (file, analysis) in rgds {
            let text = try #require(InstanceScaffold.yaml(for: analysis), "\(file)")
            let yaml = YAMLParser.parse(SourceText(text))
            #expect(yaml.errors.isEmpty, "\(file): \(text)")
            guard case .success(let result) = Preview.render(rgds: [analysis], instance: yaml, options: .init(),
                                                            schemaStore: bundledSchemaStore) else {
                Issue.record("\(file): the scaffold does not match its RGD\n\(text)")
                continue
            }
            #expect(!result.hasErrors, "\(file): \(result.admission.diagnostics + result.diagnostics)\n\(text)")
        }
    }
}
