import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// Admission of instances against the generated CRD: API server field errors at the
/// instance's own positions (rgd.md §18 step 1).
@Suite struct InstanceAdmissionTests {
    static let rgd = demoRGD(schema: """
        types:
          Port:
            number: integer | minimum=1 maximum=65535
        spec:
          name: string | required=true pattern="^[a-z]+$"
          replicas: integer | default=1 maximum=10
          mode: string | enum="fast,safe" default="safe"
          tags: "[]string | uniqueItems=true"
          ports: "[]Port"
          label: string | maxLength=5
          budget: integer | validation="self >= 0"
        """, resources: """
        - id: cm
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ${schema.spec.name}
        """)

    func admit(_ marked: MarkedText, maxFindings: Int = AnalysisLimits().maxFindings) throws -> AdmittedInstance {
        let analysis = try #require(DocumentAnalyzer.analyze(SourceText(Self.rgd), options: .bundled).rgds.first)
        let crd = try #require(analysis.generatedCRD?.result.crd)
        let kind = try #require(InstanceKind(crd: crd))
        let document = try #require(YAMLParser.parse(marked.source).documents.first)
        return InstanceAdmission.admit(document, kind: kind, maxFindings: maxFindings)
    }

    @Test func violationsNameTheFieldAtItsPosition() throws {
        let marked = MarkedText("""
            apiVersion: kro.run/v1alpha1
            kind: Demo
            metadata:
              name: demo
            spec:
              name: 1️⃣Héllo
              replicas: 2️⃣"three"
              mode: 3️⃣slow
              tags: [a, 4️⃣a]
              ports:
              - number: 5️⃣0
              label: 6️⃣toolong
              budget: 7️⃣-1
            """)
        let admitted = try admit(marked)
        let found = admitted.diagnostics.map { ($0.range.start, $0.message) }
        let expected: [(Int, String)] = [
            (marked.offsets[1]!, "spec.name: Invalid value: \"Héllo\": spec.name in body should match '^[a-z]+$'"),
            (marked.offsets[2]!, "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""),
            (marked.offsets[3]!, "spec.mode: Unsupported value: \"slow\": supported values: \"fast\", \"safe\""),
            (marked.offsets[4]!, "spec.tags[1]: Duplicate value: \"a\""),
            (marked.offsets[5]!, "spec.ports[0].number: Invalid value: 0: spec.ports[0].number in body should be greater than or equal to 1"),
            (marked.offsets[6]!, "spec.label: Too long: may not be more than 5 bytes"),
            (marked.offsets[7]!, "spec.budget: Invalid value: \"integer\": validation failed"),
        ]
        #expect(found.count == expected.count)
        for (a, e) in zip(found, expected) {
            #expect(a.0 == e.0 && a.1 == e.1, "\(a) vs \(e)")
        }
        #expect(admitted.diagnostics.allSatisfy { $0.code == "KRO601" && $0.severity == .error })
        // Columns count characters: `Héllo` starts at column 9 of line 6 (1-based).
        let position = marked.source.position(of: marked.offsets[1]!, encoding: .unicodeScalars)
        #expect(position == TextPosition(line: 5, column: 8))
    }

    @Test func requiredFieldsAndNamesPointAtTheirParent() throws {
        let marked = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Demo\n1️⃣metadata: {}\n2️⃣spec:\n  replicas: 3\n")
        let admitted = try admit(marked)
        #expect(admitted.diagnostics.map(\.message) == [
            "metadata.name: Required value: name or generateName is required",
            "spec.name: Required value",
        ])
        #expect(admitted.diagnostics.map(\.range.start) == [marked.offsets[1]!, marked.offsets[2]!])
    }

    @Test func unknownFieldsArePrunedWithAWarningAndDefaultsApplied() throws {
        let marked = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  name: ok\n  1️⃣extra: 1\n")
        let admitted = try admit(marked)
        #expect(admitted.diagnostics.map(\.message) == ["unknown field \"spec.extra\""])
        #expect(admitted.diagnostics.first?.severity == .warning)
        #expect(admitted.diagnostics.first?.range.start == marked.offsets[1]!)
        #expect(admitted.object["spec"]?.sortedKeys() == yamlObject("{name: ok, replicas: 1, mode: safe}").sortedKeys())
    }

    /// Fields of a mapping too large to search each time, a repeated key (the last one
    /// counts) and fields merged from an anchored mapping are each found where written.
    @Test func fieldsAreFoundThroughLargeMappingsRepeatedKeysAndMerges() throws {
        let unknown = (0..<40).map { "  «u\($0)»: 1\n" }.joined()
        let marked = MarkedText("""
            apiVersion: kro.run/v1alpha1
            kind: Demo
            metadata:
              name: demo
            2️⃣x-base: &base {replicas: 3️⃣"three"}
            spec:
              <<: *base
              name: Bad
              name: 4️⃣BAD
            \(unknown)
            """)
        let admitted = try admit(marked)
        let byMessage = Dictionary(admitted.diagnostics.map { ($0.message, $0.range.start) }, uniquingKeysWith: { a, _ in a })
        #expect(byMessage["unknown field \"x-base\""] == marked.offsets[2])
        #expect(byMessage["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""] == marked.offsets[3])
        #expect(byMessage["spec.name: Invalid value: \"BAD\": spec.name in body should match '^[a-z]+$'"] == marked.offsets[4])
        for i in 0..<40 {
            #expect(byMessage["unknown field \"spec.u\(i)\""] == marked.ranges[i].start)
        }
        #expect(admitted.diagnostics.count == 43)
    }

    /// Past the limit, findings are left out and KRO921 marks the first one left out: a
    /// warning while only warnings were left out (the instance still renders), an error
    /// once an error was.
    @Test func findingsPastTheLimitAreLeftOutWithKRO921() throws {
        let unknown = (0..<6).map { "  u\($0): 1\n" }.joined()
        let head = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: demo\nspec:\n  name: ok\n" + unknown
        let warnings = try admit(MarkedText(head + "  1️⃣v: 1\n"), maxFindings: 6)
        #expect(warnings.diagnostics.count == 7)
        #expect(warnings.diagnostics.prefix(6).allSatisfy { $0.code == "KRO601" })
        let notice = try #require(warnings.diagnostics.last)
        #expect(notice.code == "KRO921" && notice.severity == .warning)
        #expect(notice.message == "the instance has more than 6 findings, over kro-lsp's limit of 6; this one and the rest are not reported")
        #expect(notice.range.start == MarkedText(head + "  1️⃣v: 1\n").offsets[1])
        #expect(!warnings.hasErrors)

        let errors = try admit(MarkedText(head + "  v: 1\n  replicas: 99\n"), maxFindings: 6)
        #expect(errors.diagnostics.count == 7)
        #expect(errors.diagnostics.last?.code == "KRO921" && errors.diagnostics.last?.severity == .error)
        #expect(errors.hasErrors)
    }

    /// The instance kind of an RGD of `schema` with one ConfigMap.
    static func instanceKind(_ kind: String, schema: String) throws -> InstanceKind {
        let rgd = demoRGD(kind: kind, schema: schema, resources: RGDFixture.configMap("cm", name: "x"))
        let analysis = try #require(DocumentAnalyzer.analyze(SourceText(rgd), options: .bundled).rgds.first)
        let crd = try #require(analysis.generatedCRD?.result.crd)
        return try #require(InstanceKind(crd: crd))
    }

    /// Validation rules share the API server's cost budget per object: once spent, one
    /// error says so where the rule that went over was, and no rule runs after it.
    @Test func validationRulesStopWhenTheirBudgetIsSpent() throws {
        let kind = try Self.instanceKind("Ruled", schema: """
            types:
              Item:
                count: integer | validation="self >= 0"
            spec:
              items: "[]Item"
            """)
        let items = (0..<20).map { "  - count: «\($0 == 19 ? -1 : $0)»\n" }.joined()
        let marked = MarkedText("apiVersion: kro.run/v1alpha1\nkind: Ruled\nmetadata:\n  name: r\nspec:\n  items:\n" + items)
        let document = try #require(YAMLParser.parse(marked.source).documents.first)

        let full = InstanceAdmission.admit(document, kind: kind)
        #expect(full.diagnostics.map(\.message) == ["spec.items[19].count: Invalid value: \"integer\": validation failed"])

        let spent = InstanceAdmission.admit(document, kind: kind, ruleCostBudget: 20)
        let outOfBudget = "Invalid value: \"integer\": validation failed due to running out of cost budget, no further validation rules will be run"
        #expect(spent.diagnostics.count == 1)
        let error = try #require(spent.diagnostics.first)
        #expect(error.message.hasSuffix(outOfBudget) && error.severity == .error)
        let index = try #require(Int(error.message.dropFirst("spec.items[".count).prefix { $0 != "]" }))
        #expect(index > 0 && index < 19)
        #expect(error.range.start == marked.ranges[index].start)
    }

    /// Large enums and long unique lists: each value is checked against a set, and the
    /// choices a message lists stop at what the message keeps.
    @Test func largeEnumsAndUniqueListsAreCheckedThroughSets() throws {
        let values = (0..<3_000).map { "v\($0)" }
        let kind = try Self.instanceKind("Big", schema: """
            spec:
              small: 'string | enum="\(values.prefix(40).joined(separator: ","))"'
              large: 'string | enum="\(values.joined(separator: ","))"'
              tags: "[]string | uniqueItems=true"
            """)
        func admit(_ spec: String) throws -> [String] {
            let text = "apiVersion: kro.run/v1alpha1\nkind: Big\nmetadata:\n  name: b\nspec:\n" + spec
            let document = try #require(YAMLParser.parse(SourceText(text)).documents.first)
            return InstanceAdmission.admit(document, kind: kind).diagnostics.map(\.message)
        }
        #expect(try admit("  small: v39\n  large: v2999\n").isEmpty)
        let small = try admit("  small: v40\n")
        #expect(small == ["spec.small: Unsupported value: \"v40\": supported values: "
            + values.prefix(40).map { "\"\($0)\"" }.joined(separator: ", ")])
        let large = try #require(try admit("  large: nope\n").first)
        #expect(large.hasPrefix("spec.large: Unsupported value: \"nope\": supported values: \"v0\", \"v1\", "))
        #expect(large.hasSuffix(" more)"))

        let tags = (0..<5_000).map { "  - t\($0 % 4_000)\n" }.joined()
        let duplicates = try admit("  tags:\n" + tags)
        #expect(duplicates.count == 1_000)
        #expect(duplicates.first == "spec.tags[4000]: Duplicate value: \"t0\"")
        #expect(duplicates.last == "spec.tags[4999]: Duplicate value: \"t999\"")
    }

    @Test func crlfAndWrongKindAreReported() throws {
        let marked = MarkedText("apiVersion: kro.run/v1alpha1\r\nkind: 1️⃣Other\r\nmetadata:\r\n  name: demo\r\nspec:\r\n  name: 2️⃣ABC\r\n")
        let admitted = try admit(marked)
        #expect(admitted.diagnostics.map(\.range.start) == [marked.offsets[1]!, marked.offsets[2]!])
        #expect(admitted.diagnostics.first?.message == "kind: Invalid value: \"Other\": must be Demo")
    }
}

