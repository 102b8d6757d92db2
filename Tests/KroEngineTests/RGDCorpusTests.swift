import Foundation
import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct RGDCorpusTests {
    /// Files the corpus README lists as invalid/partial, plus two real mistakes in
    /// upstream examples that kro itself rejects (a typo `spc` for `schema.spec`, and an
    /// externalRef whose `name`/`namespace` are not indented under `metadata`).
    static let expectedErrors: [String: Set<String>] = [
        "kro-docs/docs/concepts/rgd/00-overview.block2.yaml": ["KRO004"],
        "kro-examples/aws/ack-controller/all-controllers.yaml": ["KRO001"],
        "kro-examples/aws/dogsvscats-appstack/instance-template.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/application-sets/templates/application-set.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/kro-clusters/templates/clusters.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/kro/instances/pod-identity/templates/instance.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/multi-acct/templates/iam-role-selector.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/multi-acct/templates/namespace.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/pod-identity/templates/pod-identity-association.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/pod-identity/templates/pod-identity-policy.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/pod-identity/templates/pod-identity-role.yaml": ["KRO001"],
        "kro-examples/aws/eks-cluster-mgmt/charts/storageclass-resources/templates/storageclass.yaml": ["KRO001"],
        "kro-examples/aws/elasticache-serverless/instance-template.yaml": ["KRO001"],
        "kro-examples/aws/rds-postgres/instance-template.yaml": ["KRO001"],
        "kro-examples/aws/ack-eks-cluster/eks-reused.yaml": ["KRO311"],
        "kro-examples/gcp/gemma-on-tpu/rgd.yaml": ["KRO012", "KRO017"],
        // Marker values with spaces must be quoted (simpleschema.md §4.1): kro reads
        // `default=IRSA role for …` as `default=IRSA` plus a dangling word (KRO113).
        // `"--flag=" + (bool)` has no `+` overload in CEL (rgd.md §8.3, KRO333).
        "kro-examples/aws/ack-controller/controllers/ec2-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/controllers/ecr-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/controllers/ecr-public-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/controllers/eks-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/controllers/iam-controller.yaml": ["KRO333"],
        "kro-examples/aws/ack-controller/controllers/s3-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/controllers/sqs-controller.yaml": ["KRO113", "KRO333"],
        "kro-examples/aws/ack-controller/resourcegroup.yaml": ["KRO113"],
        // A bool written into `nodeSelector`, a map of strings (cel.md §9 rule 8).
        "kro-examples/aws/llm/llm.yaml": ["KRO334"],
    ]

    static func corpusFiles() -> [String] {
        let root = sharedDirectory().appendingPathComponent("corpus")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    /// `count(text, name)` summed over every corpus RGD, then a generated RGD of `generated`
    /// resources and one of `generatedCRLF` resources with CRLF line breaks.
    static func sumOverCorpusAndGenerated(generated: Int, generatedCRLF: Int,
                                          _ count: (String, String) -> Int) throws -> Int {
        let root = sharedDirectory().appendingPathComponent("corpus")
        var sum = 0
        for name in corpusFiles() {
            sum += count(try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8), name)
        }
        sum += count(GeneratedRGD(resources: generated).text, "generated")
        sum += count(GeneratedRGD(resources: generatedCRLF, lineBreak: "\r\n").text, "generated CRLF")
        return sum
    }

    /// With the shared ACK CRDs loaded, resources of those kinds are typed too. One example
    /// sets EKS Cluster fields (computeConfig, storageConfig, …) that the shared CRD, an
    /// older ACK release, does not have: kro with that CRD installed rejects them alike.
    static let expectedErrorsWithCRDs: [String: Set<String>] = expectedErrors.merging([
        "kro-examples/aws/eks-cluster-mgmt/charts/kro/resource-groups/eks/rg-eks-basic.yaml": ["KRO304"],
    ]) { _, new in new }

    @Test func everyFileHasTheExpectedErrorsWithTheSharedCRDs() throws {
        var options = AnalysisOptions.bundled
        let (store, problems) = SchemaStore.loading(crdPaths: [sharedDirectory().appendingPathComponent("crds").path],
                                                    onto: bundledSchemaStore)
        #expect(problems.isEmpty)
        options.schemaStore = store
        try checkCorpus(options: options, expected: Self.expectedErrorsWithCRDs)
    }

    @Test func everyFileHasTheExpectedErrors() throws {
        try checkCorpus(options: .bundled, expected: Self.expectedErrors)
    }

    func checkCorpus(options: AnalysisOptions, expected expectedByFile: [String: Set<String>]) throws {
        let root = sharedDirectory().appendingPathComponent("corpus")
        let files = Self.corpusFiles()
        #expect(files.count >= 100)
        var rgdCount = 0
        for file in files {
            let data = try Data(contentsOf: root.appendingPathComponent(file))
            let analysis = DocumentAnalyzer.analyze(SourceText(bytes: Array(data)), options: options)
            rgdCount += analysis.rgds.count
            let codes = Set(analysis.diagnostics.filter { $0.severity == .error }.map(\.code))
            let expected = expectedByFile[file] ?? []
            #expect(codes == expected, "\(file): \(analysis.diagnostics.filter { $0.severity == .error }.map { "\($0.code) \($0.message)" })")
        }
        #expect(rgdCount >= 60)
    }
}
