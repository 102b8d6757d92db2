import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// Damaged RGDs never crash or hang the analysis, and every range stays inside the file.
@Suite struct RGDRobustnessTests {
    @Test func nonMappingResourceItemsKeepIndicesStraight() throws {
        let a = try #require(rgdAnalysis(rgd("""
          resources:
          - 42
          - id: b
            readyWhen: ["${b.metadata.name != ''}"]
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: "${schema.spec.name}"}}
        """)))
        #expect(a.diagnostics.map(\.code) == ["KRO016"])
    }

    @Test func truncatedAndMutatedCorpusRGDs() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var rng = SystemRandomNumberGenerator()
        var analysed = 0
        for file in RGDCorpusTests.corpusFiles() {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(file)))
            guard String(decoding: bytes, as: UTF8.self).contains("ResourceGraphDefinition") else { continue }
            for _ in 0..<6 {
                var mutated = bytes
                let cut = Int.random(in: 0...mutated.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: mutated = Array(mutated[..<cut])
                case 1 where cut < mutated.count: mutated.insert(contentsOf: Array("${".utf8), at: cut)
                default: if cut < mutated.count { mutated.remove(at: cut) }
                }
                let analysis = DocumentAnalyzer.analyze(SourceText(bytes: mutated), options: .bundled)
                for d in analysis.diagnostics {
                    #expect(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= mutated.count,
                            "\(file): \(d.code) \(d.range)")
                }
                analysed += 1
            }
        }
        #expect(analysed > 100)
    }
}
