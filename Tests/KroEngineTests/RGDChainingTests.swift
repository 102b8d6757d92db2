import Testing
import JSON
import YAMLSyntax
import KroTestSupport
@testable import KroEngine

/// RGD chaining: a resource whose kind another RGD checked together defines is typed
/// from that RGD's generated CRD (spec, and status as inferred from its expressions).
@Suite struct RGDChainingTests {
    static let database = ChainingFixtures.database()

    /// Analyses every text together, as one `--check` run does.
    func analyzeTogether(_ texts: [String]) -> [DocumentAnalysis] {
        RGDChaining.analyze(count: texts.count, location: { "file\($0).yaml" }, rgds: { $0.rgds }) { i, chained in
            var options = AnalysisOptions.bundled
            options.chainedKinds = chained
            return DocumentAnalyzer.analyze(SourceText(texts[i]), options: options)
        }.map { $0! }
    }

    @Test func aResourceOfAnotherRGDsKindIsTypedFromItsGeneratedCRD() throws {
        let marked = ChainingFixtures.app("""
                  spec:
                    1️⃣sise2️⃣: 3
              - id: cm
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: x
                  data:
                    value: ${3️⃣db.status.endpoint + db.spec.size4️⃣}
            """)
        let alone = DocumentAnalyzer.analyze(marked.source, options: .bundled).diagnostics
        #expect(alone.map(\.code).contains("KRO905"))
        let together = analyzeTogether([marked.text, Self.database])
        let found = together[0].diagnostics
        #expect(!found.map(\.code).contains("KRO905"))
        // The field the child's spec lacks, with a did-you-mean from the generated CRD.
        let unknown = try #require(found.first { $0.code == "KRO304" })
        #expect(unknown.range == marked.range(1, 2))
        #expect(unknown.fixes.first?.edits.map(\.newText) == ["size"])
        // The child's status field is a string, its spec.size an int: string + int fails.
        let mismatch = try #require(found.first { $0.range.start >= marked.offsets[3]! && $0.severity == .error })
        #expect(mismatch.message.contains("'_+_' applied to '(string, int)'"))
        // Diagnostics about a chained kind say where its schema came from.
        #expect(mismatch.related.contains { $0.message.contains("RGD \"database\"") && $0.range.start == marked.ranges[0].start })
        #expect(together[1].diagnostics.isEmpty)
    }

    @Test func theResultDoesNotDependOnTheOrderOfTheInputs() {
        let marked = ChainingFixtures.misspelledApp()
        let forward = analyzeTogether([marked.text, Self.database])[0].diagnostics
        let backward = analyzeTogether([Self.database, marked.text])[1].diagnostics
        #expect(forward == backward)
        #expect(forward.map(\.code) == ["KRO304"])
    }

    @Test func statusTypesFlowThroughAChainOfThree() throws {
        // Top reads Middle's status, which reads Database's status: two rounds.
        let middle = ChainingFixtures.reader("middle", kind: "Middle", status: "url: ${db.status.endpoint}",
                                             id: "db", reads: "Database")
        let top = MarkedText(ChainingFixtures.reader("top", kind: "Top", id: "mid", reads: "Middle", more: """
            - id: cm
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: top-config
                data:
                  count: ${1️⃣mid.status.url * 22️⃣}
            """))
        for order in [[top.text, middle, Self.database], [Self.database, middle, top.text]] {
            let results = analyzeTogether(order)
            let topResult = try #require(results.first { $0.source.text == top.text })
            let errors = topResult.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1)
            #expect(errors.first?.message.contains("'_*_' applied to '(string, int)'") == true)
        }
    }

    @Test func rgdsThatChainInACycleFinish() {
        let a = ChainingFixtures.reader("a", kind: "A", status: "fromB: ${b.status.fromA}", id: "b", reads: "B")
        let b = ChainingFixtures.reader("b", kind: "B", status: "fromA: ${a.status.fromB}", id: "a", reads: "A")
        let results = analyzeTogether([a, b])
        #expect(results.count == 2)
        // Neither status type is ever known: both stay typeless, nothing is invented.
        #expect(results.allSatisfy { !$0.diagnostics.map(\.code).contains("KRO905") })
    }

    @Test func aKindTwoRGDsDefineDifferentlyStaysUntypedAndSaysWhy() throws {
        let other = Self.database.replacingOccurrences(of: "size: integer | default=1", with: "size: string")
            .replacingOccurrences(of: "name: database", with: "name: database-v2")
        let marked = ChainingFixtures.misspelledApp()
        let diagnostics = analyzeTogether([marked.text, Self.database, other])[0].diagnostics
        let info = try #require(diagnostics.first { $0.code == "KRO905" })
        #expect(info.severity == .information)
        #expect(info.range.start == marked.ranges[0].start)
        #expect(info.message.contains("defined differently by several RGDs checked together (\"database\" (file1.yaml), \"database-v2\" (file2.yaml))"))
        #expect(!diagnostics.map(\.code).contains("KRO304"))
        // The very same RGD found twice is one definition.
        let twice = analyzeTogether([marked.text, Self.database, Self.database])[0].diagnostics
        #expect(twice.map(\.code) == ["KRO304"])
    }

    @Test func aDeclaredGroupIsTheInstanceApiVersion() {
        let grouped = ChainingFixtures.database(group: "data.example.com")
        let kroGroup = ChainingFixtures.misspelledApp()
        let exampleGroup = ChainingFixtures.misspelledApp(apiVersion: "data.example.com/v1alpha1")
        #expect(analyzeTogether([exampleGroup.text, grouped])[0].diagnostics.map(\.code) == ["KRO304"])
        // kro.run/v1alpha1 Database is not what the grouped RGD defines.
        #expect(analyzeTogether([kroGroup.text, grouped])[0].diagnostics.map(\.code) == ["KRO905"])
    }

    @Test func rgdsInOneFileChainToo() {
        let marked = ChainingFixtures.misspelledApp()
        let file = marked.text + "\n---\n" + Self.database
        #expect(analyzeTogether([file])[0].diagnostics.map(\.code) == ["KRO304"])
    }

    @Test func anRGDDoesNotTypeItsOwnInstances() {
        let selfReferencing = Self.database.replacingOccurrences(of: """
              - id: config
            """, with: """
              - id: again
                template:
                  apiVersion: kro.run/v1alpha1
                  kind: Database
                  metadata:
                    name: again
                  spec:
                    sise: 1
              - id: config
            """)
        let codes = analyzeTogether([selfReferencing])[0].diagnostics.map(\.code)
        #expect(codes == ["KRO905"])
    }

    @Test func theUsersCRDWinsOverASiblingRGD() throws {
        let crd: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "spec": ["group": "kro.run", "names": ["kind": "Database"], "scope": "Namespaced",
                     "versions": [["name": "v1alpha1", "served": true,
                                   "schema": ["openAPIV3Schema": ["type": "object", "properties": [
                                       "spec": ["type": "object", "properties": ["sise": ["type": "integer"]]]]]]]]]]
        let marked = ChainingFixtures.misspelledApp()
        var options = AnalysisOptions.bundled
        options.schemaStore = bundledSchemaStore.adding(crdKinds: CRDSchemas.kinds(in: crd, path: "db-crd.yaml"))
        options.chainedKinds = ChainedKinds(rgds: DocumentAnalyzer.analyze(SourceText(Self.database), options: .bundled).rgds.map { ($0, "db.yaml") })
        #expect(DocumentAnalyzer.analyze(marked.source, options: options).diagnostics.isEmpty)
    }
}
