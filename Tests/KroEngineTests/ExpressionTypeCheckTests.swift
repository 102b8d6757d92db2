import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct ExpressionTypeCheckTests {
    /// `spec` lines from column 0; `status` and `resources` lines as they stand in the file.
    static func rgd(_ resources: String, spec: String = "name: string\nreplicas: integer | default=1\nenabled: boolean",
                    status: String = "") -> String {
        RGDFixture.head(name: "demo", kind: "Demo", schema: "spec:\n" + RGDFixture.indented(spec, by: 2))
            + status + "\n  resources:\n" + resources
    }

    /// `code@text` of each diagnostic (text = the file slice it points at), in order.
    func findings(_ yaml: String, codes: Set<String>? = nil) -> [String] {
        let source = SourceText(yaml)
        return DocumentAnalyzer.analyze(source, options: .bundled).diagnostics
            .filter { codes?.contains($0.code) ?? ($0.severity == .error) }
            .map { "\($0.code)@\(source.string(in: $0.range))" }
    }

    static let deployment = """
          - id: deploy
            template:
              apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: ${schema.spec.name}
              spec:
                replicas: REPLICAS
                selector:
                  matchLabels: {app: web}
                template:
                  metadata:
                    labels: {app: web}
                  spec:
                    containers:
                    - name: web
                      image: IMAGE
        """

    func deployment(replicas: String = "${schema.spec.replicas}", image: String = "nginx") -> String {
        Self.rgd(Self.deployment.replacingOccurrences(of: "REPLICAS", with: replicas).replacingOccurrences(of: "IMAGE", with: image))
    }

    @Test func aValidRGDHasNoErrors() {
        #expect(findings(deployment()).isEmpty)
    }

    @Test func standaloneTypeMismatchIsKRO334OnTheExpression() {
        #expect(findings(deployment(replicas: "${schema.spec.name}")) == ["KRO334@schema.spec.name"])
        let message = DocumentAnalyzer.analyze(SourceText(deployment(replicas: "${schema.spec.name}")), options: .bundled).diagnostics.first?.message
        #expect(message == "type mismatch in resource \"deploy\" at path \"spec.replicas\": expression \"schema.spec.name\" returns type \"string\" but expected \"int\": type kind mismatch: got \"string\", expected \"int\"")
    }

    @Test func unknownFieldsPointAtTheFieldName() {
        #expect(findings(deployment(image: "${schema.spec.nmae}")) == ["KRO333@nmae"])
        let message = DocumentAnalyzer.analyze(SourceText(deployment(image: "${schema.spec.nmae}")), options: .bundled).diagnostics.first?.message ?? ""
        #expect(message.contains("undefined field 'nmae'"))
        #expect(findings(deployment(image: "${deploy2.spec}")).first?.hasPrefix("KRO311") == true)
    }

    @Test func typeErrorsInsideStringTemplatesAndEscapedScalars() {
        // The `+` kro generates between the literal and (schema.spec.replicas) has no
        // place in the file: the error points at the embedded expression.
        #expect(findings(deployment(image: "nginx:${schema.spec.replicas}")) == ["KRO333@${schema.spec.replicas}"])
        #expect(findings(deployment(image: "\"nginx:\\t${schema.spec.nmae}\"")) == ["KRO333@nmae"])
        #expect(findings(deployment(image: "'${schema.spec.name + 1}'")) == ["KRO333@+"])
    }

    @Test func stringTemplateInAnIntegerFieldIsKRO307() {
        #expect(findings(deployment(replicas: "\"n${schema.spec.name}\"")) == ["KRO307@\"n${schema.spec.name}\""])
        #expect(findings(deployment(replicas: "\"3\"")) == ["KRO303@\"3\""])
        #expect(findings(deployment(replicas: "3.0")).isEmpty)
    }

    @Test func includeWhenAndForEachTypes() {
        let yaml = Self.rgd("""
              - id: cm
                includeWhen:
                - ${schema.spec.name}
                forEach:
                - region: ${schema.spec.name}
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: ${region}
        """)
        #expect(findings(yaml) == ["KRO336@schema.spec.name", "KRO332@schema.spec.name"])
    }

    @Test func unknownKindsGiveOneInformationalDiagnosticAndNoCascade() {
        let yaml = Self.rgd("""
              - id: bucket
                template:
                  apiVersion: s3.services.k8s.aws/v1alpha1
                  kind: Bucket
                  metadata:
                    name: ${schema.spec.name}
                  spec:
                    anything: ${schema.spec.replicas}
              - id: cm
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: x
                  data:
                    arn: ${bucket.status.ackResourceMetadata.arn}
        """)
        #expect(findings(yaml, codes: ["KRO905"]) == ["KRO905@Bucket"])
        #expect(findings(yaml).isEmpty)
    }
}

