import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// `AnalysisRetention.findings` (one-shot runs: `--check`, `crd`, `graph`) drops what only
/// editor requests read, resource by resource; what it keeps must be what `.all` (the
/// server) has: the same diagnostics, and the same model, graph, schemas and kinds that
/// RGD chaining, instance admission, breaking changes and generated CRDs read. The
/// findings runs also go through the parallel per-resource pass.
@Suite struct AnalysisRetentionTests {
    /// The number of RGDs compared.
    static func compare(_ text: String, _ name: String) -> Int {
        let source = SourceText(text)
        let everything = DocumentAnalyzer.analyze(source, options: .bundled)
        var findings = AnalysisOptions.bundled
        findings.retention = .findings
        var parallelFindings = findings
        parallelFindings.analysisThreads = 4
        parallelFindings.minimumParallelResources = 2
        for options in [findings, parallelFindings] {
            let kept = DocumentAnalyzer.analyze(source, options: options)
            #expect(kept.diagnostics == everything.diagnostics, "\(name): diagnostics (threads \(options.analysisThreads))")
            #expect(kept.rgds.count == everything.rgds.count, "\(name): RGDs")
            for (a, b) in zip(everything.rgds, kept.rgds) {
                #expect(a.diagnostics == b.diagnostics, "\(name): RGD diagnostics")
                #expect(a.statusSchemas == b.statusSchemas, "\(name): status schemas")
                #expect(a.referencedKindKeys == b.referencedKindKeys, "\(name): referenced kinds")
                #expect(a.topologicalOrder == b.topologicalOrder && a.graph.cycles == b.graph.cycles, "\(name): graph")
                #expect(a.graph.nodes == b.graph.nodes && a.graph.edges == b.graph.edges, "\(name): graph")
                #expect(a.generatedCRD?.result.crd == b.generatedCRD?.result.crd, "\(name): generated CRD")
                #expect(a.instanceSchema.schema == b.instanceSchema.schema, "\(name): instance schema")
                #expect(a.instanceSchema.customTypes == b.instanceSchema.customTypes, "\(name): custom types")
                #expect(a.instanceSchema.diagnostics == b.instanceSchema.diagnostics, "\(name): schema diagnostics")
                // The schema's fields are for editor requests only.
                #expect(a.instanceSchema.keepsFields && !b.instanceSchema.keepsFields && b.instanceSchema.fields.isEmpty)
                #expect(a.keepsEverything && !b.keepsEverything)
                #expect(b.expressions.isEmpty && b.unterminatedExpressions.isEmpty && b.checks.count == 0)
            }
            Self.compareWithoutTrees(kept, name)
        }
        return everything.rgds.count
    }

    /// What a `--check` run keeps of an analysis (`dropTrees`) gives what the run reads
    /// the same: findings, generated CRDs, chaining's content, the RGDs' headers and each
    /// resource's range, and the types of the documents admission would read; no document
    /// keeps its tree.
    static func compareWithoutTrees(_ kept: DocumentAnalysis, _ name: String) {
        var slim = kept
        let types = slim.dropTrees()
        #expect(slim.diagnostics == kept.diagnostics, "\(name): diagnostics without trees")
        #expect(slim.rgds.count == kept.rgds.count, "\(name): RGDs without trees")
        for (a, b) in zip(kept.rgds, slim.rgds) {
            #expect(a.diagnostics == b.diagnostics, "\(name): RGD diagnostics without trees")
            #expect(a.generatedCRD?.result.crd == b.generatedCRD?.result.crd, "\(name): generated CRD without trees")
            #expect(a.generatedCRD?.result.diagnostics == b.generatedCRD?.result.diagnostics, "\(name): CRD diagnostics without trees")
            #expect(a.chainingContent?.digest == b.chainingContent?.digest, "\(name): chaining content without trees")
            #expect(ChainedKinds.instanceKey(of: a) == ChainedKinds.instanceKey(of: b), "\(name): instance key without trees")
            #expect(a.rgd.name == b.rgd.name && a.rgd.specKeyRange == b.rgd.specKeyRange, "\(name): header without trees")
            #expect(a.rgd.root.range == b.rgd.root.range && b.rgd.root.entries.isEmpty, "\(name): root without trees")
            #expect(a.rgd.resources.map(\.node.range) == b.rgd.resources.map(\.node.range), "\(name): resource ranges")
            #expect(a.rgd.resources.map(\.id) == b.rgd.resources.map(\.id), "\(name): resource ids")
            #expect(b.rgd.resources.allSatisfy { $0.node.mapping?.entries.isEmpty ?? true }, "\(name): resources without trees")
        }
        #expect(slim.yaml.documents.allSatisfy { $0.root == nil }, "\(name): document trees")
        let written = kept.yaml.documents.filter(\.errors.isEmpty).compactMap(Preview.typeMeta(of:))
        #expect(types.types == Set(written.map { TypeMeta(apiVersion: $0.apiVersion, kind: $0.kind) }), "\(name): document types")
    }

    @Test func corpusAndGeneratedRGDsHaveTheSameFindings() throws {
        let compared = try RGDCorpusTests.sumOverCorpusAndGenerated(generated: 40, generatedCRLF: 12, Self.compare)
        #expect(compared > 50)
    }

    /// What `.findings` does not check (unterminated `${…`, text that does not parse,
    /// expressions an earlier stage flagged) and what it must still check (forEach iterator
    /// types feeding templates, status types feeding the CRD).
    @Test func expressionsFindingsDoNotCheckGiveTheSameDiagnostics() {
        let text = """
            apiVersion: kro.run/v1alpha1
            kind: ResourceGraphDefinition
            metadata:
              name: mixed
            spec:
              schema:
                apiVersion: v1alpha1
                kind: Mixed
                spec:
                  name: string
                  regions: "[]string"
                status:
                  first: ${pods[0].metadata.name}
                  broken: ${cm.data.missing +}
                  typed: ${cm.metadata.name == "x"}
                conditions:
                  - ${cm.metadata.nme}
              resources:
                - id: cm
                  template:
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: ${schema.spec.name}
                    data:
                      open: "${schema.spec.name"
                      unknown: ${nothere.value}
                      twice: ${nothere.value}
                - id: pods
                  forEach:
                    - region: ${schema.spec.regions}
                  template:
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: ${region + "-" + cm.metadata.name}
                    spec:
                      containers:
                        - name: main
                          image: ${region * 2}
                  readyWhen:
                    - ${each.status.phase == "Running"}
                    - ${each.status.phase}
            """
        #expect(Self.compare(text, "mixed") == 1)
        let analysis = DocumentAnalyzer.analyze(SourceText(text), options: .bundled)
        #expect(analysis.diagnostics.count >= 4)
    }
}
