import Testing
import YAMLSyntax
@testable import KroEngine

/// Over the resource limit the analyzer's parse keeps no tree for the object items after
/// the first one over it (`AnalysisLimits.yaml`, YAMLSyntax's ResourceItemPruning): the
/// findings are exactly those of the analysis of the whole tree — KRO921, KRO016 and
/// KRO003 in the items that are not objects, duplicate keys (KRO019) inside dropped items,
/// suppression comments inside them and `# kro-lsp:` text in their scalars.
@Suite struct DroppedResourceItemsTests {
    /// A random over-limit-prone RGD.
    static func rgd(_ rng: inout SplitMix64) -> String {
        var text = """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: x}
        spec:
          schema:
            apiVersion: v1alpha1
            kind: X
            spec: {name: string}
          resources:

        """
        for n in 0..<(4 + Int(rng.next() % 10)) {
            switch rng.next() % 9 {
            case 0: text += "  - a string\n"
            case 1: text += "  - [1, .nan]\n"
            case 2: text += "  - .inf\n"
            case 3:
                text += "  - id: r\(n)\n    # kro-lsp: ignore KRO019\n    template: {apiVersion: v1, kind: ConfigMap}\n"
                text += "    template: {apiVersion: v1, kind: Secret}\n"
            case 4: text += "  - id: r\(n)\n    note: \"x # kro-lsp: ignore KRO019\"\n    note: twice\n"
            case 5: text += "  - id: r\(n)\n    note: |\n      # kro-lsp: ignore KRO003\n    v: .nan\n"
            case 6: text += "  - id: r\(n)\n    id: again  # kro-lsp: ignore KRO019\n"
            case 7: text += "  - {id: r\(n), template: {apiVersion: v1, kind: ConfigMap, metadata: {name: \"${schema.spec.name}\"}}}\n"
            default: text += "  - id: r\(n)\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata: {name: m\(n)}\n"
            }
        }
        return text
    }

    static func lines(_ analysis: DocumentAnalysis) -> [String] {
        analysis.diagnostics.map {
            "\($0.code) \($0.range) \(analysis.source.string(in: $0.range).debugDescription) \($0.message)"
        }
    }

    @Test func theFindingsAreThoseOfTheWholeTree() {
        var rng = SplitMix64(seed: 0xD20B_1735)
        var dropped = 0
        for i in 0..<60 {
            let source = SourceText(Self.rgd(&rng))
            let whole = YAMLParser.parse(source)  // no resource limit: every item's tree
            for limit in 1...5 {
                for threads in [1, 2] {
                    var options = AnalysisLimitsTests.options(resources: limit)
                    options.analysisThreads = threads
                    options.minimumParallelResources = 1
                    let analysis = DocumentAnalyzer.analyze(source, options: options)
                    dropped += analysis.yaml.documents.reduce(0) { $0 + $1.droppedItems }
                    let expected = DocumentAnalyzer.analyze(whole, options: options)
                    #expect(Self.lines(analysis) == Self.lines(expected), "rgd \(i), limit \(limit):\n\(source.text)")
                }
            }
        }
        #expect(dropped > 300)
    }

    /// The server's path: a cache, edits of one item (kept, dropped, or making a dropped
    /// one the first over the limit).
    @Test func editsThroughTheCacheFindTheSame() {
        var rng = SplitMix64(seed: 0x0ED1_7C0D)
        for i in 0..<12 {
            let cache = AnalysisCache()
            var text = Self.rgd(&rng)
            let options = AnalysisLimitsTests.options(resources: 2)
            for _ in 0..<6 {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let items = lines.indices.filter { lines[$0].hasPrefix("  - ") }
                let k = items[Int(rng.next() % UInt64(items.count))]
                lines[k] = ["  - turned into text", "  - id: fresh", "  - {id: flow}", "  - id: x\n    id: y"][Int(rng.next() % 4)]
                text = lines.joined(separator: "\n")
                let source = SourceText(text)
                let analysis = DocumentAnalyzer.analyze(source, options: options, cache: cache)
                let expected = DocumentAnalyzer.analyze(YAMLParser.parse(source), options: options)
                #expect(Self.lines(analysis) == Self.lines(expected), "rgd \(i):\n\(text)")
                #expect(analysis.yaml.documents == YAMLParser.parse(source, limits: options.limits.yaml).documents)
            }
        }
    }

    /// The parser drops items of exactly the documents admission admits as RGDs.
    @Test func theDocumentsAreThoseAdmissionAdmits() throws {
        let headers = [("kro.run/v1alpha1", "ResourceGraphDefinition"), ("kro.run/v1", "ResourceGraphDefinition"),
                       ("kro.run/v1alpha1", "ResourceGroup"), ("kro.run/v2", "ResourceGroup"), ("v1", "ResourceGroup"),
                       ("kro.run", "ResourceGroup"), ("kro.run/v1alpha1", "List"), ("\"kro.run/v1alpha1\"", "'ResourceGraphDefinition'")]
        for (apiVersion, kind) in headers {
            let source = SourceText("apiVersion: \(apiVersion)\nkind: \(kind)\nspec:\n  resources:\n  - id: a\n  - id: b\n  - id: c\n")
            let admitted = RGDParser.admit(root: YAMLParser.parse(source).documents[0].root) != nil
            let parsed = YAMLParser.parse(source, limits: AnalysisLimits(maxResources: 1).yaml)
            #expect((parsed.documents[0].droppedItems == 1) == admitted, "\(apiVersion) \(kind)")
        }
    }
}