@Suite struct StatusSchemaFromTypesTests {
    @Test func statusFieldsGetTheSchemasOfTheirTypes() throws {
        let yaml = ExpressionTypeCheckTests.rgd("""
              - id: deploy
                template:
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: "${schema.spec.name}"}
                  spec:
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec: {containers: [{name: web, image: nginx}]}
        """, status: """
            status:
              available: ${deploy.status.availableReplicas}
              url: "http://${schema.spec.name}"
              ready: ${deploy.status.availableReplicas > 0}
              endpoints: ["${deploy.metadata.name}"]
        """)
        let analysis = try #require(DocumentAnalyzer.analyze(SourceText(yaml), options: .bundled).rgds.first)
        #expect(analysis.diagnostics.filter { $0.severity == .error }.isEmpty)
        let byPath = Dictionary(uniqueKeysWithValues: analysis.statusSchemas.map { ($0.path, $0.schema) })
        #expect(byPath[[.field("available")]] == ["type": "integer"])
        #expect(byPath[[.field("url")]] == ["type": "string"])
        #expect(byPath[[.field("ready")]] == ["type": "boolean"])
        #expect(byPath[[.field("endpoints"), .index(0)]] == ["type": "string"])
        let crd = try #require(RGDCRDReader.generate(rgd: analysis.rgd, simpleSchema: analysis.instanceSchema,
                                                     status: analysis.statusSchemas))
        let status = crd.result.crd["spec"]?["versions"]?.arrayValue?.first?["schema"]?["openAPIV3Schema"]?["properties"]?["status"]
        #expect(status?["properties"]?["available"] == ["type": "integer"])
        #expect(status?["properties"]?["endpoints"] == ["items": ["type": "string"], "type": "array"])
        #expect(status?["properties"]?["state"] == ["type": "string"])
    }
}

@Suite struct TypeCheckCodesTests {
    func findings(_ resources: String, status: String = "") -> [String] {
        ExpressionTypeCheckTests().findings(ExpressionTypeCheckTests.rgd(resources, status: status))
    }

    static let configMap = """
                template:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: NAME
        """

    func resource(_ head: String, name: String = "x") -> String {
        "      - id: cm\n" + head + Self.configMap.replacingOccurrences(of: "NAME", with: name)
    }

    @Test func checkErrorsOfEachExpressionKindPointAtTheOffendingToken() {
        #expect(findings(resource("        forEach:\n        - region: ${schema.spec.nmae}\n", name: "${region}"))
                == ["KRO330@nmae"])
        #expect(findings(resource("        includeWhen:\n        - ${schema.spec.enabled && schema.spec.nmae}\n"))
                == ["KRO335@nmae"])
        #expect(findings(resource("        readyWhen:\n        - ${cm.data.x == 1}\n")) == ["KRO341@=="])
        #expect(findings(resource("        readyWhen:\n        - ${cm.metadata.name}\n")) == ["KRO342@cm.metadata.name"])
    }

    @Test func statusAndConditionTypes() {
        let cm = resource("")
        #expect(findings(cm, status: "    status:\n      x: ${cm.data.nope.size() + true}") == ["KRO406@+"])
        #expect(findings(cm, status: "    status:\n      conditions:\n      - ${cm.metadata.name}")
                == ["KRO419@cm.metadata.name"])
        #expect(findings(cm, status: "    status:\n      conditions:\n      - \"${[runtime.newCondition({type: 'A', status: 'True'})].map(c, c.nope)}\"")
                == ["KRO418@nope"])
        #expect(findings(cm, status: "    status:\n      conditions:\n      - \"${runtime.newCondition({type: 'A', status: 'True'})}\"")
                .isEmpty)
    }
}

@Suite struct StatusReferenceCascadeTests {
    @Test func aMisspeltStatusReferenceIsReportedOnce() {
        let tests = ExpressionTypeCheckTests()
        let resources = "      - id: cm\n" + TypeCheckCodesTests.configMap.replacingOccurrences(of: "NAME", with: "x")
        #expect(tests.findings(ExpressionTypeCheckTests.rgd(resources, status: "    status:\n      x: ${cn.metadata.name}"))
                == ["KRO405@cn"])
        #expect(tests.findings(ExpressionTypeCheckTests.rgd(resources, status: "    status:\n      x: ${'const'}"))
                == ["KRO407@'const'"])
    }
}
