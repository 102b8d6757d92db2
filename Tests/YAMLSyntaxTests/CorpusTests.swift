import Foundation
import Testing
import YAMLSyntax

/// Runs the parser over every YAML file of the shared corpus and checks the invariants
/// that make positions trustworthy.
@Suite struct CorpusTests {
    static var corpusFiles: [URL] {
        var dir = URL(fileURLWithPath: #filePath)
        while dir.path != "/" {
            dir.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { break }
        }
        let corpus = dir.appendingPathComponent("../shared/corpus").standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    @Test func everyScalarMapsBackToItsSource() throws {
        let files = Self.corpusFiles
        try #require(files.count > 50)
        var scalars = 0, exact = 0
        for url in files {
            let source = SourceText(bytes: [UInt8](try Data(contentsOf: url)))
            for doc in YAMLParser.parse(source).documents {
                guard let root = doc.root else { continue }
                visit(root) { s in
                    scalars += 1
                    let segs = s.sourceMap.segments
                    if !(segs.count == 1 && segs[0].valueLength != segs[0].sourceLength) { exact += 1 }
                    #expect(mapMismatches(s, source).isEmpty, "\(url.lastPathComponent) \(s.range)")
                }
            }
        }
        // Plain files: the exact decoder agrees with libyaml on (nearly) every scalar.
        #expect(exact * 1000 >= scalars * 999, "exact \(exact) of \(scalars)")
    }

    func visit(_ node: YAMLNode, _ body: (YAMLScalar) -> Void) {
        switch node {
        case .scalar(let s): body(s)
        case .mapping(let m): for e in m.entries { visit(e.key, body); visit(e.value, body) }
        case .sequence(let s): for i in s.items { visit(i, body) }
        case .alias: break
        }
    }
}