/// `--check` reports admission errors in instance files of the run's RGDs.
@Suite struct InstanceCheckTests {
    @Test func instanceDocumentsOfTheRunsRGDsAreAdmitted() throws {
        let rgds = DocumentAnalyzer.analyze(SourceText(InstanceAdmissionTests.rgd), options: .bundled).rgds
        let marked = MarkedText("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: unrelated
            ---
            apiVersion: kro.run/v1alpha1
            kind: Demo
            metadata:
              name: demo
            spec:
              name: ok
              replicas: 1️⃣11
            """)
        let diagnostics = Preview.instanceDiagnostics(YAMLParser.parse(marked.source), rgds: rgds)
        #expect(diagnostics.map(\.message) == ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"])
        #expect(diagnostics.first?.range.start == marked.offsets[1])
    }

    /// A file of many instances stops admitting them once its findings are over the limit:
    /// the first by document, then KRO921 (an error: what was left out is not known).
    @Test func aFileOfManyInstancesIsCutAtTheLimit() throws {
        let rgds = DocumentAnalyzer.analyze(SourceText(InstanceAdmissionTests.rgd), options: .bundled).rgds
        let instance = { (n: Int, fields: String) in
            "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata:\n  name: d\(n)\nspec:\n  name: ok\n" + fields
        }
        let marked = MarkedText([instance(0, "  a: 1\n  b: 1\n"), instance(1, "  c: 1\n  «d»: 1\n"),
                                 instance(2, "  e: 1\n")].joined(separator: "---\n"))
        let file = YAMLParser.parse(marked.source)
        let all = Preview.instanceDiagnostics(file, rgds: rgds)
        #expect(all.map(\.message) == ["a", "b", "c", "d", "e"].map { "unknown field \"spec.\($0)\"" })
        var limits = AnalysisLimits()
        limits.maxFindings = 3
        let cut = Preview.instanceDiagnostics(file, rgds: rgds, limits: limits)
        #expect(Array(cut.prefix(3)) == Array(all.prefix(3)))
        #expect(cut.count == 4 && cut.last?.code == "KRO921" && cut.last?.severity == .error)
        #expect(cut.last?.range == marked.ranges[0])
        #expect(cut.last?.message == "the file has more than 3 findings, over kro-lsp's limit of 3 per file; "
            + "this one and the rest are not reported")
        limits.maxFindings = 5
        #expect(Preview.instanceDiagnostics(file, rgds: rgds, limits: limits) == all)
    }

    /// The validation rules of a file's instances share a budget: past it, KRO921 (a
    /// warning) where the rule that ran out is, and no rule runs after it.
    @Test func aFilesInstancesShareTheirValidationRulesBudget() throws {
        let rgd = RGDFixture.head(name: "rules", kind: "Rules",
                                  schema: "spec:\n  items: '[]string | maxItems=10 validation=\"self.all(x, x.size() < 3)\"'")
            + "\n  resources: []\n"
        let rgds = DocumentAnalyzer.analyze(SourceText(rgd), options: .bundled).rgds
        let instance = { (name: String, items: String) in
            "apiVersion: kro.run/v1alpha1\nkind: Rules\nmetadata:\n  name: \(name)\nspec:\n  items: \(items)\n"
        }
        let marked = MarkedText([instance("a", "[aa, bb]"), instance("b", "«[aaaa]»"), instance("c", "[cccc]")]
            .joined(separator: "---\n"))
        let file = YAMLParser.parse(marked.source)
        let all = Preview.instanceDiagnostics(file, rgds: rgds)
        #expect(all.map(\.code) == ["KRO601", "KRO601"])
        let crd = try #require(rgds.first?.generatedCRD?.result.crd)
        let kind = try #require(InstanceKind(crd: crd))
        let first = InstanceAdmission.admit(file.documents[0], kind: kind)
        #expect(first.ruleCost > 0 && first.diagnostics.isEmpty && !first.rulesRanOut)

        var limits = AnalysisLimits()
        limits.maxRuleCostPerFile = first.ruleCost  // spent by the first instance
        let cut = Preview.instanceDiagnostics(file, rgds: rgds, limits: limits)
        #expect(cut.count == 1 && cut[0].code == "KRO921" && cut[0].severity == .warning)
        #expect(cut[0].range == marked.ranges[0])
        #expect(cut[0].message == "the validation rules of this file's instances cost more than \(first.ruleCost) together, "
            + "over kro-lsp's limit of \(first.ruleCost) per file; this rule and those after it are not run")
    }
}
