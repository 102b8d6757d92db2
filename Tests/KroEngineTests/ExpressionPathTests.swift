import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

/// The field path recorded with each template and status expression leads, step by step
/// through the YAML as kubectl reads it, to the expression's own scalar (every corpus RGD).
@Suite struct ExpressionPathTests {
    static func follow(_ path: [SchemaPathSegment], from start: YAMLNode) -> YAMLNode? {
        var node = start
        for segment in path {
            switch segment {
            case .field(let key):
                guard let value = node.mapping?.effectiveEntries.first(where: { $0.key.keyString == key })?.value
                else { return nil }
                node = value
            case .index(let i):
                guard let items = node.sequence?.items, items.indices.contains(i) else { return nil }
                node = items[i]
            }
        }
        return node
    }

    @Test func pathsLeadToTheExpressionsScalar() throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var checked = 0
        for file in RGDCorpusTests.corpusFiles() {
            let data = try Data(contentsOf: root.appendingPathComponent(file))
            for rgd in DocumentAnalyzer.analyze(SourceText(bytes: [UInt8](data)), options: .bundled).rgds {
                for e in rgd.expressions {
                    let start: YAMLNode?
                    switch e.kind {
                    case .template:
                        start = e.resourceIndex.flatMap(rgd.rgd.resource(atIndex:))?.template
                    case .externalRef:
                        start = e.resourceIndex.flatMap(rgd.rgd.resource(atIndex:))?.externalRef?.node
                    case .status:
                        start = rgd.rgd.schema?.status
                    default:
                        continue
                    }
                    let reached = start.flatMap { Self.follow(e.path, from: $0) }
                    #expect(reached?.scalar?.range == e.scalar.range, "\(file): \(e.pathText)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000, "too few expressions checked: \(checked)")
    }
}
